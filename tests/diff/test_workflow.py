"""The CI workflow and the pre-commit hook users drop in (`examples/regenerate-client.yml` and the
script it runs, `.pre-commit-hooks.yaml`), run as they are on a temporary git repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.diff.support import base, changed

WORKFLOW = ROOT / "examples" / "regenerate-client.yml"
SCRIPT = ROOT / "examples" / "regenerate-client.sh"
BASE_SHA = "${{ github.event.pull_request.base.sha }}"
GIT = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
# `python` for the workflow: the test's, but `-m pip` only writes down what it was asked for.
PYTHON_SHIM = f"""#!/bin/sh
if [ "$1 $2" = "-m pip" ]; then echo "$@" >> "$PIP_LOG"; exit 0; fi
exec "{sys.executable}" "$@"
"""


def workflow() -> dict[str, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    loaded["on"] = loaded.pop(True)  # YAML 1.1 reads the key `on` as true
    return loaded


def run_step() -> dict[str, Any]:
    """The one step that runs a command: the script."""
    [step] = [s for s in workflow()["jobs"]["client"]["steps"] if "run" in s]
    return step


def script_path() -> str:
    """Where the workflow expects the script, in the user's repository."""
    command, path = run_step()["run"].split()
    assert command == "bash"
    return path


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout.strip()


def generate(repo: Path) -> None:
    subprocess.run([sys.executable, "-m", "generator", "openapi.yaml", "-o", "generated"], cwd=repo, check=True, capture_output=True)


def commit(repo: Path, document: dict[str, Any], regenerate: bool = True) -> str:
    (repo / "openapi.yaml").write_text(yaml.safe_dump(document))
    if regenerate:
        generate(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "change")
    return git(repo, "rev-parse", "HEAD")


def repository(tmp_path: Path, with_client: bool = True) -> tuple[Path, str]:
    """A repository holding the base API (and its client, unless not yet) and the script."""
    repo = tmp_path / "repo"
    (repo / script_path()).parent.mkdir(parents=True)
    shutil.copy(SCRIPT, repo / script_path())
    git(repo, "init", "-q")
    return repo, commit(repo, base(), with_client)


@dataclass
class Job:
    returncode: int
    log: str
    summary: str
    installed: list[str]


def run_workflow(repo: Path, base_sha: str, tmp_path: Path, **env: str) -> Job:
    """Run the script's step as Actions does (bash -e, pipefail), the workflow's env and `env`."""
    summary, pip_log, shim = tmp_path / "summary.md", tmp_path / "pip.log", tmp_path / "bin" / "python"
    summary.write_text("")
    pip_log.write_text("")
    shim.parent.mkdir(exist_ok=True)
    shim.write_text(PYTHON_SHIM)
    shim.chmod(0o755)
    step = run_step()
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHON", "SUMMARY")}
    environment |= workflow()["env"] | {k: (base_sha if v == BASE_SHA else v) for k, v in step["env"].items()}
    environment |= {"GITHUB_STEP_SUMMARY": str(summary), "PIP_LOG": str(pip_log), "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=repo, env=environment | env, capture_output=True, text=True,
    )
    return Job(done.returncode, done.stdout + done.stderr, summary.read_text(), pip_log.read_text().splitlines())


def test_the_workflow_runs_the_script_with_the_generator_pinned() -> None:
    flow = workflow()
    spec, out = flow["env"]["SPEC"], flow["env"]["OUT"]
    assert flow["on"]["pull_request"]["paths"] == [
        spec,
        spec.replace(".yaml", ".generator.yaml"),
        f"{out}/**",
        f".github/workflows/{WORKFLOW.name}",  # where GENERATOR is pinned
        script_path(),
    ]
    assert Path(script_path()).name == SCRIPT.name
    assert flow["env"]["GENERATOR"] == f"openapi-pyclient-generator=={metadata.version('openapi-pyclient-generator')}"
    checkout, setup, script = flow["jobs"]["client"]["steps"]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    assert setup["uses"].startswith("actions/setup-python@")
    assert script["env"] == {"BASE_SHA": BASE_SHA}  # the only value the test stands in for


def feature(d: dict[str, Any]) -> None:
    d["components"]["schemas"]["Item"]["properties"]["stock"] = {"type": "integer"}


