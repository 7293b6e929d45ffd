"""The stages shown as they run, and a validation error that stops the run where it is found.

Validation runs in a forked child beside the IR and the render; which finishes first is a race.
The tests that stop early decide it: the main process waits for the child's answer (in the IR,
or in its first file, the child then waiting for that file to start), so that the outcome does
not depend on timing.
"""

from __future__ import annotations

import contextlib
import io
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import ir
from generator.cli import main as generator_main
from generator.output import parallel
from generator.render import PackageRenderer
from generator.validate import beside as validation

from .conftest import document, operation, run, write

STAGES = ["load…", "validate…", "IR…", "render and format…", "write…"]


def valid_spec(where: Path) -> Path:
    return write(where / "spec.yaml", document({"/a": {"get": operation("getA")}, "/b": {"get": operation("getB")}}))


def invalid_spec(where: Path) -> Path:
    """Valid but for one thing the validator alone sees: two operations with one operationId."""
    return write(where / "spec.yaml", document({"/a": {"get": operation("same")}, "/b": {"get": operation("same")}}))


def progress_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.endswith("…")]


def test_progress_lists_the_stages_in_order(tmp_path: Path) -> None:
    outcome = run(valid_spec(tmp_path), "-o", tmp_path / "out", "--progress")
    assert outcome.code == 0, outcome.stderr
    shown = progress_lines(outcome.stderr)
    assert [line for line in shown if line in STAGES] == STAGES, outcome.stderr


def test_nothing_is_shown_when_not_asked_and_not_on_a_terminal(tmp_path: Path) -> None:
    outcome = run(valid_spec(tmp_path), "-o", tmp_path / "out")
    assert outcome.code == 0 and not progress_lines(outcome.stderr), outcome.stderr
    assert "…" not in outcome.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def on_a_terminal(*args: str | Path) -> tuple[int, str]:
    stderr = Terminal()
    with contextlib.redirect_stderr(stderr):
        code = generator_main([*map(str, args), "--no-cache"])
    return code, stderr.getvalue()


def test_on_a_terminal_one_line_is_rewritten_and_cleared(tmp_path: Path) -> None:
    code, stderr = on_a_terminal(valid_spec(tmp_path), "-o", tmp_path / "out")
    assert code == 0, stderr
    shown, _, after = stderr.rpartition("\r\x1b[K")
    assert "render and format…" in shown and "\n" not in shown, stderr  # validation may run beside
    assert re.fullmatch(r"wrote \d+ files to .*\n", after), stderr


def test_no_progress_keeps_a_terminal_quiet(tmp_path: Path) -> None:
    code, stderr = on_a_terminal(valid_spec(tmp_path), "-o", tmp_path / "out", "--no-progress")
    assert code == 0 and "…" not in stderr and "\x1b" not in stderr, stderr


@pytest.fixture
def validation_child(monkeypatch: pytest.MonkeyPatch) -> list[parallel.Forked]:
    """Validation in a forked child whatever the machine; the child, once made."""
    made: list[parallel.Forked] = []

    class Recorded(parallel.Forked):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    monkeypatch.setattr(parallel, "Forked", Recorded)
    return made


def until(condition: Callable[[], bool]) -> None:
    """Wait for `condition` (a few minutes at most: then something is wrong)."""
    for _ in range(30_000):
        if condition():
            return
        time.sleep(0.01)
    pytest.fail(f"waited in vain for {condition}")


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files rendered, in order."""
    files: list[str] = []
    render = PackageRenderer.render

    def recording(self: PackageRenderer, path: str) -> str:
        files.append(path)
        return render(self, path)

    monkeypatch.setattr(PackageRenderer, "render", recording)
    return files


def test_a_validation_error_found_during_the_ir_stops_the_run_before_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validation_child: list[parallel.Forked], rendered: list[str]
) -> None:
    build = ir.build

    def slow_build(*args: Any) -> Any:
        until(validation_child[0].done)
        return build(*args)

    monkeypatch.setattr(ir, "build", slow_build)
    outcome = run(invalid_spec(tmp_path), "-o", tmp_path / "out", "--progress")
    assert outcome.code == 2, outcome.stderr
    assert "is not unique" in outcome.error_with("is not unique")["message"]
    assert "render and format…" not in progress_lines(outcome.stderr) and rendered == []
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("formatter", ["black", "ruff"])
def test_a_validation_error_found_while_rendering_stops_it_at_the_next_file(
    tmp_path: Path, validation_child: list[parallel.Forked], rendered: list[str], monkeypatch: pytest.MonkeyPatch, formatter: str
) -> None:
    """The child validates once the first file is rendered; that file waits for its answer."""
    started = tmp_path / "rendering"
    validate, render = validation.validate, PackageRenderer.render

    def validate_once_rendering(*args: Any, **kwargs: Any) -> Any:  # in the child
        until(started.exists)
        return validate(*args, **kwargs)

    def first_waits(self: PackageRenderer, path: str) -> str:
        text = render(self, path)
        if len(rendered) == 1:
            started.touch()
            until(validation_child[0].done)
        return text

    monkeypatch.setattr(validation, "validate", validate_once_rendering)
    monkeypatch.setattr(PackageRenderer, "render", first_waits)
    outcome = run(invalid_spec(tmp_path), "-o", tmp_path / "out", "--formatter", formatter)
    outcome.assert_clean_failure()
    outcome.error_with("is not unique")
    assert len(rendered) == 1, rendered
    assert not (tmp_path / "out").exists()
