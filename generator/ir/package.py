"""What the generated package says about itself on a package index: the config's licence,
authors, links and keywords, and classifiers (the generator's own unless the config lists some)."""

from __future__ import annotations

from ..config import Config
from .types import Author, PackageMetadata

# The Python versions generated packages are tested on: `requires-python` and the classifiers.
PYTHON_VERSIONS = ("3.10", "3.11", "3.12", "3.13")

# No `License ::` classifier: PEP 639 forbids one beside an SPDX `license`.
_CLASSIFIERS = (
    "Intended Audience :: Developers",
    "Programming Language :: Python :: 3",
    *(f"Programming Language :: Python :: {version}" for version in PYTHON_VERSIONS),
    "Typing :: Typed",
)

# The labels packaging tools know ("well-known labels"), in the config's keys' order.
_URL_LABELS = (("homepage", "Homepage"), ("repository", "Repository"), ("documentation", "Documentation"))


def package_metadata(config: Config) -> PackageMetadata:
    urls = tuple((label, getattr(config, key)) for key, label in _URL_LABELS if getattr(config, key))
    return PackageMetadata(
        requires_python=f">={PYTHON_VERSIONS[0]}",
        classifiers=_CLASSIFIERS if config.classifiers is None else config.classifiers,
        license=config.license,
        license_text=config.license_file.text if config.license_file is not None else None,
        authors=tuple(Author(name, email) for name, email in config.authors),
        urls=urls,
        keywords=config.keywords,
    )
