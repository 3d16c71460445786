"""Latency of every catalogue question and rule: on the seed, and on a generated graph of many structures.

Not a test (timings vary by machine). Memory always; Neo4j too when NEO4J_URI is set and reachable — its
database is WIPED, so it must be a *test* database:

    NEO4J_URI=bolt://127.0.0.1:7699 NEO4J_DATABASE=remit-test NEO4J_PASSWORD=... \\
        python benchmarks/bench_questions.py --councils 50 --structures 10 --posts 30

The generated structures carry what the questions traverse: a line-management tree under a Head of
Paid Service, DCS/DASS/LMCS designations (some interim, dated), accountability splits with
escalations, a trust delivering children's social care, and assurance reviews.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from remit.loader import Dataset, read_files  # noqa: E402
from remit.loader.dates import PartialDate  # noqa: E402
from remit.loader.memory import graph_from_dataset  # noqa: E402
from remit.loader.model import (  # noqa: E402
    AssuranceReview,
    Council,
    Designation,
    Evidence,
    Function,
    FunctionLink,
    Holding,
    Post,
    PostLink,
    Source,
    Structure,
    StructureFile,
    Unit,
    UnitLink,
)
from remit.queries.backend import MemoryBackend  # noqa: E402
from remit.queries.catalogue import all_questions  # noqa: E402

EV = Evidence("doc", "Synthetic structure for benchmarking.")
FUNCTIONS = [
    ("childrens-social-care", "Children's social care"),
    ("education", "Education"),
    ("adult-social-care", "Adult social care"),
    ("housing", "Housing"),
]


def council_file(rng: random.Random, c: int, structures: int, posts: int) -> StructureFile:
    cid = f"qbench{c:03d}"
    out = []
    for s in range(structures):
        ps = []
        for i in range(posts):
            lm = PostLink(f"p{rng.randrange(0, i)}", EV) if i else None
            ps.append(Post(f"p{i}", f"Post {i}", EV, line_manager=lm, status="vacant" if rng.random() < 0.05 else None))
        ps[0].designations.append(Designation("hops", "permanent", EV))
        dcs, dass = ps[rng.randrange(1, min(4, posts))], ps[rng.randrange(1, posts)]
        dcs.designations.append(
            Designation("dcs", rng.choice(["permanent", "interim", None]), EV, start=PartialDate("2020-01-01"))
        )
        dass.designations.append(Designation("dass", rng.choice(["permanent", "acting"]), EV))
        ps[-1].designations.append(Designation("lmcs", None, EV))
        dcs.responsible_for = [FunctionLink("childrens-social-care", EV), FunctionLink("education", EV)]
        dcs.accountable_to.append(PostLink("p0", EV, mechanisms=("quarterly report",)))
        for _ in range(3):
            x = ps[rng.randrange(1, posts)]
            if x is not dcs:
                x.accountable_to.append(PostLink(dcs.key, EV, mechanisms=("management agreement",)))
                x.escalations.append(PostLink(dcs.key, EV, trigger="level 3"))
                x.commissions.append(FunctionLink("education", EV))
        for p in rng.sample(ps[1:], k=min(5, posts - 1)):
            p.holders.append(
                Holding(
                    rng.choice([None, "A Person"]), rng.choice(["interim", "permanent"]), EV, start=PartialDate("2019")
                )
            )
        units = [
            Unit(
                "trust",
                "Children's Trust",
                "trust",
                EV,
                delivers=[FunctionLink("childrens-social-care", EV)],
                accountable_to=[PostLink(dcs.key, EV)],
            ),
            Unit("d1", "Directorate", "directorate", EV, delivers=[FunctionLink("education", EV)]),
        ]
        ps[1].heads = UnitLink("d1", EV)
        reviews = [AssuranceReview("r1", "completed", [dcs.key], EV, outcome="met")] if rng.random() < 0.5 else []
        out.append(
            Structure(
                f"{cid}-s{s:02d}",
                f"Bench {s}",
                "existing",
                EV,
                effective=PartialDate(f"{2000 + s}"),
                units=units,
                posts=ps,
                reviews=reviews,
            )
        )
    return StructureFile(
        f"{cid}.yaml",
        Council(cid, f"Bench {c}", "unitary"),
        [Source("doc", "Doc", None, "d.txt")],
        [Function(k, n) for k, n in FUNCTIONS],
        out,
    )


def params_for(q, structure: str) -> dict:
    extra = {"chain": {"post": "p5"}, "function-owner": {"function": "childrens-social-care"}}.get(q.id, {})
    return {"structure": structure, "as_of": "2021-06-01", **extra}


def timed(backend, q, structures: list[str], repeat: int) -> float:
    times = []
    for s in structures:
        for _ in range(repeat):
            t = time.perf_counter()
            backend.run(q, params_for(q, s))
            times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def neo4j_backend(data: Dataset):
    if not os.environ.get("NEO4J_URI"):
        return None, "NEO4J_URI not set"
    from remit.loader.neo4j_store import Neo4jUnavailable, connect, load_in_parts, wipe
    from remit.queries.backend import Neo4jBackend

    try:
        store = connect()
    except Neo4jUnavailable as exc:
        return None, str(exc)
    wipe(store)
    t = time.perf_counter()
    load_in_parts(store, data)  # a load is one transaction: bulk in parts
    print(f"neo4j load: {time.perf_counter() - t:.1f}s", flush=True)
    return Neo4jBackend(store.driver, store.database), None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--councils", type=int, default=50)
    ap.add_argument("--structures", type=int, default=10)
    ap.add_argument("--posts", type=int, default=30)
    ap.add_argument("--sample", type=int, default=10, help="structures timed per question on the big graph")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    rng = random.Random(4)
    seed = read_files([ROOT / "seed"])
    big = Dataset(seed.files + [council_file(rng, c, args.structures, args.posts) for c in range(args.councils)])
    n_struct = len(big.structures)
    t = time.perf_counter()
    memory = MemoryBackend(graph_from_dataset(big), big)
    print(
        f"generated: {n_struct} structures, {memory.graph.number_of_nodes()} nodes, "
        f"{memory.graph.number_of_edges()} edges; networkx build {time.perf_counter() - t:.1f}s",
        flush=True,
    )
    neo, why = neo4j_backend(big)
    if neo is None:
        print(f"neo4j: skipped ({why})")
    seed_ids = sorted(seed.structures)
    sample = rng.sample(sorted(s for s in big.structures if s.startswith("qbench")), args.sample)
    print(f"\nmedian latency per call, ms (seed: {len(seed_ids)} structures; big graph: {args.sample} of {n_struct})")
    print(f"{'question':32} {'mem seed':>9} {'mem big':>9} {'neo seed':>9} {'neo big':>9}")
    for q in all_questions():
        if q.kind not in ("question", "rule"):
            continue
        cells = [timed(memory, q, seed_ids, args.repeat), timed(memory, q, sample, args.repeat)]
        if neo is not None:
            cells += [timed(neo, q, seed_ids, args.repeat), timed(neo, q, sample, args.repeat)]
        print(f"{q.id:32} " + " ".join(f"{c:9.2f}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
