"""Regenerate ``afterword/data/names/`` from Faker's person providers (a maintainer's tool, not run by Afterword).

    python -m afterword.names.build_data /path/to/site-packages

Faker (MIT) is not a dependency: install it in a throw-away virtualenv and pass the folder holding
``faker/``. Only Latin-script names are kept (the detector reads Latin-script prose).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "names"
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ]+(?:[-'][A-Za-zÀ-ÖØ-öø-ɏ]+)*$")


def main(site_packages: str) -> None:
    sys.path.insert(0, site_packages)
    providers = importlib.import_module("faker.providers.person")
    version = importlib.import_module("faker").VERSION
    first: dict[str, set[str]] = defaultdict(set)
    last: set[str] = set()
    for module in pkgutil.iter_modules(providers.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in dir(provider):
            if not attr.startswith(("first_names", "last_names")) or attr.endswith("_pairs"):
                continue
            value = getattr(provider, attr)
            items = value.keys() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else ()
            for name in items:
                if isinstance(name, str) and _LATIN.match(name):
                    first[name].add(module.name) if attr.startswith("first") else last.add(name)
    head = f"# First names in Latin script from the person providers of Faker {version} (MIT, see NOTICE.md),\n"
    head += "# with the number of Faker locales (of 90) that list each name. Regenerate: see NOTICE.md.\n"
    (DATA / "first_names.tsv").write_text(head + "".join(f"{n}\t{len(first[n])}\n" for n in sorted(first)), encoding="utf-8")
    head = f"# Surnames in Latin script from the person providers of Faker {version} (MIT, see NOTICE.md).\n"
    (DATA / "surnames.txt").write_text(head + "".join(f"{n}\n" for n in sorted(last)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
