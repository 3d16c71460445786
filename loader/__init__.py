"""Remit's loader: structure files in, a validated model and graph out (networkx or Neo4j)."""

from .files import Dataset, default_data_dir, read_files
from .problems import InvalidStructureFiles, Problem

__all__ = ["Dataset", "InvalidStructureFiles", "Problem", "default_data_dir", "read_files"]
