"""Shared fixtures: the seed data, and the two backends every two-tier test is parametrized over.

A test that takes the `backend` fixture runs once on networkx and once on the real local Neo4j
(see tests/neo4j_support.py); the Neo4j run is skipped only when no server is configured and
REMIT_REQUIRE_NEO4J is not set. CI sets it, so there a missing server fails the run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from remit.loader import read_files
from remit.loader.memory import graph_from_dataset
from remit.queries.backend import MemoryBackend

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seed"
DOCUMENTS = ROOT.parent / "shared" / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


def _not_at_hand(reason: str) -> None:
    """Skip a test whose shared/ input is missing (a fresh clone); fail instead in CI, which has it."""
    if os.environ.get("REMIT_REQUIRE_DOCUMENTS") == "1":
        pytest.fail(f"REMIT_REQUIRE_DOCUMENTS=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def documents() -> Path:
    """The five source documents (../shared/seeds). A fresh clone without shared/ beside it skips the
    tests that read them, with the reason; CI sets REMIT_REQUIRE_DOCUMENTS=1, where they must run."""
    if not any(DOCUMENTS.glob("*.txt")):
        _not_at_hand(f"the source documents are not at hand ({DOCUMENTS} has no *.txt)")
    return DOCUMENTS


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data (published organograms, the local authority register), as `documents` is."""
    if not (SHARED_DATA / "organograms").is_dir():
        _not_at_hand(f"the published data files are not at hand ({SHARED_DATA}/organograms is missing)")
    return SHARED_DATA


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
