"""The rendered code is black's output already, so black formats it in one pass (not two).

Black's `format_str` runs a second, checking pass whenever its first pass changed something:
on code it leaves as it is, formatting costs half. These tests say where the render layer and
black part ways; the output is black's either way (tests/snapshot), only the time differs.
"""

from __future__ import annotations

import json
from pathlib import Path

import black
import pytest

from generator.config import load_config
from generator.ir import build
from generator.load import load
from generator.load.upgrade import upgrade
from generator.output import format as fmt
from generator.render import layout, render_package
from generator.render.filters import pystring
from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
BIG = {"stripe-spec3-2021-09.yaml", "asana_oas.yaml"}
SPECS = [ROOT / "specs" / "novu.yaml", ROOT / "specs" / "novu-2025-02.yaml"] + sorted(
    p for p in CORPUS.glob("*.y*ml") if p.name not in BIG
)


def _rendered(spec: Path) -> dict[str, str]:
    api, _ = build(upgrade(load(spec))[0], load_config(None, spec))
    return render_package(api)


def _black_would_change(files: dict[str, str]) -> list[str]:
    runtime = fmt.runtime_sources()
    return [
        path
        for path, text in files.items()
        if path.endswith(".py")
        and text not in runtime
        and black.format_str(text, mode=fmt.black_mode()) != text
    ]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_black_leaves_the_rendered_package_as_it_is(spec: Path) -> None:
    if not spec.exists():
        pytest.skip(f"{spec.name} is not in the shared corpus")
    assert _black_would_change(_rendered(spec)) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BIG))
def test_black_leaves_big_rendered_packages_as_they_are(name: str) -> None:
    spec = CORPUS / name
    if not spec.exists():
        pytest.skip(f"{name} is not in the shared corpus")
    assert _black_would_change(_rendered(spec)) == []


def test_black_leaves_a_resource_with_only_sub_resources_as_it_is(tmp_path: Path) -> None:
    """`/v1/apple_pay/domains`: the resource `apple_pay` has no methods of its own, only `domains`."""
    ok = {"responses": {"204": {"description": "ok"}}}
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({
        "openapi": "3.0.3",
        "info": {"title": "Pay", "version": "1"},
        "paths": {"/v1/apple_pay/domains": {"get": ok, "post": ok}, "/v1/charges": {"get": ok}},
    }))  # fmt: skip
    files = _rendered(spec)
    assert "class ApplePayResource(" in files["pay/resources/apple_pay.py"]
    assert _black_would_change(files) == []


