"""`make bench-train`: how long a full `rasa train` takes, and where the time goes.

Trains the whole model (NLU and core) from scratch, as `make model` does when nothing is cached,
into a temporary folder, and prints the seconds of every step of Rasa's training graph (reading
the data, each featurizer over the training data, each classifier's and policy's training),
summed per component, and what is left outside the graph (loading and validating the data,
packaging the model). Rasa's training cache is a fresh temporary folder, so nothing is reused;
`--warm` keeps the project's cache folder for the sentence embeddings of the training examples
(what a content change costs: only new or changed examples are embedded).

Runs in the rasa environment: `.venvs/rasa/bin/python scripts/bench_train.py`.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from unittest import mock

import rasa.model_training
import structlog
from rasa.engine.graph import ExecutionContext
from rasa.engine.runner.dask import DaskGraphRunner

REPO = Path(__file__).resolve().parent.parent
# The limit for a full training on the project's 2-core machine.
LIMIT_SECONDS = 300.0


class Timings:
    """A graph-node hook (the interface of rasa.engine.graph.GraphNodeHook) that records the
    seconds of every node of the training graph (the nodes run one at a time)."""

    def __init__(self) -> None:
        self.nodes: list[tuple[str, str, float]] = []

    def on_before_node(
        self,
        node_name: str,
        execution_context: ExecutionContext,
        config: dict[str, Any],
        received_inputs: dict[str, Any],
    ) -> dict[str, float]:
        return {"start": time.perf_counter()}

    def on_after_node(
        self,
        node_name: str,
        execution_context: ExecutionContext,
        config: dict[str, Any],
        output: Any,
        input_hook_data: dict[str, float],
    ) -> None:
        component = execution_context.graph_schema.nodes[node_name].uses.__name__
        seconds = time.perf_counter() - input_hook_data["start"]
        self.nodes.append((node_name, component, seconds))


class TimedRunner:
    """Rasa's graph runner, created with the timing hook after Rasa's own hooks."""

    def __init__(self, timings: Timings) -> None:
        self.timings = timings

    def create(
        self,
        graph_schema: Any,
        model_storage: Any,
        execution_context: ExecutionContext,
        hooks: list[Any] | None = None,
    ) -> Any:
        hooks = [*(hooks or []), self.timings]
        return DaskGraphRunner.create(graph_schema, model_storage, execution_context, hooks)


def train(out: Path, timings: Timings) -> float:
    """Seconds of a forced full training (read, train every node, package)."""
    start = time.perf_counter()
    with mock.patch.object(rasa.model_training, "DaskGraphRunner", TimedRunner(timings)):
        result = rasa.model_training.train(
            domain=str(REPO / "domain"),
            config=str(REPO / "config.yml"),
            training_files=[str(REPO / "data")],
            output=str(out),
            force_training=True,
            fixed_model_name="bench",
        )
    total = time.perf_counter() - start
    if result.code != 0:
        raise SystemExit(f"training failed (code {result.code})")
    return total


def report(timings: Timings, total: float) -> None:
    per_component: dict[str, float] = defaultdict(float)
    for _node, component, seconds in timings.nodes:
        per_component[component] += seconds
    print(f"\n{'training graph node':48}{'seconds':>9}")
    for node, _component, seconds in timings.nodes:
        if seconds >= 0.05:
            print(f"{node:48}{seconds:>9.1f}")
    print(f"\n{'component (all its nodes)':48}{'seconds':>9}")
    for component, seconds in sorted(per_component.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.05:
            print(f"{component:48}{seconds:>9.1f}")
    outside = total - sum(per_component.values())
    print(f"{'outside the graph (read, validate, package)':48}{outside:>9.1f}")
    print(f"{'total':48}{total:>9.1f}")
    verdict = "within" if total <= LIMIT_SECONDS else "OVER"
    limit = f"{LIMIT_SECONDS / 60:.0f}-minute limit"
    print(f"\nFull training: {total / 60:.1f} min, {verdict} the {limit}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warm", action="store_true", help="reuse the cached embeddings of training examples"
    )
    parser.add_argument("--keep", type=Path, help="copy the trained model to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-train-") as tmp:
        if not args.warm:
            # Rasa reads its cache folder from here; a fresh one means nothing is reused.
            os.environ["RASA_CACHE_DIRECTORY"] = str(Path(tmp) / "cache")
        logging.basicConfig(level=logging.WARNING)
        # Rasa's structlog output (every rule and story at debug level) is not the benchmark's.
        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
        timings = Timings()
        total = train(Path(tmp) / "models", timings)
        if args.keep:
            shutil.copyfile(Path(tmp) / "models" / "bench.tar.gz", args.keep)
    report(timings, total)


if __name__ == "__main__":
    main()
