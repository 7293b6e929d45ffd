"""The page objects list methods return: iterating one yields the items of every page.

``SyncPage`` and ``AsyncPage`` carry ``items``, ``body`` (the page's documented model),
``response``, ``has_next_page()``, ``next_page()`` and ``iter_pages()``.
"""

from ._runtime import AsyncPage, SyncPage

__all__ = ["AsyncPage", "SyncPage"]
