"""The formatting stage does less work but always returns what black would: never timed here."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from generator.config import load_config
from generator.diagnostics import GenerationError
from generator.ir import build
from generator.load import load
from generator.load.upgrade import upgrade
from generator.output import format as fmt
from generator.output import schedule
from generator.render import runtime_dir

UGLY = {
    "pkg/a.py": "x = {'a':1,\n'b':[1,2,3]}\ndef f( a,b ):\n  return a+b\n",
    "pkg/b.py": "class C( object ):\n    def m(self,x=1): return x\n" * 30,
    "pkg/c.py": "import os\n" + "".join(f"v{i} = os.path.join('a', 'b{i}')\n" for i in range(200)),
    "pkg/d.py": "def long(argument_number_one, argument_number_two, argument_number_three, argument_four): pass\n",
    "README.md": "not python: left alone  \n",
}


def black_of(files: dict[str, str]) -> dict[str, str]:
    return {
        p: black.format_str(t, mode=fmt.black_mode()) if p.endswith(".py") else t
        for p, t in files.items()
    }


@pytest.mark.parametrize(
    "runtime_file", sorted(runtime_dir().glob("*.py")), ids=lambda p: p.name
)
def test_runtime_files_are_black_formatted(runtime_file: Path) -> None:
    """They are copied verbatim and not formatted again, so they must be black's output already."""
    text = runtime_file.read_text(encoding="utf-8")
    assert black.format_str(text, mode=fmt.black_mode()) == text, (
        f"run black (line length {fmt.LINE_LENGTH}, target {fmt.TARGET_VERSIONS}) on {runtime_file}"
    )


def test_mode_is_the_one_named_in_the_cache_key() -> None:
    mode = fmt.black_mode()
    assert mode.line_length == fmt.LINE_LENGTH
    assert sorted(v.name for v in mode.target_versions) == sorted(fmt.TARGET_VERSIONS)
    assert fmt.black_version() == black.__version__


