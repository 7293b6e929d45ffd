"""The committed package imports, type-checks under mypy --strict, and looks the way users call it."""

from __future__ import annotations

import email.parser
import inspect
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest
import yaml

import generator
from generator import PROVENANCE
from generator.cli import main
from tests.conftest import ROOT

GENERATED = ROOT / "generated"


@pytest.fixture(scope="module")
def novu():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(GENERATED))
    try:
        import novu

        yield novu
    finally:
        sys.path.remove(str(GENERATED))


def public_methods(resource: object) -> dict[str, object]:
    return {
        name: getattr(resource, name)
        for name in dir(type(resource))
        if not name.startswith("_") and name != "with_raw_response" and callable(getattr(type(resource), name, None))
    }


def test_clients_and_errors_are_exported(novu) -> None:
    for name in ("Novu", "AsyncNovu", "APIError", "APIStatusError", "NotFoundError", "RateLimitError", "__version__"):
        assert hasattr(novu, name), name
    from novu.models import IntegrationResponseDto, StepFilter

    assert "conditions" in IntegrationResponseDto.model_fields
    assert StepFilter.model_validate({"isNegated": False, "type": "GROUP", "value": "AND", "children": []})


def test_the_package_says_what_generated_it(novu) -> None:
    """Name and version of the generator: in the package, its manifest and its API snapshot."""
    assert novu.__generator__ == PROVENANCE and "__generator__" in novu.__all__
    assert PROVENANCE == f"openapi-pyclient-generator {generator.__version__}"
    for name in (".generated-by-pyclient.json", "api.json"):
        assert json.loads((GENERATED / name).read_text(encoding="utf-8"))["generator"] == PROVENANCE, name


def test_the_generator_prints_its_version_without_a_spec(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0 and capsys.readouterr().out == PROVENANCE + "\n"


def test_sync_and_async_clients_have_the_same_resources_and_signatures(novu) -> None:
    sync, asynchronous = novu.Novu(api_key="k"), novu.AsyncNovu(api_key="k")
    pairs = [(sync, asynchronous)]
    seen = 0
    while pairs:
        s, a = pairs.pop()
        s_methods, a_methods = public_methods(s), public_methods(a)
        assert s_methods.keys() == a_methods.keys()
        for name, method in s_methods.items():
            seen += 1
            assert inspect.signature(method).parameters.keys() == inspect.signature(a_methods[name]).parameters.keys()
        for name, value in vars(type(s)).items():
            if isinstance(value, __import__("functools").cached_property) and name != "with_raw_response":
                pairs.append((getattr(s, name), getattr(a, name)))
    assert seen >= 89


def test_path_parameters_are_positional_and_the_rest_keyword_only(novu) -> None:
    client = novu.Novu(api_key="k")
    params = inspect.signature(client.subscribers.preferences.update).parameters
    kinds = {name: p.kind for name, p in params.items()}
    assert kinds["subscriber_id"] is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert kinds["parameter"] is inspect.Parameter.POSITIONAL_OR_KEYWORD
    trigger = inspect.signature(client.events.trigger).parameters
    assert trigger["name"].kind is inspect.Parameter.KEYWORD_ONLY and trigger["name"].default is inspect.Parameter.empty
    assert trigger["payload"].default is novu.NOT_GIVEN
    assert "Trigger event" in (client.events.trigger.__doc__ or "")


def readme_first_snippet() -> str:
    return (GENERATED / "README.md").read_text(encoding="utf-8").split("```python\n")[1].split("```", 1)[0]


def test_mypy_strict_passes_on_the_generated_package(tmp_path: Path) -> None:
    """The package, and the README's first snippet as a caller's module using it."""
    (tmp_path / "readme_first.py").write_text(readme_first_snippet())
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "novu", "-m", "readme_first"],
        cwd=GENERATED, capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_passes_on_the_generator() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "generator"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_a_non_editable_install_finds_its_templates(tmp_path: Path) -> None:
    """Templates must ship inside the wheel, not only sit in the checkout."""
    wheel_dir, site = tmp_path / "wheel", tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheel_dir), str(ROOT)],
        check=True, capture_output=True,
    )
    [wheel] = wheel_dir.glob("*.whl")
    assert wheel.name.startswith(f"openapi_pyclient_generator-{generator.__version__}-")  # pyproject reads it
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
        check=True, capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", str(ROOT / "specs" / "novu.yaml"), "-o", str(tmp_path / "out")],
        cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "novu" / "_runtime" / "__init__.py").exists()


def test_every_readme_snippet_compiles() -> None:
    """The generated README documents each runtime feature with code a user can paste."""
    text = (GENERATED / "README.md").read_text(encoding="utf-8")
    snippets = text.split("```python\n")[1:]
    assert len(snippets) >= 8
    for snippet in snippets:
        code = snippet.split("```", 1)[0]
        compile(code, "README.md", "exec")


