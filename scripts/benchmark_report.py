"""Time the whole report against the floor of loading the model and encoding the passages.

Runs, each in a fresh process and with its own empty cache folder:

1. **floor**: load the embedding model and encode the texts the suite embeds
   (every distinct passage and clause of the corpus), with plain
   ``SentenceTransformer.encode``, in one process;
2. **cold**: ``narrative report`` with empty embedding and notebook caches;
3. **warm**: the same command again (embeddings cached, unchanged notebooks
   reused);
4. **warm, forced**: again with ``--force`` (embeddings cached, every notebook
   executed).

and prints seconds, each run's ratio to the floor or to the cold run, and the
peak resident memory of each process. Targets: cold within 4x the floor, warm
within 0.4x the cold run.

Usage::

    .venv/bin/python scripts/benchmark_report.py [--corpus DIR] [--model NAME_OR_PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from narrative import config

FLOOR = """
import os, sys
os.environ["HF_HUB_OFFLINE"] = "1"
texts = open(sys.argv[1], encoding="utf-8").read().split("\\x1e")
from sentence_transformers import SentenceTransformer
from narrative.embeddings import resolve_model
model = SentenceTransformer(str(resolve_model(sys.argv[2])[1]), device="cpu")
model.encode(texts, batch_size=32, normalize_embeddings=True)
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a command; return its wall time in seconds and its peak memory in MiB."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"benchmark: {' '.join(command)} failed:\n{done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak


def texts_of(corpus: Path, model: str) -> list[str]:
    """What the suite embeds for this corpus: every distinct passage and clause.

    Built with the pipeline's own steps (:func:`narrative.pipeline.event_tasks` and
    :func:`narrative.pipeline.event_chunks`). Which passages are cut into clauses depends on
    the passage vectors, so these are computed here first, untimed, in a throwaway cache.
    """
    from narrative import pipeline
    from narrative.alignment import AlignmentSettings
    from narrative.cleaning import clean_corpus
    from narrative.embeddings import EmbeddingCache, embed
    from narrative.events import document_table, group_events
    from narrative.passages import segment_corpus
    from narrative.readers import load_any

    loaded = load_any(corpus)
    cleaned, _ = clean_corpus(loaded)
    passages = segment_corpus(cleaned)
    grouping = group_events(document_table(cleaned), [c.text for c in cleaned])
    texts: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        cache = EmbeddingCache(Path(folder) / "texts.sqlite")
        tasks = pipeline.event_tasks(
            loaded,
            cleaned,
            passages,
            grouping,
            model=model,
            settings=AlignmentSettings(),
            cache=cache,
        )
        for task in tasks:
            vectors = embed(task.passages["text"].tolist(), model=model, cache=cache)
            texts += task.passages["text"].tolist()
            texts += [c for chunks in pipeline.event_chunks(task, vectors) for c in chunks]
    return list(dict.fromkeys(texts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=config.DEFAULT_CORPUS)
    parser.add_argument("--model", default=config.DEFAULT_MODEL)
    args = parser.parse_args(argv)
    texts = texts_of(args.corpus, args.model)
    narrative = [sys.executable, "-m", "narrative", "report", "--corpus", str(args.corpus)]
    narrative += ["-p", f"model={args.model}"]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        (work / "texts").write_text("\x1e".join(texts), encoding="utf-8")
        env = {**os.environ, "NARRATIVE_CACHE": str(work / "cache")}
        floor, peak = timed(
            [sys.executable, "-c", FLOOR, str(work / "texts"), args.model],
            {**env, "NARRATIVE_CACHE": str(work / "floor-cache")},
        )
        rows.append(("floor: load model + encode", floor, peak, "1.00 x floor"))
        report = [*narrative, "--out", str(work / "report")]
        cold, peak = timed(report, env)
        rows.append(("cold report", cold, peak, f"{cold / floor:.2f} x floor (target 4)"))
        warm, peak = timed(report, env)
        rows.append(("warm re-run", warm, peak, f"{warm / cold:.2f} x cold (target 0.4)"))
        forced, peak = timed([*report, "--force"], env)
        rows.append(("warm, --force", forced, peak, f"{forced / cold:.2f} x cold"))
    print(f"corpus {args.corpus} ({len(texts)} texts embedded), model {args.model}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for name, seconds, peak, ratio in rows:
        print(f"{name:28} {seconds:6.1f} s  {ratio:26}  peak RSS so far {peak:5.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