def test_sequential_and_parallel_give_black_output(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = black_of(UGLY)
    assert schedule.format_sources(UGLY, jobs=1) == expected
    monkeypatch.setattr(schedule, "PARALLEL_MIN_CHARS", 0)
    assert schedule.format_sources(UGLY, jobs=2) == expected
    assert schedule.format_sources(UGLY, jobs=3) == expected
    assert list(schedule.format_sources(UGLY, jobs=2)) == list(UGLY), "the order of the files is kept"


def test_runtime_sources_are_passed_through_unchanged() -> None:
    runtime = {
        f"pkg/_runtime/{p.name}": p.read_text(encoding="utf-8")
        for p in runtime_dir().glob("*.py")
    }
    assert runtime and schedule.format_sources(runtime, jobs=1) == runtime


def test_preformatted_texts_are_not_formatted(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = fmt._format_one
    monkeypatch.setattr(fmt, "_format_one", lambda source: calls.append(source) or real(source))
    formatted = black_of(UGLY)
    schedule.format_sources(UGLY, jobs=1, preformatted={formatted["pkg/a.py"], UGLY["pkg/b.py"]})
    assert UGLY["pkg/b.py"] not in calls and UGLY["pkg/a.py"] in calls


def test_cache_gives_the_same_output_and_skips_black(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = black_of(UGLY)
    assert schedule.format_sources(UGLY, cache_dir=tmp_path, jobs=1) == expected
    assert len(list((tmp_path / "format").rglob("*"))) > 4
    monkeypatch.setattr(
        fmt, "_format_one", lambda source: pytest.fail("black ran on a cached file")
    )
    assert schedule.format_sources(UGLY, cache_dir=tmp_path, jobs=1) == expected


def test_cache_key_covers_text_black_version_and_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    def key(text: str) -> str:
        return fmt._key(fmt.formatter_id("black"), text)

    first = key("x = 1\n")
    assert key("x = 1\n") == first
    assert key("x = 1 \n") != first
    monkeypatch.setattr(fmt, "MODE_ID", fmt.MODE_ID + ";changed")
    assert key("x = 1\n") != first
    monkeypatch.undo()
    monkeypatch.setattr(fmt, "black_version", lambda: "0.0.0")
    assert key("x = 1\n") != first
    monkeypatch.undo()
    assert fmt._key(fmt.formatter_id("ruff"), "x = 1\n") != first


def test_ruff_formats_every_file_like_black_and_never_answers_from_blacks_cache(
    tmp_path: Path,
) -> None:
    """ruff format is black-compatible: on these files its output is black's. Each formatter
    has its own cache entries: a file black formatted is formatted by ruff all the same."""
    pytest.importorskip("ruff")
    black_cached = schedule.format_sources(UGLY, cache_dir=tmp_path, jobs=1)
    before = {p for p in (tmp_path / "format").rglob("*") if p.is_file()}
    assert schedule.format_sources(UGLY, cache_dir=tmp_path, formatter="ruff") == black_cached
    after = {p for p in (tmp_path / "format").rglob("*") if p.is_file()}
    assert len(after - before) == len(before)


def test_code_ruff_cannot_parse_is_a_generator_bug_naming_the_file() -> None:
    pytest.importorskip("ruff")
    files = {**UGLY, "pkg/broken.py": "def f(:\n"}
    with pytest.raises(GenerationError) as caught:
        schedule.format_sources(files, formatter="ruff")
    assert [d.file for d in caught.value.diagnostics] == ["pkg/broken.py"]
    assert "generator bug" in caught.value.diagnostics[0].message


def test_damaged_cache_entries_are_misses(tmp_path: Path) -> None:
    expected = black_of(UGLY)
    schedule.format_sources(UGLY, cache_dir=tmp_path, jobs=1)
    entries = [p for p in (tmp_path / "format").rglob("*") if p.is_file()]
    for i, entry in enumerate(entries):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if i % 2 else data.replace(b"=", b"-"))
    assert schedule.format_sources(UGLY, cache_dir=tmp_path, jobs=1) == expected


def test_unwritable_cache_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert schedule.format_sources(UGLY, cache_dir=blocker, jobs=1) == black_of(UGLY)


@pytest.mark.parametrize("jobs", [1, 2])
def test_code_black_cannot_parse_is_a_generator_bug(
    jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schedule, "PARALLEL_MIN_CHARS", 0)
    files = {**UGLY, "pkg/broken.py": "def f(:\n"}
    with pytest.raises(GenerationError) as caught:
        schedule.format_sources(files, jobs=jobs)
    assert [d.file for d in caught.value.diagnostics] == ["pkg/broken.py"]
    assert "generator bug" in caught.value.diagnostics[0].message


def test_balance_puts_the_longest_files_first_on_the_least_loaded_share() -> None:
    todo = {"a": "x" * 10, "b": "x" * 7, "c": "x" * 5, "d": "x" * 3}
    shares = schedule._balance(todo, 2)
    assert [[p for p, _ in s] for s in shares] == [["a", "d"], ["b", "c"]]
    assert schedule._balance({"a": "x"}, 2) == [[("a", "x")]]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_rendering_and_formatting_file_by_file_gives_a_whole_render_formatted(
    jobs: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each worker renders the next file and formats it at once; the result, and its order,
    are those of rendering everything and then formatting it (with or without the cache)."""
    from generator.render import PackageRenderer, render_package
    from tests.conftest import ROOT

    spec = ROOT / "specs" / "novu.yaml"
    api, _ = build(upgrade(load(spec))[0], load_config(None, spec))
    expected = schedule.format_sources(render_package(api), jobs=1)
    monkeypatch.setattr(schedule, "PARALLEL_MIN_LINES", 0)
    got = schedule.render_and_format(PackageRenderer(api), jobs=jobs)
    assert list(got) == list(expected) and got == expected
    cached = schedule.render_and_format(PackageRenderer(api), jobs=jobs, cache_dir=tmp_path)
    assert schedule.render_and_format(PackageRenderer(api), jobs=jobs, cache_dir=tmp_path) == cached == expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_process_formatting_its_files_with_ruff_gives_a_whole_render_formatted(
    jobs: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With ruff, each process formats its own files in one run once the queue is empty: the
    result, and its order, are one ruff run over the whole render (with or without the cache)."""
    pytest.importorskip("ruff")
    from generator.render import PackageRenderer, render_package
    from tests.conftest import ROOT

    spec = ROOT / "specs" / "novu.yaml"
    api, _ = build(upgrade(load(spec))[0], load_config(None, spec))
    expected = schedule.format_sources(render_package(api), formatter="ruff")
    monkeypatch.setattr(schedule, "PARALLEL_MIN_LINES", 0)
    got = schedule.render_and_format(PackageRenderer(api), jobs=jobs, formatter="ruff")
    assert list(got) == list(expected) and got == expected
    cached = schedule.render_and_format(PackageRenderer(api), jobs=jobs, cache_dir=tmp_path, formatter="ruff")
    again = schedule.render_and_format(PackageRenderer(api), jobs=jobs, cache_dir=tmp_path, formatter="ruff")
    assert again == cached == expected


def test_a_render_worker_is_forked_once_a_cpu_is_free(monkeypatch: pytest.MonkeyPatch) -> None:
    """While other work of the run holds the CPUs, the render stays here; once one is free, a
    worker is forked for what is left. The files are the same either way."""
    from generator.render import PackageRenderer, render_package
    from tests.conftest import ROOT

    pytest.importorskip("ruff")
    spec = ROOT / "specs" / "novu.yaml"
    api, _ = build(upgrade(load(spec))[0], load_config(None, spec))
    expected = schedule.format_sources(render_package(api), formatter="ruff")
    monkeypatch.setattr(schedule, "PARALLEL_MIN_LINES", 0)
    forks: list[object] = []
    real = schedule.Forked

    def counted(*args: object) -> object:
        forks.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(schedule, "Forked", counted)
    asked = iter([1] * 10)  # busy for the first ten files, then free

    render = schedule.render_and_format
    assert render(PackageRenderer(api), jobs=2, busy=lambda: 1, formatter="ruff") == expected
    assert forks == []
    assert render(PackageRenderer(api), jobs=2, busy=lambda: next(asked, 0), formatter="ruff") == expected
    assert len(forks) == 1


@pytest.mark.parametrize("dies", [False, True])
def test_api_json_rendered_ahead_is_the_file_the_render_would_give(dies: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large spec's api.json is rendered from the IR alone by a process forked before the
    views are built: the files, and their order, are those of the render without it; a child
    that dies leaves its file to be rendered with the others."""
    import os

    from generator.render import API_SURFACE, PackageRenderer, render_package, render_surface
    from tests.conftest import ROOT

    pytest.importorskip("ruff")
    spec = ROOT / "specs" / "novu.yaml"
    api, _ = build(upgrade(load(spec))[0], load_config(None, spec))
    expected = schedule.format_sources(render_package(api), formatter="ruff")
    monkeypatch.setattr(schedule, "cpus", lambda: 2)
    with schedule.Ahead({API_SURFACE: (lambda: os._exit(1)) if dies else (lambda: render_surface(api))}) as ahead:
        assert list(ahead.paths()) == ([API_SURFACE] if schedule.can_fork() else [])
        got = schedule.render_and_format(PackageRenderer(api), formatter="ruff", ahead=ahead)
    assert list(got) == list(expected) and got == expected
