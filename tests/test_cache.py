"""The memory backend's cache: a second open reads no file again; any byte changed in a structure file or in a
document its quotes are checked against makes it read and validate again; bad input is never cached."""

from __future__ import annotations

import shutil

import networkx as nx
import pytest

from remit.loader import InvalidStructureFiles
from remit.loader.cache import cache_dir, open_graph
from remit.loader.memory import counts_by_structure, graph_from_dataset

from .conftest import SEED


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("REMIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REMIT_NO_CACHE", raising=False)
    folder = tmp_path / "data"
    shutil.copytree(SEED, folder)
    return folder


def test_second_open_comes_from_the_cache_and_equals_a_fresh_build(files, seed_dataset):
    first = open_graph([files])
    again = open_graph([files])
    assert (first.hit, again.hit) == (False, True)
    assert counts_by_structure(again.graph) == counts_by_structure(graph_from_dataset(seed_dataset))
    assert dict(again.graph.nodes(data=True)) == dict(first.graph.nodes(data=True))
    # Unpickled, the graph is still read-only, and its shared attribute dicts still shared.
    assert nx.is_frozen(again.graph)
    assert len({id(a) for _, _, a in again.graph.edges(data=True)}) < again.graph.number_of_edges()
    assert again.dataset().structures.keys() == seed_dataset.structures.keys()
    assert str(cache_dir()).startswith(str(files.parent / "cache"))


def test_a_changed_byte_is_read_again(files):
    open_graph([files])
    path = files / "barnet.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: Director of Assurance\n", "title: Director of Assurances\n", 1
        ),
        encoding="utf-8",
    )
    changed = open_graph([files])
    assert not changed.hit
    titles = {a.get("title") for _, a in changed.graph.nodes(data=True)}
    assert "Director of Assurances" in titles


def test_a_changed_document_is_read_again(files, tmp_path, monkeypatch, documents):
    docs = tmp_path / "docs"
    shutil.copytree(documents, docs)  # the fixture skips without ../shared/seeds, and fails in CI
    monkeypatch.setenv("REMIT_DOCUMENTS", str(docs))
    open_graph([files])
    assert open_graph([files]).hit
    some = next(p for p in docs.iterdir() if p.is_file())
    some.write_bytes(some.read_bytes() + b"\n")
    assert not open_graph([files]).hit


def test_invalid_files_are_reported_every_time_and_never_cached(files):
    bad = files / "broken.yaml"
    bad.write_text("format: remit/1\ncouncil: {id: broken}\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InvalidStructureFiles):
            open_graph([files])
    assert not any(cache_dir().glob("*/graph.pickle"))


def test_no_cache_when_turned_off(files, monkeypatch):
    monkeypatch.setenv("REMIT_NO_CACHE", "1")
    open_graph([files])
    assert not open_graph([files]).hit


def test_the_dataset_of_a_cached_graph_is_read_once_more_then_stored(files, seed_dataset, monkeypatch):
    """The first load stores the graph alone; the first later command that asks for the dataset reads the
    (unchanged) files again and stores it, and the next one loads it without reading any file."""
    from remit.loader import cache

    open_graph([files])
    [entry] = [p for p in cache_dir().iterdir() if p.is_dir()]
    assert (entry / "graph.pickle").is_file() and not (entry / "dataset.pickle").exists()
    hit = open_graph([files])
    assert hit.hit and hit.dataset().structures == seed_dataset.structures
    assert (entry / "dataset.pickle").is_file()

    def no_reading(*_args, **_kwargs):
        raise AssertionError("read the files although the dataset was stored")

    monkeypatch.setattr(cache, "read_files", no_reading)
    again = open_graph([files])
    assert again.hit and again.dataset().structures == seed_dataset.structures


def test_a_stored_dataset_that_is_not_one_is_read_again(files, seed_dataset):
    """A dataset.pickle holding something else (a foreign or older entry) is not handed out as the
    dataset: the files are read again and the entry replaced."""
    import pickle

    open_graph([files])
    [entry] = [p for p in cache_dir().iterdir() if p.is_dir()]
    (entry / "dataset.pickle").write_bytes(pickle.dumps(["not", "a", "dataset"]))
    hit = open_graph([files])
    assert hit.hit and hit.dataset().structures == seed_dataset.structures
    assert open_graph([files]).dataset().structures == seed_dataset.structures
