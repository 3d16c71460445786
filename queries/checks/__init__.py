"""Statutory assurance rules: each a catalogue question of kind "rule" with a Cypher file here and a
networkx function beside it, found by the catalogue's scan of this package."""
