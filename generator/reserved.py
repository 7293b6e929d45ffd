"""The names the generated code keeps for itself, as fixed lists: the same on every Python.

Each list is written out, never read from the running Python, so the Python that runs the
generator cannot change what it generates. `config` refuses a package name that is a keyword or
would shadow a module; the IR gives a spec's name that is reserved another (`ir/identifiers.py`
appends `_`, `ir/schema_names.py` and `ir/settings.py` pick the next name); the renderer sorts
imports by `STDLIB_MODULES`. A template that starts using a name adds it to its list here.
The per-call options are the one list not written here: they are read from the runtime's source.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .paths import runtime_dir

# Python's reserved words: the hard keywords of Python 3.13, the newest Python supported, not the
# running Python's `keyword` module. Soft keywords (`match`, `case`, `_`, and `type` since 3.12) are
# valid names and are not in it.
KEYWORDS = frozenset(
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield",
    }
)  # fmt: skip

# The standard library's top-level module names: those of every Python the generated package
# supports (3.10 to 3.13: `sys.stdlib_module_names` of each, together). A package named `pipes`
# (gone in 3.13) or `tomllib` (new in 3.11) would shadow a module on some Python its users run.
STDLIB_MODULES = frozenset(
    {
        "__future__", "_abc", "_aix_support", "_android_support", "_ast", "_asyncio",
        "_bisect", "_blake2", "_bootsubprocess", "_bz2", "_codecs", "_codecs_cn",
        "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw",
        "_collections", "_collections_abc", "_colorize", "_compat_pickle", "_compression",
        "_contextvars", "_crypt", "_csv", "_ctypes", "_curses", "_curses_panel",
        "_datetime", "_dbm", "_decimal", "_elementtree", "_frozen_importlib",
        "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq", "_imp",
        "_interpchannels", "_interpqueues", "_interpreters", "_io", "_ios_support", "_json",
        "_locale", "_lsprof", "_lzma", "_markupbase", "_md5", "_msi", "_multibytecodec",
        "_multiprocessing", "_opcode", "_opcode_metadata", "_operator", "_osx_support",
        "_overlapped", "_pickle", "_posixshmem", "_posixsubprocess", "_py_abc",
        "_pydatetime", "_pydecimal", "_pyio", "_pylong", "_pyrepl", "_queue", "_random",
        "_scproxy", "_sha1", "_sha2", "_sha256", "_sha3", "_sha512", "_signal",
        "_sitebuiltins", "_socket", "_sqlite3", "_sre", "_ssl", "_stat", "_statistics",
        "_string", "_strptime", "_struct", "_suggestions", "_symtable", "_sysconfig",
        "_thread", "_threading_local", "_tkinter", "_tokenize", "_tracemalloc", "_typing",
        "_uuid", "_warnings", "_weakref", "_weakrefset", "_winapi", "_wmi", "_zoneinfo",
        "abc", "aifc", "antigravity", "argparse", "array", "ast", "asynchat", "asyncio",
        "asyncore", "atexit", "audioop", "base64", "bdb", "binascii", "binhex", "bisect",
        "builtins", "bz2", "cProfile", "calendar", "cgi", "cgitb", "chunk", "cmath", "cmd",
        "code", "codecs", "codeop", "collections", "colorsys", "compileall", "concurrent",
        "configparser", "contextlib", "contextvars", "copy", "copyreg", "crypt", "csv",
        "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal", "difflib", "dis",
        "distutils", "doctest", "email", "encodings", "ensurepip", "enum", "errno",
        "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch", "fractions", "ftplib",
        "functools", "gc", "genericpath", "getopt", "getpass", "gettext", "glob",
        "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac", "html", "http", "idlelib",
        "imaplib", "imghdr", "imp", "importlib", "inspect", "io", "ipaddress", "itertools",
        "json", "keyword", "lib2to3", "linecache", "locale", "logging", "lzma", "mailbox",
        "mailcap", "marshal", "math", "mimetypes", "mmap", "modulefinder", "msilib",
        "msvcrt", "multiprocessing", "netrc", "nis", "nntplib", "nt", "ntpath",
        "nturl2path", "numbers", "opcode", "operator", "optparse", "os", "ossaudiodev",
        "pathlib", "pdb", "pickle", "pickletools", "pipes", "pkgutil", "platform",
        "plistlib", "poplib", "posix", "posixpath", "pprint", "profile", "pstats", "pty",
        "pwd", "py_compile", "pyclbr", "pydoc", "pydoc_data", "pyexpat", "queue", "quopri",
        "random", "re", "readline", "reprlib", "resource", "rlcompleter", "runpy", "sched",
        "secrets", "select", "selectors", "shelve", "shlex", "shutil", "signal", "site",
        "smtpd", "smtplib", "sndhdr", "socket", "socketserver", "spwd", "sqlite3",
        "sre_compile", "sre_constants", "sre_parse", "ssl", "stat", "statistics", "string",
        "stringprep", "struct", "subprocess", "sunau", "symtable", "sys", "sysconfig",
        "syslog", "tabnanny", "tarfile", "telnetlib", "tempfile", "termios", "textwrap",
        "this", "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib",
        "trace", "traceback", "tracemalloc", "tty", "turtle", "turtledemo", "types",
        "typing", "unicodedata", "unittest", "urllib", "uu", "uuid", "venv", "warnings",
        "wave", "weakref", "webbrowser", "winreg", "winsound", "wsgiref", "xdrlib", "xml",
        "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib", "zoneinfo",
    }
)  # fmt: skip

# What every generated package imports: a package of the same name would take its place.
DEPENDENCIES = frozenset(
    {"httpx", "httpcore", "h11", "anyio", "sniffio", "idna", "certifi", "pydantic", "pydantic_core"}
    | {"annotated_types", "typing_extensions", "typing_inspection"}
)

# Names a pydantic model reserves, or that would shadow a type used in annotations.
MODEL_RESERVED = frozenset(
    {name for name in dir(object) if not name.startswith("_")}
    | {
        "model_config", "model_fields", "model_computed_fields", "model_extra",
        "model_fields_set", "model_construct", "model_copy", "model_dump", "model_dump_json",
        "model_json_schema", "model_parametrized_name", "model_post_init", "model_rebuild",
        "model_validate", "model_validate_json", "model_validate_strings", "dict", "json",
        "parse_obj", "parse_raw", "parse_file", "from_orm", "construct", "copy", "schema",
        "schema_json", "validate", "update_forward_refs", "fields", "str", "int", "float",
        "bool", "bytes", "list", "date", "datetime", "uuid", "decimal", "Any", "Literal",
        "ClassVar", "Field", "BaseModel", "None", "True", "False", "discriminate", "frozenset",
    }
)  # fmt: skip

# Names a generated method body uses; a parameter may not shadow them.
PARAMETER_RESERVED = frozenset(
    {"self", "options", "models", "cast", "functools", "datetime", "body"}
    | {"str", "int", "float", "bool", "bytes", "None", "True", "False"}
    | {"NOT_GIVEN", "NotGiven", "Any", "List", "Dict", "Literal", "SyncPage", "AsyncPage"}
)

# What a generated client or resource already has: a resource or method may not replace it;
# and the names its class body uses (a decorator, annotations), which an attribute would shadow.
CLIENT_RESERVED = frozenset(
    {"with_raw_response", "with_options", "request", "close", "base_url", "timeout", "max_retries"}
    | {"max_response_size"}
    | {"functools", "datetime", "httpx", "str", "int", "float", "bool", "bytes", "deprecated"}
)

# Names a module of the models package imports: a schema may not take them.
MODELS_MODULE_NAMES = (
    "BaseModel", "RequestModel", "Field", "Any", "ClassVar", "Literal", "Annotated", "Union", "Tag", "Discriminator",
    "OpenStrEnum", "OpenIntEnum", "OpenFloatEnum", "discriminate", "datetime", "TypedDict", "Required",
    "Sequence", "Mapping",
)  # fmt: skip

# Names the generated `_client.py` defines or imports: a client class named so (a title such
# as `Server` or `Mapping`) is named after its package instead (`ServerClient`).
CLIENT_MODULE_NAMES = frozenset(
    {"Client", "AsyncClient", "ApiSettings", "SyncAPIClient", "AsyncAPIClient", "RetryPolicy"}
    | {"NotGiven", "Mapping", "Server", "ServerVariable", "SecurityScheme", "Endpoint", "Argument"}
    | {"Pagination", "SyncPage", "AsyncPage", "RequestOptions", "RawResponse", "Unpack", "Any", "List", "Dict"}
    | {"Literal", "FileTypes", "Optional", "Union", "Hooks", "AsyncHooks", "HookContext"}
)


def request_options(source: Path) -> frozenset[str]:
    """The keys of the `RequestOptions` TypedDict the Python file `source` defines."""
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef) and node.name == "RequestOptions":
            return frozenset(
                statement.target.id
                for statement in node.body
                if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
            )
    raise LookupError(f"{source} defines no RequestOptions")


# The per-call options every generated method takes as keywords: the keys of the runtime's
# `RequestOptions`, read from its source (the runtime is copied into SDKs, not imported here).
# A parameter or body field never takes one of these names, so the option stays reachable.
PER_CALL_OPTIONS = request_options(runtime_dir() / "_types.py")
