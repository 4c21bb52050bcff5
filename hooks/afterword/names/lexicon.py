"""Name lists that ship inside PyPI packages, read once per process (no download at run time).

- First names: the name dictionary of ``gender-guesser`` (Jörg Michael's ``nam_dict.txt``, about
  48,000 names from some 50 countries, each with a popularity digit per country) plus the US
  census first names shipped by ``names``.
- Surnames: the US census surname list shipped by ``names``, most common first.
"""

from __future__ import annotations

import os
import pickle
from functools import lru_cache
from importlib import resources
from pathlib import Path

# A name that is nowhere more popular than this (nam_dict's 1..13 scale) is too rare to tell a
# person from a word on its own; it still counts next to a surname or a known person.
COMMON_NAME_FREQUENCY = 3
# The census list runs to 88,799 surnames; the rare tail is mostly words and place names.
SURNAME_LIMIT = 30000
# Bump when the parsed form changes, so old caches are not read.
CACHE_VERSION = 1


def _read_text(package: str, name: str) -> str:
    return (resources.files(package) / name).read_text(encoding="utf-8", errors="replace")


def _cache_file() -> Path | None:
    """A per-user cache of the parsed lists, named after the source files' sizes and times."""
    sources = [resources.files("gender_guesser") / "data/nam_dict.txt", *(resources.files("names") / n for n in ("dist.male.first", "dist.female.first"))]
    try:
        stamp = "-".join(f"{os.stat(str(s)).st_size:x}{int(os.stat(str(s)).st_mtime):x}" for s in sources)
    except OSError:
        return None
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home folder (some CI sandboxes): parse every time
        return None
    return base / "afterword" / f"first-names-{CACHE_VERSION}-{stamp}.pickle"


@lru_cache(maxsize=1)
def first_name_frequencies() -> dict[str, int]:
    """Lowercased first name -> its highest popularity in any country (1..13; census names: 13).

    Parsing the dictionary takes a few tenths of a second; the result is cached on disk so that
    ``afterword check`` stays fast. Any cache problem just means parsing again.
    """
    cache = _cache_file()
    if cache is not None:
        try:
            with cache.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, dict) and cached:
                return cached
        except Exception:  # noqa: BLE001 - a damaged cache is rebuilt, whatever is wrong with it
            pass
    frequencies = _parse_first_names()
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                pickle.dump(frequencies, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(cache)
        except OSError:
            pass
    return frequencies


def _parse_first_names() -> dict[str, int]:
    frequencies: dict[str, int] = {}
    # Fixed columns: sex in 0-1, the name in 3-29, one popularity digit per country from 30 on
    # ('1'..'9', 'A'..'D', blank when unknown). Their character order is their numeric order, so
    # the largest character is the highest popularity (a blank sorts below '1').
    for line in _read_text("gender_guesser", "data/nam_dict.txt").splitlines():
        if not line or line[0] in "#=":
            continue
        top = max(line[30:], default=" ")
        popularity = int(top, 16) if top > " " else 1
        raw = line[3:29].rstrip()
        for variant in _variants(raw) if "+" in raw else (raw,):
            key = variant.lower()
            if popularity > frequencies.get(key, 0):
                frequencies[key] = popularity
    for file_name in ("dist.male.first", "dist.female.first"):
        for line in _read_text("names", file_name).splitlines():
            if line.strip():
                frequencies[line.split()[0].lower()] = 13
    return frequencies


def _variants(raw: str) -> list[str]:
    # nam_dict writes compound names with '+': "Jean+Pierre" stands for "Jean-Pierre" and "JeanPierre".
    return [raw.replace("+", sep) for sep in ("-", "")] + raw.split("+")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    names: list[str] = []
    for line in _read_text("names", "dist.all.last").splitlines():
        if line.strip():
            names.append(line.split()[0].lower())
        if len(names) >= SURNAME_LIMIT:
            break
    return frozenset(names)


def is_first_name(word: str, common_only: bool = False) -> bool:
    popularity = first_name_frequencies().get(word.lower(), 0)
    return popularity >= (COMMON_NAME_FREQUENCY if common_only else 1)


def is_surname(word: str) -> bool:
    return word.lower() in surnames()
