"""The `remit diff` command (registered into dashboard.cli's parser)."""
