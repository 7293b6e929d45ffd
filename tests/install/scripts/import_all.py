"""Import every module of an installed package (argv[1]) and every name its models export;
print where the package was imported from. Run inside the install tests' virtual environments."""

from __future__ import annotations

import importlib
import pkgutil
import sys


def import_all(name: str) -> int:
    package = importlib.import_module(name)
    count = 1
    for module in pkgutil.walk_packages(package.__path__, f"{name}."):
        importlib.import_module(module.name)
        count += 1
    models = importlib.import_module(f"{name}.models")
    for export in models.__all__:
        getattr(models, export)
    return count


if __name__ == "__main__":
    modules = import_all(sys.argv[1])
    print(f"{modules} modules from {sys.modules[sys.argv[1]].__file__}")
