"""The two stores behind one interface: run a catalogue question, get normalised rows.

The memory backend builds the networkx graph from structure files (the embedded default); the
Neo4j backend runs the question's Cypher in a read transaction with parameters, never with
values formatted into the query text.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from loader import Dataset, default_data_dir, read_files
from loader.memory import graph_from_dataset

from .catalogue import Question, get
from .rows import normalise


class Backend(Protocol):
    name: str

    def run(self, question: Question | str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...


@dataclass
class MemoryBackend:
    graph: nx.MultiDiGraph
    dataset: Dataset | None = None
    name: str = "memory"

    @classmethod
    def from_paths(cls, paths: list[str | Path] | None = None) -> "MemoryBackend":
        data = read_files(paths or [default_data_dir()])
        return cls(graph_from_dataset(data), data)

    def run(self, question: Question | str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        q = get(question) if isinstance(question, str) else question
        rows = q.nx(self.graph, **_with_defaults(q, params))
        return normalise(rows, q.columns, q.sort_by)


class Neo4jBackend:
    """Runs catalogue Cypher on a Neo4j database; the driver comes from loader.neo4j_store."""

    name = "neo4j"

    def __init__(self, driver: Any, database: str, timeout: float | None = 30.0):
        self.driver = driver
        self.database = database
        self.timeout = timeout

    def run(self, question: Question | str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        q = get(question) if isinstance(question, str) else question
        records = self.read(q.cypher, _with_defaults(q, params))
        return normalise(records, q.columns, q.sort_by)

    def read(self, cypher: str, params: dict[str, Any], limit: int | None = None) -> list[dict[str, Any]]:
        import neo4j

        def work(tx: Any) -> list[dict[str, Any]]:
            result = tx.run(cypher, params)
            out = []
            for record in result:
                out.append(record.data())
                if limit is not None and len(out) >= limit:
                    break
            return out

        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            tx_work = neo4j.unit_of_work(timeout=self.timeout)(work) if self.timeout else work
            return session.execute_read(tx_work)


def _with_defaults(q: Question, params: dict[str, Any] | None) -> dict[str, Any]:
    params = dict(params or {})
    for p in q.params:
        params.setdefault(p.name, None)
    return params


def backend_name(explicit: str | None = None) -> str:
    return explicit or os.environ.get("REMIT_BACKEND") or "memory"
