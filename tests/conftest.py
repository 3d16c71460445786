"""Shared fixtures: the seed data, and the two backends every two-tier test is parametrized over.

A test that takes the `backend` fixture runs once on networkx and once on the real local Neo4j
(see tests/neo4j_support.py); the Neo4j run is skipped only when no server is configured and
REMIT_REQUIRE_NEO4J is not set. CI sets it, so there a missing server fails the run.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from remit.loader import read_files
from remit.loader.memory import graph_from_dataset
from remit.queries.backend import MemoryBackend

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seed"
DOCUMENTS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_dataset():
    return read_files([SEED])


@pytest.fixture(scope="session")
def memory_backend(seed_dataset):
    return MemoryBackend(graph_from_dataset(seed_dataset), seed_dataset)


@pytest.fixture(scope="session")
def neo4j_backend(seed_dataset):
    from tests.neo4j_support import seeded_neo4j_backend

    return seeded_neo4j_backend(seed_dataset)


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend(request):
    return request.getfixturevalue(f"{request.param}_backend")
