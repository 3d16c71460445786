"""The `remit check` command (registered into dashboard.cli's parser)."""
