"""The generated README's pagination snippet against the mock server: Prism answers
`page: 0, hasMore: true` to every page, and iteration must still end."""

from __future__ import annotations

import itertools
import logging

import pytest

pytestmark = pytest.mark.slow

# Far more items than a server that advances could give before repeating itself.
_BOUND = 50


def test_iterating_every_page_ends_when_the_server_does_not_advance(
    prism_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    import novu

    with novu.Novu(api_key="test", base_url=prism_url, max_retries=0, timeout=10.0) as client:
        with caplog.at_level(logging.WARNING, logger="novu"):
            items = list(itertools.islice(client.subscribers.list(limit=1), _BOUND))
    assert 0 < len(items) < _BOUND
    assert any("repeat" in r.getMessage() for r in caplog.records if r.name == "novu")
