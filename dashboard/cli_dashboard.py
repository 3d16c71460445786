"""The `remit dashboard` command (registered into dashboard.cli's parser)."""
