"""Python's reserved words, as one fixed list: the same on every Python that runs the generator.

The hard keywords of Python 3.13, the newest Python supported, written out rather than read
from the running Python's `keyword` module, so every Python escapes the same names and
generates the same SDK. Soft keywords (`match`, `case`, `_`, and `type` since 3.12) are valid
names and are not in it.
"""

KEYWORDS = frozenset(
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield",
    }
)  # fmt: skip
