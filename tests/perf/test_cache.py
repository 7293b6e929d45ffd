"""The run cache and the parallel stages never change what a run writes or prints."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import cli, driver, paths, render
from generator.output import cache, parallel
from generator.output import format as fmt
from generator.output.manifest import with_manifest
from generator.render import overrides

ROOT = Path(__file__).resolve().parents[2]

SPEC = """\
openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
servers: [{url: "https://pets.example.com"}]
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      description: All the pets.
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
    post:
      operationId: createPet
      tags: [pets]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet"}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
  /pets/{petId}:
    get:
      operationId: getPet
      tags: [pets]
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: string}
        name: {type: string, description: "The pet's name."}
        kind: {type: string, enum: [cat, dog]}
"""

# No such field in an Info object: a validation error, a warning with --lenient.
INVALID = SPEC.replace(
    "info: {title: Pets, version: 1.0.0}", "info: {title: Pets, version: 1.0.0, colour: blue}"
)


def tree(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def generate(spec: Path, out: Path, *extra: str) -> int:
    return cli.main([str(spec), "-o", str(out), *extra])


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec" / "pets.yaml"
    path.parent.mkdir()
    path.write_text(SPEC)
    return path


def test_a_cached_run_is_byte_identical_to_a_cold_run(
    spec: Path, tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert generate(spec, tmp_path / "cold", "--no-cache") == 0
    assert not cache_home.exists(), "--no-cache wrote to the cache"
    assert generate(spec, tmp_path / "first") == 0  # fills the cache
    assert (cache_home / cache.CACHE_NAME / "runs").is_dir()
    monkeypatch.setattr(driver, "_generate", lambda *a: pytest.fail("the run cache was not used"))
    assert generate(spec, tmp_path / "hit") == 0
    assert tree(tmp_path / "cold") == tree(tmp_path / "first") == tree(tmp_path / "hit")


def test_no_cache_does_not_read_the_cache(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert generate(spec, tmp_path / "a") == 0
    ran: list[bool] = []
    real = driver._generate
    monkeypatch.setattr(driver, "_generate", lambda *a: ran.append(True) or real(*a))
    assert generate(spec, tmp_path / "b", "--no-cache") == 0
    assert ran == [True]


def test_an_edited_spec_reuses_formatted_files_and_matches_a_cold_run(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert generate(spec, tmp_path / "before") == 0
    spec.write_text(SPEC.replace("All the pets.", "Every pet we know of."))
    formatted: list[str] = []
    real = fmt._format_one
    monkeypatch.setattr(fmt, "_format_one", lambda source: formatted.append(source) or real(source))
    assert generate(spec, tmp_path / "warm") == 0
    assert len(formatted) == 1 and "Every pet we know of." in formatted[0], (
        "only the edited module is formatted"
    )
    assert generate(spec, tmp_path / "cold", "--no-cache") == 0
    assert tree(tmp_path / "warm") == tree(tmp_path / "cold")
    assert tree(tmp_path / "warm") != tree(tmp_path / "before")


def test_a_changed_template_invalidates_the_cache(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates, source = tmp_path / "templates", tmp_path / "generator-copy"
    shutil.copytree(paths.templates_dir(), templates)
    shutil.copytree(cache.generator_dir(), source, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(overrides, "templates_dir", lambda: templates)
    monkeypatch.setattr(cache, "templates_dir", lambda: templates)
    monkeypatch.setattr(render, "runtime_dir", lambda: source / "runtime")
    monkeypatch.setattr(cache, "generator_dir", lambda: source)
    fmt.runtime_sources.cache_clear()
    try:
        assert generate(spec, tmp_path / "before") == 0
        version = templates / "package" / "_version.py.jinja"
        version.write_text(version.read_text() + "CHANGED_TEMPLATE = 1\n")
        runtime = source / "runtime" / "_types.py"
        runtime.write_text(runtime.read_text() + "\nCHANGED_RUNTIME = 2\n")
        fmt.runtime_sources.cache_clear()
        assert generate(spec, tmp_path / "after") == 0
        after = tree(tmp_path / "after")
        assert any(b"CHANGED_TEMPLATE = 1" in text for text in after.values())
        assert any(b"CHANGED_RUNTIME = 2" in text for text in after.values())
        assert generate(spec, tmp_path / "cold", "--no-cache") == 0
        assert tree(tmp_path / "cold") == after
    finally:
        fmt.runtime_sources.cache_clear()


def test_the_key_covers_every_input(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = spec.with_name("pets.generator.yaml")
    key = cache.run_key(spec, config, False)
    assert key is not None and cache.run_key(spec, config, False) == key
    assert cache.run_key(spec, config, True) != key, "--lenient"
    config.write_text("package: other\n")
    with_config = cache.run_key(spec, config, False)
    assert with_config != key, "a config appearing beside the spec"
    config.write_text("package: other2\n")
    assert cache.run_key(spec, config, False) != with_config, "the config's bytes"
    config.unlink()
    spec.write_text(SPEC + "\n")
    assert cache.run_key(spec, config, False) != key, "the spec's bytes"
    spec.write_text(SPEC)
    moved = spec.with_name("other.yaml")
    shutil.copy(spec, moved)
    assert cache.run_key(moved, config, False) != key, "the spec's path (diagnostics print it)"
    monkeypatch.setattr(cache, "_distributions", lambda: ["somepackage-1.0.dist-info@1"])
    assert cache.run_key(spec, config, False) != key, (
        "installed distributions (black, jinja2, the validator...)"
    )
    monkeypatch.undo()
    source = tmp_path / "generator-copy"
    shutil.copytree(cache.generator_dir(), source, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "generator_dir", lambda: source)
    monkeypatch.setattr(cache, "templates_dir", lambda: paths.templates_dir())
    copied = cache.run_key(spec, config, False)
    (source / "render" / "__init__.py").write_text((source / "render" / "__init__.py").read_text() + "\n# changed\n")
    assert cache.run_key(spec, config, False) != copied, "the generator's source"


def test_a_damaged_run_entry_is_a_miss(spec: Path, tmp_path: Path, cache_home: Path) -> None:
    assert generate(spec, tmp_path / "a") == 0
    for entry in (cache_home / cache.CACHE_NAME / "runs").rglob("*"):
        if entry.is_file():
            entry.write_bytes(entry.read_bytes().replace(b"class", b"klass"))
    assert generate(spec, tmp_path / "b") == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_warnings_are_printed_again_from_the_cache(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec.write_text(INVALID)
    assert generate(spec, tmp_path / "cold", "--lenient", "--no-cache") == 0
    cold = capsys.readouterr().err
    assert "warning" in cold
    assert generate(spec, tmp_path / "first", "--lenient") == 0
    capsys.readouterr()
    monkeypatch.setattr(driver, "_generate", lambda *a: pytest.fail("the run cache was not used"))
    assert generate(spec, tmp_path / "hit", "--lenient") == 0
    hit = capsys.readouterr().err
    assert hit.replace("/hit", "/cold") == cold


def test_invalid_specs_are_not_cached(
    spec: Path, tmp_path: Path, cache_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec.write_text(INVALID)
    assert generate(spec, tmp_path / "a") == 2
    first = capsys.readouterr().err
    assert generate(spec, tmp_path / "a") == 2
    assert capsys.readouterr().err == first
    assert not (cache_home / cache.CACHE_NAME / "runs").exists()


def test_check_from_the_cache_still_compares_the_output(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(spec, out) == 0
    assert generate(spec, out, "--check") == 0
    victim = next(p for p in out.rglob("*.py") if p.read_text())
    victim.write_text(victim.read_text() + "# edited\n")
    assert generate(spec, out, "--check") == 1


def test_every_file_the_spec_refers_to_is_part_of_the_key(tmp_path: Path, cache_home: Path) -> None:
    """A spec split over files is answered from the run cache until any file it read changes."""
    spec = tmp_path / "spec" / "pets.yaml"
    spec.parent.mkdir()
    spec.write_text(SPEC.replace('{$ref: "#/components/schemas/Pet"}}', '{$ref: "pet.yaml"}}'))
    pet = spec.with_name("pet.yaml")
    pet.write_text("type: object\nproperties: {name: {type: string}}\n")
    assert generate(spec, tmp_path / "a") == 0
    assert list((cache_home / cache.CACHE_NAME / "inputs").iterdir())
    runs = cache_home / cache.CACHE_NAME / "runs"
    stored = set(runs.iterdir())
    assert generate(spec, tmp_path / "a", "--check") == 0
    assert set(runs.iterdir()) == stored  # answered from the cache: nothing new stored
    pet.write_text("type: object\nproperties: {nickname: {type: string}}\n")
    assert generate(spec, tmp_path / "a", "--check") == 1  # the edit is seen
    assert generate(spec, tmp_path / "b") == 0
    assert generate(spec, tmp_path / "cold", "--no-cache") == 0
    assert tree(tmp_path / "b") == tree(tmp_path / "cold") != tree(tmp_path / "a")


def test_the_license_file_the_config_names_is_part_of_the_key(spec: Path, tmp_path: Path, cache_home: Path) -> None:
    """Its text is written out: an edit to it is seen by a cached run and by --check."""
    spec.with_name("pets.generator.yaml").write_text("license: MIT\nlicense_file: LICENSE.txt\n")
    licence = spec.with_name("LICENSE.txt")
    licence.write_text("MIT License, 2024\n")
    assert generate(spec, tmp_path / "a") == 0
    licence.write_text("MIT License, 2025\n")
    assert generate(spec, tmp_path / "a", "--check") == 1
    assert generate(spec, tmp_path / "a") == 0
    assert (tmp_path / "a" / "LICENSE").read_text() == "MIT License, 2025\n"


@pytest.mark.parametrize("lenient", [False, True])
def test_parallel_validation_prints_what_sequential_validation_prints(
    lenient: bool,
    spec: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec.write_text(INVALID + "  x-extra: {}\n")
    flags = ["--no-cache", "--lenient"] if lenient else ["--no-cache"]
    code = generate(spec, tmp_path / "a", *flags)
    forked = capsys.readouterr().err
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert generate(spec, tmp_path / "b", *flags) == code == (0 if lenient else 2)
    assert capsys.readouterr().err.replace("/b", "/a") == forked
    if lenient:
        assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_a_validation_error_wins_over_a_later_failure(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec.write_text(INVALID)

    def crash(*args: object) -> None:
        raise RuntimeError("the IR cannot cope with an invalid document")

    monkeypatch.setattr("generator.ir.build", crash)
    assert generate(spec, tmp_path / "a", "--no-cache") == 2
    err = capsys.readouterr().err
    assert "error" in err and "internal error" not in err


@pytest.mark.slow
def test_novu_cached_and_cold_runs_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    novu = ROOT / "specs" / "novu.yaml"
    assert generate(novu, tmp_path / "cold", "--no-cache") == 0
    assert generate(novu, tmp_path / "first") == 0
    monkeypatch.setattr(driver, "_generate", lambda *a: pytest.fail("the run cache was not used"))
    assert generate(novu, tmp_path / "hit") == 0
    assert tree(tmp_path / "cold") == tree(tmp_path / "first") == tree(tmp_path / "hit")


def test_the_cache_keeps_a_bounded_number_of_runs(tmp_path: Path) -> None:
    def files(i: int) -> dict[str, str]:  # a run's files always come with their manifest
        return with_manifest({"f.py": f"x = {i}\n"}, "test")

    for i in range(cache.MAX_RUNS + 5):
        cache.store_run(tmp_path, f"{i:064x}", files(i), [])
        entry = tmp_path / "runs" / f"{i:064x}"
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))
    kept = sorted(p.name for p in (tmp_path / "runs").iterdir())
    assert len(kept) <= cache.MAX_RUNS
    assert cache.load_run(tmp_path, f"{cache.MAX_RUNS + 4:064x}") == (files(cache.MAX_RUNS + 4), [])
    assert cache.load_run(tmp_path, f"{0:064x}") is None


def test_a_sweep_removes_entries_unused_for_a_month(tmp_path: Path) -> None:
    old, new = tmp_path / "format" / "aa" / "old", tmp_path / "format" / "bb" / "new"
    for entry in (old, new):
        cache.write_entry(entry, b"text")
    now = 10_000_000_000.0
    os.utime(old, (now - 31 * 24 * 3600, now - 31 * 24 * 3600))
    os.utime(new, (now - 3600, now - 3600))
    cache.prune(tmp_path, now=now)
    assert not old.exists() and cache.read_entry(new) == b"text"


def test_one_edited_description_in_novu_reformats_only_the_module_it_changes(
    tmp_path: Path, cache_home: Path
) -> None:
    """A warm run after an edit: every file whose text did not change comes from the cache
    (the run's formatting workers included); the one that did is formatted, and the output is
    a cold run's."""
    spec = tmp_path / "spec" / "novu.yaml"
    spec.parent.mkdir()
    shutil.copy(ROOT / "specs" / "novu.yaml", spec)
    shutil.copy(ROOT / "specs" / "novu.generator.yaml", spec.parent)
    assert generate(spec, tmp_path / "out") == 0
    entries = cache_home / cache.CACHE_NAME / "format"
    before = {p for p in entries.rglob("*") if p.is_file()}
    anchor = "      summary: Set integration as primary\n"
    text = spec.read_text(encoding="utf-8")
    assert anchor in text
    spec.write_text(text.replace(anchor, anchor + "      description: Edited.\n", 1), encoding="utf-8")
    assert generate(spec, tmp_path / "out") == 0
    added = {p for p in entries.rglob("*") if p.is_file()} - before
    assert len(added) == 1 and b"Edited." in next(iter(added)).read_bytes()
    assert generate(spec, tmp_path / "cold", "--no-cache") == 0
    assert tree(tmp_path / "out") == tree(tmp_path / "cold")


def test_a_run_whose_files_are_all_cached_does_not_import_black(
    spec: Path, tmp_path: Path, cache_home: Path
) -> None:
    """Same files, other run key (--lenient): every file comes from the format cache, in
    forked workers too."""
    import subprocess
    import sys

    assert generate(spec, tmp_path / "first") == 0
    probe = (
        "import sys\nfrom generator.output import parallel, schedule\nfrom generator.cli import main\n"
        "schedule.PARALLEL_MIN_LINES = 0\nparallel.cpus = lambda: 2\n"
        f"code = main([{str(spec)!r}, '-o', {str(tmp_path / 'second')!r}, '--lenient'])\n"
        "print(code, 'black' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.stdout.split() == ["0", "False"], done.stdout + done.stderr
    assert tree(tmp_path / "first") == tree(tmp_path / "second")


def test_a_validation_child_that_dies_is_made_up_for_by_validating_here(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed (out of memory, by hand) before it answers: the run validates in this process and
    prints what a run without a child prints."""
    from generator.validate import beside

    spec.write_text(INVALID)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    monkeypatch.setattr(beside, "_validate_received", lambda *args: os._exit(9))
    code = generate(spec, tmp_path / "a", "--no-cache")
    died = capsys.readouterr().err
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert generate(spec, tmp_path / "b", "--no-cache") == code == 2
    assert capsys.readouterr().err == died


@pytest.fixture
def override(tmp_path: Path) -> list[str]:
    """`--templates DIR` with one template of its own: the built-in ones ship compiled
    (`render/shipped.py`), so the cache keeps compiled templates for overrides."""
    directory = tmp_path / "overrides"
    (directory / "package").mkdir(parents=True)
    version = "package/_version.py.jinja"
    text = (paths.templates_dir() / version).read_text()
    (directory / version).write_text(text + "OVERRIDDEN = 1\n")
    return ["--templates", str(directory)]


def test_a_warm_run_loads_the_templates_the_first_run_compiled(
    spec: Path, tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch, override: list[str]
) -> None:
    """Compiling a template is part of every run's fixed cost: the built-in ones ship compiled,
    and an override, kept in the cache, is compiled by the first run only: a second run (here
    another run key, --lenient) compiles none, and writes the same files."""
    import jinja2

    compiled: list[str | None] = []
    compile_source = jinja2.Environment.compile

    def spy(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kw: object) -> object:
        compiled.append(name)
        return compile_source(self, source, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    assert generate(spec, tmp_path / "first", *override) == 0
    assert compiled == ["package/_version.py.jinja"]
    assert any((cache_home / cache.CACHE_NAME / "templates").iterdir())
    compiled.clear()
    assert generate(spec, tmp_path / "second", "--lenient", *override) == 0
    assert compiled == []
    assert tree(tmp_path / "first") == tree(tmp_path / "second")


@pytest.mark.parametrize("after_magic", [None, b"not a pickle", b"\x80\x04N."])
def test_a_damaged_compiled_template_is_compiled_again(
    spec: Path, tmp_path: Path, cache_home: Path, after_magic: bytes | None, override: list[str]
) -> None:
    """An entry whose checksum holds but which Jinja cannot load (another Jinja wrote it, or
    a disk error the checksum could not see) is a miss, not a failed run."""
    from jinja2.bccache import bc_magic

    body = b"not bytecode" if after_magic is None else bc_magic + after_magic
    assert generate(spec, tmp_path / "first", *override) == 0
    for entry in (cache_home / cache.CACHE_NAME / "templates").iterdir():
        cache.write_entry(entry, body)
    assert generate(spec, tmp_path / "second", "--lenient", *override) == 0
    assert tree(tmp_path / "first") == tree(tmp_path / "second")
