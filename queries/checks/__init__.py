"""Statutory assurance rules: each a catalogue question of kind "rule" with a Cypher file here and a
networkx function in rules.py, returning rows (rule, outcome pass|flag, evidence, posts, sources)."""
from . import rules  # noqa: F401
