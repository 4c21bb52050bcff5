"""Name lists with permissive licences, read once per process (no download at run time).

- First names: the US census first names shipped by ``names`` (MIT package; the census lists are
  public domain) and the first names of Faker's 90 locales, shipped in ``afterword/data/names``
  (MIT; see NOTICE.md there), with how many locales list each name.
- Surnames: the census surnames shipped by ``names`` (most common first) and Faker's surnames.
- English words: SCOWL's lowercase words (permissive; NOTICE.md), to tell "Audun found…" from
  "Issue found…" when a word is in no name list.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

# A name listed by a single Faker locale and not by the census ("Son", "Case") is too rare to tell
# a person from a word on its own; it still counts next to a surname or with a person's context.
COMMON_LOCALES = 2
CENSUS = 99  # census names count as common everywhere
# The census list runs to 88,799 surnames; the rare tail is mostly words and place names.
SURNAME_LIMIT = 30000


def _read_text(package: str, name: str) -> str:
    return (resources.files(package) / name).read_text(encoding="utf-8", errors="replace")


def _data_lines(name: str) -> list[str]:
    text = _read_text("afterword", f"data/names/{name}")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def first_name_frequencies() -> dict[str, int]:
    """Lowercased first name -> how many Faker locales list it (census names: ``CENSUS``)."""
    frequencies: dict[str, int] = {}
    for line in _data_lines("first_names.tsv"):
        name, _, locales = line.partition("\t")
        frequencies[name.lower()] = int(locales or 1)
    for file_name in ("dist.male.first", "dist.female.first"):
        for line in _read_text("names", file_name).splitlines():
            if line.strip():
                frequencies[line.split()[0].lower()] = CENSUS
    return frequencies


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    names: list[str] = []
    for line in _read_text("names", "dist.all.last").splitlines():
        if line.strip():
            names.append(line.split()[0].lower())
        if len(names) >= SURNAME_LIMIT:
            break
    names.extend(line.lower() for line in _data_lines("surnames.txt"))
    return frozenset(names)


def is_first_name(word: str, common_only: bool = False) -> bool:
    popularity = first_name_frequencies().get(word.lower(), 0)
    if "-" in word.strip("-"):
        # "Jan-Erik", "Anne-Marie": a compound of first names is as common as its rarer part.
        popularity = max(popularity, min(first_name_frequencies().get(part.lower(), 0) for part in word.split("-")))
    return popularity >= (COMMON_LOCALES if common_only else 1)


def is_surname(word: str) -> bool:
    return word.lower() in surnames()


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    data = (resources.files("afterword") / "data/names/english_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


def is_english_word(word: str) -> bool:
    lowered = word.lower()
    return lowered in english_words() or lowered.rstrip("s") in english_words()