# Lines as the templates write them (one logical line each), with the indentation they get.
LINES = [
    (4, "def apply_bulk(self, *, change_ids: List[str], **options: Unpack[RequestOptions]) -> List[models.ChangeResponseDto]:"),
    (4, "def retrieve(self, *, promoted: str, page: float | NotGiven = NOT_GIVEN, limit: float | NotGiven = NOT_GIVEN, **options: Unpack[RequestOptions]) -> models.ChangesResponseDto:"),
    (4, 'execution_details: list[ActivityNotificationExecutionDetailResponseDto] = Field(alias="executionDetails")'),
    (4, 'subscriber_variables: list[NotificationTriggerVariable] | None = Field(default=None, alias="subscriberVariables")'),
    (4, "metadata: DigestRegularMetadata | DigestTimedMetadata | DelayRegularMetadata | DelayScheduledMetadata | None = None"),
    (4, "metadata: list[DigestRegularMetadata] | DigestTimedMetadata | DelayRegularMetadata | dict[str, Any] | None = None"),
    (4, 'metadata: list[DigestRegularMetadata] | DigestTimedMetadata | DelayRegularMetadata | dict[str, Any] | None = Field(default=None, alias="x")'),
    (4, "metadata_long_long_long_long_name: dict[str, DigestRegularMetadataaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa] | None = None"),
    (4, "metadata_long_long_long_long_name: dict[str, DigestRegularMetadataaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa] = None"),
    (8, "to: models.SubscriberPayloadDto | models.TopicPayloadDto | str | List[models.SubscriberPayloadDto | models.TopicPayloadDto | str],"),
    (4, "request_three_d_secure: PaymentSettingsPaymentMethodOptions2Card1RequestThreeDSecure | None = None"),
    (4, 'VERIFICATION_DOCUMENT_ISSUE_OR_EXPIRY_DATE_MISSING_AND_MORE_AND_MORE = "verification_document_issue_or_expiry_date_missing_and_more"'),
    (4, 'V = "verification_document_issue_or_expiry_date_missing_and_more_verification_document_issue_or_expiry_date_missing_and_more"'),
    (0, "MembershipCompact = GoalMembershipCompact | ProjectMembershipCompactResponse | PortfolioMembershipCompactResponse | CustomFieldMembershipCompact"),
    (8, "self.set_as_primary_long_name_here = to_async_raw_response_wrapper(resource.set_as_primary_long_name_here)"),
    (12, 'variables=(ServerVariable(name="scheme", default="https", enum=("https", "http")),),'),
    (12, 'variables=(ServerVariable(name="scheme", default="https", enum=("https", "http")), ServerVariable(name="port", default="443", enum=()),),'),
    (4, 'responses={"200": models.AAAAAAAAAAAAAAAAAAAAAAA, "201": models.BBBBBBBBBBBBBBBBBBBBBBBBBBBB, "202": models.CCCCCC},'),
    (16, 'query={"promoted": promotedpromotedpromotedpromotedpromotedpromotedpromotedpromotedpromoted},'),
    (4, 'metadata: Annotated[Union[Annotated[TrackObject, Tag("TrackObject")], Annotated[EpisodeObject, Tag("EpisodeObject")]], Discriminator(discriminate("type", "type", {"track": "TrackObject", "episode": "EpisodeObject"}))] | None = None'),
]


def _in_context(indent: int, text: str) -> str:
    """`text` where a line of that indentation can stand: in a class, a def, a call."""
    if text.lstrip().startswith(("def ", "async def ")):
        return f"class C:\n{text}\n        pass\n"
    if text.rstrip().endswith(",") and indent == 8:
        return f"class C:\n    def f(\n        self,\n{text}\n    ) -> None:\n        pass\n"
    if text.rstrip().endswith(",") and indent == 12:
        return f"x = A(\n    servers=(\n        Server(\n            b=1,\n{text}\n        ),\n    ),\n)\n"
    if text.rstrip().endswith(",") and indent == 16:
        call = "class C:\n    def f(self):\n        return cast(\n            T,\n            self._request(\n"
        return f"{call}                Y,\n{text}\n            ),\n        )\n"
    if text.rstrip().endswith(","):
        return f"X = Endpoint(\n{text}\n)\n"
    return {0: f"{text}\n", 4: f"class C:\n{text}\n", 8: f"class C:\n    def f(self):\n{text}\n"}[indent]


@pytest.mark.parametrize(("indent", "line"), LINES, ids=range(len(LINES)))
def test_wrap_splits_a_line_as_black_does(indent: int, line: str) -> None:
    source = _in_context(indent, layout.wrap(line, indent))
    assert black.format_str(source, mode=fmt.black_mode()) == source


STRINGS = ["", "a", "it's", 'say "hi"', "both ' and \"", "two '' one \"", "one ' two \"\"", "back\\slash",
           "nl\n", "\\'", '\\"', "\x00\u2028é😀", "'", '"', "\\", "'\"'", "\"'\""]


@pytest.mark.parametrize("text", STRINGS, ids=range(len(STRINGS)))
def test_string_literals_are_quoted_as_black_quotes_them(text: str) -> None:
    literal = pystring(text)
    assert eval(literal) == text
    assert black.format_str(f"x = {literal}\n", mode=fmt.black_mode()) == f"x = {literal}\n"


def test_layout_uses_the_formatters_line_length() -> None:
    assert layout.LINE_LENGTH == fmt.LINE_LENGTH
