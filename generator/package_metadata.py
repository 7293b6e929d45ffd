"""The config keys for what a published package says about itself: its licence, authors, links,
keywords and classifiers.

Checked here, as `config` checks its other keys, because each one is written into the generated
`pyproject.toml` (and from there into the wheel's METADATA) as it is: a value the build backend or
the package index would refuse, or one that would change what the file says, stops the run with
the line of its key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .regular import NotRegularFile, read_regular

MAX_LICENSE_BYTES = 256 * 1024
Checked = tuple[Any, str | None]  # (the value as `Config` takes it, None), or (None, why not)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# SPDX: identifiers (`MIT`, `LicenseRef-Mine`, `GPL-2.0+`) joined by AND, OR and WITH.
_ID = r"(?!(?:AND|OR|WITH)(?![A-Za-z0-9.+-]))[A-Za-z0-9.-]+\+?"
_TERM = rf"(?:{_ID}(?: WITH {_ID})?|#)"  # `#`: a parenthesised expression, already checked
_FLAT_EXPRESSION = re.compile(rf"{_TERM}(?: (?:AND|OR) {_TERM})*")
_INNERMOST = re.compile(r"\(([^()]*)\)")
_SPDX_CHARACTERS = re.compile(r"[A-Za-z0-9.+()\s-]*")
_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#][^\s\"<>\\^`{|}\x00-\x1f\x7f]*)?")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_PART = r"[^\s:](?:[^:\x00-\x1f\x7f]*[^\s:])?"
_CLASSIFIER = re.compile(rf"{_PART}( :: {_PART})+")


@dataclass(frozen=True)
class LicenseFile:
    """The licence text the config names, and the file as the run cache keys its inputs."""

    text: str
    input: tuple[str, str, str]  # (path as named, resolved, sha256 of its bytes)


def spdx_expression(value: str) -> bool:
    """Whether `value` has the shape of an SPDX licence expression (not whether its
    identifiers are on the SPDX list: the build backend checks that)."""
    if not _SPDX_CHARACTERS.fullmatch(value):
        return False
    text = " ".join(re.sub(r"([()])", r" \1 ", value).split())
    while True:
        inner = _INNERMOST.search(text)
        if inner is None:
            return _FLAT_EXPRESSION.fullmatch(text) is not None
        if _FLAT_EXPRESSION.fullmatch(inner.group(1).strip()) is None:
            return False
        text = text[: inner.start()] + "#" + text[inner.end() :]


def _license(value: Any) -> Checked:
    if not isinstance(value, str) or len(value) > 200 or not spdx_expression(value):
        return None, (
            "config key 'license' must be an SPDX license expression such as MIT or "
            "'Apache-2.0 OR MIT': identifiers (letters, digits, . and -, a trailing +) joined by "
            f"AND, OR and WITH, in capitals, with parentheses; got {value!r}"
        )
    return " ".join(value.split()), None


def _license_file(value: Any) -> Checked:
    """Its name only: `read_license_file` reads it, relative to the config."""
    if not isinstance(value, str) or not value or len(value) > 200 or _CONTROL.search(value):
        return None, "config key 'license_file' must be a file name relative to the config file"
    if Path(value).is_absolute():
        return None, f"config key 'license_file' must be relative to the config file's directory; got {value!r}"
    return value, None


def _url(key: str) -> Callable[[Any], Checked]:
    def check(value: Any) -> Checked:
        if not isinstance(value, str) or len(value) > 200 or not _URL.fullmatch(value):
            return None, f"config key {key!r} must be an http(s) URL such as https://example.com/docs; got {value!r}"
        return value, None

    return check


def _strings(key: str, value: Any) -> tuple[tuple[str, ...] | None, str | None]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None, f"config key {key!r} must be a list of strings"
    return tuple(value), None


def _keywords(value: Any) -> Checked:
    keywords, problem = _strings("keywords", value)
    if keywords is None:
        return None, problem
    for i, keyword in enumerate(keywords):
        if not keyword.strip() or len(keyword) > 50 or "," in keyword or _CONTROL.search(keyword):
            return None, f"keywords[{i}] must be a word or short phrase (up to 50 characters, no commas); got {keyword!r}"
    return keywords, None


def _classifiers(value: Any) -> Checked:
    classifiers, problem = _strings("classifiers", value)
    if classifiers is None:
        return None, problem
    for i, classifier in enumerate(classifiers):
        if len(classifier) > 200 or not _CLASSIFIER.fullmatch(classifier):
            return None, f"classifiers[{i}] must be a trove classifier such as 'Typing :: Typed'; got {classifier!r}"
    return classifiers, None


def _authors(value: Any) -> Checked:
    """A list of `{name, email}`: either may be left out, not both."""
    if not isinstance(value, list):
        return None, "config key 'authors' must be a list of mappings with a name, an email or both"
    authors = []
    for i, raw in enumerate(value):
        author, problem = _author(raw)
        if problem is not None:
            return None, f"authors[{i}] {problem}"
        authors.append(author)
    return tuple(authors), None


def _author(raw: Any) -> tuple[tuple[str | None, str | None], str | None]:
    if not isinstance(raw, dict) or not raw or set(raw) - {"name", "email"}:
        return (None, None), "must be a mapping of name, email or both (e.g. {name: Jane Doe, email: jane@example.com})"
    name, email = raw.get("name"), raw.get("email")
    if name is not None and not _is_name(name):
        return (None, None), f"name must be a short line of text; got {name!r}"
    if email is not None and not (isinstance(email, str) and len(email) <= 200 and _EMAIL.fullmatch(email)):
        return (None, None), f"email must be an email address such as jane@example.com; got {email!r}"
    return (name, email), None


def _is_name(name: Any) -> bool:
    return isinstance(name, str) and bool(name.strip()) and len(name) <= 200 and not _CONTROL.search(name)


KEYS: dict[str, Callable[[Any], Checked]] = {
    "license": _license,
    "license_file": _license_file,
    "authors": _authors,
    "homepage": _url("homepage"),
    "repository": _url("repository"),
    "documentation": _url("documentation"),
    "keywords": _keywords,
    "classifiers": _classifiers,
}


def finish(values: dict[str, Any], config_dir: Path) -> list[tuple[str, str]]:
    """What the keys cannot say one by one: the licence file's text in place of its name, and
    no licence classifier beside a licence expression (PEP 639). (key, problem) for each fault."""
    problems = []
    if isinstance(values.get("license_file"), str):
        values["license_file"], problem = read_license_file(config_dir, values["license_file"])
        if problem is not None:
            problems.append(("license_file", problem))
    listed = [c for c in values.get("classifiers") or () if c.startswith("License ::")]
    if values.get("license") and listed:
        problems.append(("classifiers", f"{listed[0]!r} beside 'license': PEP 639 forbids license classifiers with a license expression; leave them out"))
    return problems


def read_license_file(config_dir: Path, name: str) -> tuple[LicenseFile | None, str | None]:
    """The file `name` in the config's directory tree: regular, small, UTF-8."""
    named = config_dir.absolute() / name
    resolved = named.resolve()
    if not resolved.is_relative_to(config_dir.resolve()):
        return None, f"license_file {name!r} is outside the config file's directory"
    try:
        data = read_regular(resolved, MAX_LICENSE_BYTES)
    except NotRegularFile:
        return None, f"license_file {name!r} is not a regular file"
    except OSError as exc:
        return None, f"cannot read license_file {name!r}: {exc.strerror or exc}"
    if len(data) > MAX_LICENSE_BYTES:
        return None, f"license_file {name!r} is larger than {MAX_LICENSE_BYTES // 1024} KiB"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"license_file {name!r} is not UTF-8 text (byte {exc.start})"
    return LicenseFile(text, (str(named), str(resolved), hashlib.sha256(data).hexdigest())), None
