import sys

from .diagnostics import missing_dependency

try:
    from .cli import main
except ImportError as exc:  # a dependency is missing: say which, without a traceback
    message = missing_dependency(exc)
    if message is None:
        raise
    print(f"python -m generator: error: {message}", file=sys.stderr)
    sys.exit(2)

sys.exit(main())
