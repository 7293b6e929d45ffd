"""The validation beside the other stages says its first error at once (issue 26): the stages
stop their work there instead of rendering everything while the child collects the rest."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import GenerationError
from generator.load import load
from generator.output import parallel
from generator.validate import beside, check


def _invalid_spec(tmp_path: Path) -> Path:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": {"A": {"type": "object", "required": "not-a-list"}}},
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.skipif(not parallel.can_fork(), reason="validation runs beside only where it forks")
def test_the_first_error_is_said_before_the_validation_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cpus", lambda: 2)

    def slow_report(*args: Any) -> Any:  # in the child: the errors found, then a long wait
        time.sleep(60)
        raise AssertionError("never reached")

    monkeypatch.setattr(check, "as_diagnostics", slow_report)
    spec = load(_invalid_spec(tmp_path))
    validation = beside.ValidationBeside(lenient=False, warnings=[])
    with pytest.raises(KeyboardInterrupt), validation:
        validation.check(spec)
        deadline = time.monotonic() + 30
        while not validation._failed() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert validation._failed()
        assert validation._forked is not None and not validation._forked.done()
        raise KeyboardInterrupt  # leave without waiting: the child is cancelled


@pytest.mark.skipif(not parallel.can_fork(), reason="validation runs beside only where it forks")
def test_once_failing_the_work_waits_for_every_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    spec = load(_invalid_spec(tmp_path))
    validation = beside.ValidationBeside(lenient=False, warnings=[])
    with pytest.raises(GenerationError) as raised, validation:
        validation.check(spec)
        deadline = time.monotonic() + 30
        while not validation._failed() and time.monotonic() < deadline:
            time.sleep(0.05)
        validation.stop_if_failed()
        raise AssertionError("stop_if_failed did not stop the work")
    assert any("not-a-list" in d.message for d in raised.value.diagnostics)
