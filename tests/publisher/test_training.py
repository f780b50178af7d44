"""Running Rasa's processes: the heartbeat goes on however quiet the process is, and a job
taken by another worker stops its process."""

from __future__ import annotations

import os
import sys

import pytest

from publisher.training import COMPONENT, EPOCH, TrainingFailed, _last_error, run_process

QUIET = "import time; print('one', flush=True); time.sleep(0.6); print('two', flush=True)"


def test_the_heartbeat_goes_on_while_the_process_is_quiet() -> None:
    lines: list[str] = []
    beats: list[int] = []

    def tick() -> bool:
        beats.append(len(lines))
        return True

    code, tail = run_process(
        [sys.executable, "-c", QUIET], env=dict(os.environ), on_line=lines.append,
        tick=tick, tick_seconds=0.1,
    )  # fmt: skip
    assert (code, lines, tail) == (0, ["one", "two"], ["one", "two"])
    assert beats.count(1) >= 3  # heartbeats between the two lines


def test_a_false_tick_stops_the_process() -> None:
    with pytest.raises(TrainingFailed, match="no longer this worker's"):
        run_process(
            [sys.executable, "-c", "import time; time.sleep(30)"], env=dict(os.environ),
            on_line=lambda _line: None, tick=lambda: False, tick_seconds=0.05,
        )  # fmt: skip


def test_rasa_progress_lines_and_errors_are_read() -> None:
    line = "2026-12-02 INFO rasa.engine.training.hooks - Starting to train component 'Linear'."
    assert COMPONENT.search(line) is not None
    assert COMPONENT.search(line).group(2) == "Linear"  # type: ignore[union-attr]
    epochs = EPOCH.search("Epochs:  20%|██        | 6/30 [00:05<00:20, t_loss=1.2]")
    assert epochs is not None and epochs.groups() == ("6", "30")
    tail = [
        "Traceback (most recent call last):",
        "rasa.shared.exceptions.InvalidConfigException: x",
    ]
    assert _last_error(tail) == tail[1]