def test_the_readme_installs_by_name_and_first_sends_a_body(
    novu, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A package index shows the README: install by the distribution's name; the first snippet,
    run as it is (its client's HTTP answered by a MockTransport), makes a call with a body."""
    assert "```sh\npip install novu-client\n```" in (GENERATED / "README.md").read_text(encoding="utf-8")
    for name in ("NOVU_API_KEY", "NOVU_BASE_URL", "NOVU_LOG"):
        monkeypatch.delenv(name, raising=False)
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"data": {"acknowledged": True, "status": "processed"}})

    mock = httpx.MockTransport(answer)
    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", lambda self, request: mock.handle_request(request))
    exec(compile(readme_first_snippet(), "README.md", "exec"), {})
    [request] = sent
    assert (request.method, request.url.path) == ("POST", "/v1/events/trigger")
    assert json.loads(request.content) == {"name": "name", "to": [{"subscriberId": "subscriber_id"}]}
    assert "acknowledged=True" in capsys.readouterr().out


USER_SCRIPT = '''
from novu import Novu, models

client = Novu(api_key="k")
filters: list[models.StepFilter] = [
    models.StepFilter(
        is_negated=False, type=models.StepFilterType.BOOLEAN, value=models.StepFilterValue.AND, children=[]
    )
]
created = client.integrations.create(
    provider_id="sendgrid",
    channel="email",
    credentials={"user": "u", "domain": "d"},
    conditions=filters,
)
client.integrations.create(
    provider_id="sendgrid",
    channel=models.CreateIntegrationRequestDtoChannel.EMAIL,
    credentials=models.CredentialsDto(api_key="key", secret_key="s"),
    conditions=[{"isNegated": True, "type": "TEXT", "value": "OR", "children": []}],
)
response: models.IntegrationResponseDto = created
print(response.provider_id, response.credentials.api_key)
'''
USER_MISTAKES = '''
from novu import Novu, models

client = Novu(api_key="k")
client.integrations.create(provider_id="sendgrid", channel="fax")
client.integrations.create(provider_id="p", channel="sms", conditions=[{"type": "TEXT"}])
models.StepFilter(isNegated=False, type=models.StepFilterType.TEXT, value=models.StepFilterValue.OR, children=[])
'''


def _mypy_on(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "user.py"
    path.write_text(script, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(GENERATED)},
    )


def test_a_users_script_with_strings_dicts_and_python_names_passes_mypy_strict(tmp_path: Path) -> None:
    result = _mypy_on(USER_SCRIPT, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_still_catches_wrong_values_in_a_users_script(tmp_path: Path) -> None:
    result = _mypy_on(USER_MISTAKES, tmp_path)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["5", "6", "7"], result.stdout
    assert "'fax'" in errors[0] and "StepFilterParam" in errors[1] and '"isNegated"' in errors[2]


NOVU_METADATA = """
license: Apache-2.0 OR MIT
license_file: legal/LICENSE.txt
authors:
  - {name: "Novu, Inc.", email: support@novu.co}
  - {name: Jane Doe}
  - {email: dev@example.com}
homepage: https://novu.co
repository: https://github.com/novuhq/novu
documentation: https://docs.novu.co
keywords: [novu, notifications]
classifiers: ["Typing :: Typed", "Development Status :: 5 - Production/Stable"]
"""


@pytest.mark.slow
def test_the_wheel_carries_the_metadata_the_config_sets(tmp_path: Path) -> None:
    """hatchling builds the generated project into what a package index shows (PEP 639 licence)."""
    spec = tmp_path / "novu.yaml"
    shutil.copy(ROOT / "specs" / "novu.yaml", spec)
    config = yaml.safe_load((ROOT / "specs" / "novu.generator.yaml").read_text()) | yaml.safe_load(NOVU_METADATA)
    (tmp_path / "novu.generator.yaml").write_text(yaml.safe_dump(config))
    (tmp_path / "legal").mkdir()
    (tmp_path / "legal" / "LICENSE.txt").write_text("MIT License\n\nCopyright (c) Novu\n")
    out, wheels = tmp_path / "out", tmp_path / "wheels"
    assert main([str(spec), "-o", str(out), "--no-cache"]) == 0
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(out)],
        check=True, capture_output=True,
    )
    [wheel] = wheels.glob("novu_client-1.0-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = email.parser.Parser().parsestr(archive.read("novu_client-1.0.dist-info/METADATA").decode())
        licence = archive.read("novu_client-1.0.dist-info/licenses/LICENSE").decode()
    assert metadata["License-Expression"] == "Apache-2.0 OR MIT"
    assert metadata.get_all("License-File") == ["LICENSE"] and licence.startswith("MIT License")
    assert metadata["Author"] == "Jane Doe"
    assert metadata["Author-email"] == '"Novu, Inc." <support@novu.co>, dev@example.com'
    assert metadata.get_all("Project-URL") == [
        "Homepage, https://novu.co",
        "Repository, https://github.com/novuhq/novu",
        "Documentation, https://docs.novu.co",
    ]
    assert sorted(metadata["Keywords"].split(",")) == ["notifications", "novu"]
    assert sorted(metadata.get_all("Classifier")) == ["Development Status :: 5 - Production/Stable", "Typing :: Typed"]
    assert metadata["Requires-Python"] == ">=3.10"