def breaking(d: dict[str, Any]) -> None:
    d["components"]["schemas"]["Item"]["properties"].pop("label")


STALE = "**`generated` is stale**"


@pytest.mark.parametrize(
    "tweak, regenerate, returncode, heading",
    [
        (feature, True, 0, "## shop 1.3.0"),
        (breaking, True, 1, "## shop 2.0.0"),
        (lambda d: (breaking(d), d["info"].update(version="2.0.0")), True, 0, "## shop 2.0.0"),
        (feature, False, 1, "## shop 1.3.0"),
    ],
    ids=["feature", "breaking", "breaking with a major bump", "not regenerated"],
)
def test_the_workflow_on_a_pull_request(
    tmp_path: Path, tweak: Callable[[dict[str, Any]], None], regenerate: bool, returncode: int, heading: str
) -> None:
    """The report is written whether the job fails or not."""
    repo, base_sha = repository(tmp_path)
    commit(repo, changed(tweak), regenerate)
    job = run_workflow(repo, base_sha, tmp_path)
    assert job.returncode == returncode, job.log
    assert job.installed == [f"-m pip install --quiet {workflow()['env']['GENERATOR']}"]
    report = job.summary.split("\n\n", 1)[1] if not regenerate else job.summary
    assert report.splitlines()[0] == heading
    assert "shop.models.Item." in report
    assert job.summary.startswith(STALE) == (not regenerate)
    assert ("generated is stale" in job.log) == (not regenerate)


def test_the_first_pull_request_has_no_client_to_compare_with(tmp_path: Path) -> None:
    repo, base_sha = repository(tmp_path, with_client=False)
    commit(repo, changed(feature))
    job = run_workflow(repo, base_sha, tmp_path)
    assert job.returncode == 0, job.log
    assert job.summary == "No `generated/api.json` on the base branch: this is the first client, there is nothing to compare it with.\n"


@pytest.mark.parametrize(
    "generator",
    ["openapi-pyclient-generator", "openapi-pyclient-generator>=0.1", "openapi-pyclient-generator==0.*", "git+https://github.com/acme/pyclient", "git+ssh://git@github.com/acme/pyclient.git"],
)
def test_an_unpinned_generator_is_refused_before_it_is_installed(tmp_path: Path, generator: str) -> None:
    repo, base_sha = repository(tmp_path, with_client=False)
    job = run_workflow(repo, base_sha, tmp_path, GENERATOR=generator)
    assert job.returncode == 2
    assert f"regenerate-client: GENERATOR={generator} is not pinned" in job.log
    assert job.installed == [] and job.summary == ""


def test_a_generator_pinned_to_a_git_reference_is_installed(tmp_path: Path) -> None:
    repo, base_sha = repository(tmp_path)
    pin = "openapi-pyclient-generator @ git+ssh://git@github.com/acme/pyclient.git@v0.1.0"
    job = run_workflow(repo, base_sha, tmp_path, GENERATOR=pin)
    assert job.returncode == 0, job.log
    assert job.installed == [f"-m pip install --quiet {pin}"]


def test_a_base_commit_missing_from_a_shallow_checkout_is_said(tmp_path: Path) -> None:
    repo, _ = repository(tmp_path, with_client=False)
    job = run_workflow(repo, "0" * 40, tmp_path)
    assert job.returncode == 2
    assert "base commit 0000000000000000000000000000000000000000 is not in the checkout (actions/checkout needs fetch-depth: 0)" in job.log


@pytest.mark.slow
def test_the_pre_commit_hook_checks_the_generated_client(tmp_path: Path) -> None:
    """`language: python`: pre-commit installs the generator from this checkout (its
    dependencies from the package index) and runs its --check with the hook's default args."""
    repo, _ = repository(tmp_path)
    env = {**os.environ, **GIT, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    hook = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "pyclient-check", "--all-files"]
    passed = subprocess.run(hook, cwd=repo, env=env, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    (repo / "openapi.yaml").write_text(json.dumps(changed(feature)))
    git(repo, "add", "-A")
    stale = subprocess.run(hook, cwd=repo, env=env, capture_output=True, text=True)
    assert stale.returncode == 1
    assert "Failed" in stale.stdout and "generated is stale" in stale.stdout
