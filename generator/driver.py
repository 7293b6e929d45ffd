"""The stages in order, each handed the last one's results: a spec file -> the package's files
(`generate`), or -> its IR (`read_api`, for `diff`, so that both read a spec the same way and
stop on the same errors).

    run cache          a hit is an earlier run's files and warnings: nothing below runs
    load               the spec, every file its $refs name, and the config; then the overlays
    validate           in a child forked before loading (after, for a large spec), beside the
                       stages below (`ValidationBeside`)
    upgrade            Swagger 2.0 -> OpenAPI 3.0 (validation checks the spec as written)
    IR                 `ir.build`
    render and format  with black each file formatted as soon as it is rendered, with ruff each
                       process's files at once; a large spec's api.json rendered by another
                       process from the IR while this one builds the views
                       (template overrides, `--templates` or the config's, replace built-in templates)
    manifest           the files listed with their hashes

Writing them (or `--check`) is the CLI's. Warnings are returned; an error raises GenerationError,
its diagnostics led by the warnings found before it, as they are to be printed.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import PROVENANCE
from .config import Config, default_config_path, load_config
from .diagnostics import Diagnostic, GenerationError
from .gc_pause import collections_paused
from .output import cache
from .output.manifest import with_manifest

if TYPE_CHECKING:
    from .ir.types import Api
    from .load import Spec
    from .output.schedule import Ahead
    from .validate import ValidationBeside

# The stages' own modules (YAML, the validator, Jinja, black) are imported when they run: a run
# answered from the cache imports none of them.

Stage = Callable[[str], AbstractContextManager[None]]  # times a stage, and shows it running
Input = tuple[str, str, str]  # a file the load read: as named, resolved, the digest of its bytes


def _untimed(name: str) -> AbstractContextManager[None]:
    return nullcontext()


@dataclass(frozen=True)
class Options:
    spec: Path
    config: Path | None  # None: the spec's <stem>.generator.yaml, if there is one
    lenient: bool = False  # validation errors are warnings
    formatter: Literal["black", "ruff"] = "black"
    cache: bool = True  # the caches of formatted files and of whole runs
    overlays: tuple[Path, ...] = ()  # `--overlay`: applied after the config's, in order
    templates: Path | None = None  # `--templates`: overrides the config's `templates`


@dataclass(frozen=True)
class Validation:
    """The validation's own time (not the stages' wait for it), and whether it ran beside them."""

    seconds: float
    parallel: bool


@dataclass(frozen=True)
class Generated:
    files: dict[str, str]  # relative path -> text, the manifest included
    warnings: list[Diagnostic]
    validation: Validation | None  # None: the run cache answered
    # What the stages built (the spec, the IR, the views), freed with the files and not before:
    # freeing it object by object took GitHub's run 35 ms, and the CLI exits without freeing it.
    built: object = field(default=None, repr=False, compare=False)


def generate(options: Options, stage: Stage = _untimed) -> Generated:
    """The package's files: an earlier run's over the same inputs if the run cache has it, else
    made by the stages (and cached)."""
    cache_dir = cache.default_cache_dir() if options.cache else None
    if cache_dir is None:
        return _generate(options, None, stage)[0]
    with stage("cache"):
        config = options.config or default_config_path(options.spec)
        key = cache.run_key(options.spec, config, options.lenient, _flags(options))
        stored = cache.stored_run_key(cache_dir, key) if key else None
        hit = cache.load_run(cache_dir, stored) if stored else None
    if hit is not None:
        return Generated(hit[0], [Diagnostic(**fields) for fields in hit[1]], None)
    generated, inputs = _generate(options, cache_dir, stage)
    if key is not None:
        run_key = cache.store_inputs(cache_dir, key, inputs)
        cache.store_run(cache_dir, run_key, generated.files, [vars(w) for w in generated.warnings])
    return generated


def _flags(options: Options) -> tuple[str, ...]:
    """The options besides the spec and config that change what a run makes (the run cache's key)."""
    overlays = (f"overlay={path}" for path in options.overlays)
    return (f"formatter={options.formatter}", *overlays, f"templates={options.templates}")


def _generate(options: Options, cache_dir: Path | None, stage: Stage) -> tuple[Generated, list[Input]]:
    """The stages after the cache, and the files the load read (for the run cache's key).
    `cache_dir` keeps formatted files, and compiled templates, between runs."""
    if options.formatter == "ruff":
        from .output.ruff_format import ruff_binary

        ruff_binary()  # not installed: said now, before any work
    with _read(options.spec, options.config, options.lenient, stage, overlays=options.overlays) as read:
        with stage("render and format"), _ahead(read.api, options.spec) as ahead:
            from .output.schedule import render_and_format
            from .render import PackageRenderer

            templates = options.templates or read.templates
            package = PackageRenderer(read.api, cache_dir, templates)
            if templates is not None:  # the run cache sees a file added, edited or removed there
                read.inputs.append((str(templates.absolute()), str(templates.resolve()), cache.tree_digest(templates)))
            checkpoint = read.validation.stop_if_failed  # a validation error stops the render
            busy = read.validation.cpus_busy  # a render worker is forked once the validation is done
            formatted = render_and_format(
                package, cache_dir=cache_dir, checkpoint=checkpoint, busy=busy, formatter=options.formatter, ahead=ahead
            )
            files = with_manifest(formatted, PROVENANCE)
    validation = Validation(read.validation.seconds, read.validation.parallel)
    return Generated(files, read.warnings, validation, (read, package)), read.inputs


def _ahead(api: Api, spec_path: Path) -> Ahead:
    """A large spec's `api.json` rendered by another process from the IR alone while this one
    builds the views (GitHub's takes 0.4 s, as long as the views; the validation has ended by then)."""
    from functools import partial

    from .output.schedule import Ahead
    from .render import API_SURFACE, render_surface

    return Ahead({API_SURFACE: partial(render_surface, api)} if _large(spec_path) else {})


def read_api(
    spec_path: Path,
    config_path: Path | None,
    *,
    lenient: bool,
    config_mismatch: Literal["error", "warning"] = "error",
) -> tuple[Api, list[Diagnostic]]:
    """The spec's IR and its warnings, read as `generate` reads it. `config_mismatch` is the
    level of what the config names that the spec lacks (`ir.build`)."""
    with _read(spec_path, config_path, lenient, _untimed, config_mismatch) as read:
        api = read.api
    return api, read.warnings  # complete once the validation is over


@dataclass(frozen=True)
class _Read:
    """A spec read up to its IR. `warnings` is complete once the `with` is left: the
    validation's go where they would be had it run first."""

    api: Api
    warnings: list[Diagnostic]
    inputs: list[Input]  # every file read: the spec, those its $refs name, overlays, the license file
    validation: ValidationBeside
    templates: Path | None  # the config's template overrides, relative to where it is
    spec: Spec  # as loaded; `api` was built from it upgraded
    upgraded: Spec


@contextmanager
def _read(
    spec_path: Path,
    config_path: Path | None,
    lenient: bool,
    stage: Stage,
    config_mismatch: Literal["error", "warning"] = "error",
    overlays: tuple[Path, ...] = (),
) -> Iterator[_Read]:
    """Load, validate (beside, until the `with` body is done too), upgrade, IR.

    Validation runs in another process beside the other stages (one after the other where that
    cannot be), forked before loading so that importing the validator overlaps it; its warnings
    and errors come out as if it had run first. The body calls `validation.stop_if_failed`
    between pieces of its work: it raises validation's errors as soon as they are found. Errors
    raise GenerationError, validation's first, led by the warnings found before them."""
    from .validate import ValidationBeside  # light: the validator itself is imported in the child

    warnings: list[Diagnostic] = []
    validation = ValidationBeside(lenient=lenient, warnings=warnings, stage=stage, late=_large(spec_path))
    try:
        with validation:  # forked first: the child's imports overlap all of the stages' here
            with stage("import"):
                from . import ir
                from .load.upgrade import upgrade
            try:
                with stage("load"), _kept():
                    spec, config, inputs = _load(spec_path, config_path, lenient, warnings, overlays)
                validation.check(spec)
                upgraded, approximated = upgrade(spec)
                warnings += approximated
                with stage("IR"), _kept():
                    api, found = ir.build(upgraded, config, config_mismatch)
                    warnings += found
                validation.stop_if_failed()
                templates = None if config.templates is None else _beside_config(config, config.templates)
                yield _Read(api, warnings, inputs, validation, templates, spec, upgraded)
            finally:
                gc.unfreeze()
    except GenerationError as exc:
        raise GenerationError(warnings + exc.diagnostics, exc.hint) from exc


def _load(
    spec_path: Path, config_path: Path | None, lenient: bool, warnings: list[Diagnostic], overlays: tuple[Path, ...]
) -> tuple[Spec, Config, list[Input]]:
    """The spec and the config, and every file read; the overlays (the config's, then
    `overlays`) applied. Warnings go to `warnings` at once: a config's error is printed after
    the spec's warnings."""
    from .load import load  # imported with `ir`, in the import stage
    from .load.overlay import apply_overlays

    spec = load(spec_path, lenient=lenient)
    warnings += spec.warnings
    config = load_config(config_path, spec_path, warnings if lenient else None)
    before = len(spec.warnings)
    apply_overlays(spec, [*(_beside_config(config, p) for p in config.overlays), *overlays], lenient)
    warnings += spec.warnings[before:]
    inputs = list(spec.inputs)
    if config.license_file is not None:
        inputs.append(config.license_file.input)  # its text is written out
    return spec, config, inputs


def _beside_config(config: Config, path: str) -> Path:
    """A path the config names, relative to the config file."""
    return Path(config.file).parent / path if config.file else Path(path)


@contextmanager
def _kept() -> Iterator[None]:
    """The cyclic garbage collector off while loading or building the IR, which make many
    objects and next to no garbage: each collection would walk every object made so far again
    (half of Stripe's load). What they made is then frozen out of later collections, until
    `gc.unfreeze()`: frozen before the collector is back, whose first collection would walk it
    all once (0.1 s after Cloudflare's IR)."""
    with collections_paused():
        yield
        gc.freeze()


# From this size on, a spec is handed to the validation by forking after the load, not pickled
# into a child forked before it (GitHub's 13 MB: the pickle took the load 0.1 s; the child then
# imports the validator itself, 0.2 s that a large spec's IR outlasts).
LARGE_SPEC_BYTES = 2_000_000


def _large(spec_path: Path) -> bool:
    try:
        return spec_path.stat().st_size >= LARGE_SPEC_BYTES
    except OSError:
        return False
