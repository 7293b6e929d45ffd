"""OpenAPI -> typed Python client generator. The stages run in order in `driver.py`; `ARCHITECTURE.md` is the map."""

# The generator's one version: `pyproject.toml` reads it, and every package it writes records
# it (`__generator__`, the manifest, `api.json`), so a package says what made it.
__version__ = "0.1.0"
GENERATOR_NAME = "openapi-pyclient-generator"
PROVENANCE = f"{GENERATOR_NAME} {__version__}"
