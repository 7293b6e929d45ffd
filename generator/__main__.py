import atexit
import os
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

code = main()
if sys.getprofile() is not None or sys.gettrace() is not None:
    sys.exit(code)  # a profiler or coverage writes its results at the usual exit
# The interpreter would now free every object one by one (a big spec's run holds millions:
# a third of a second); what else it does at exit is done here, and the process ends.
try:
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
except Exception:  # a stream that cannot be flushed (a closed pipe): the usual exit says so
    sys.exit(code)
os._exit(code)
