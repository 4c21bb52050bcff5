"""Read the labelled real-text corpus: docs/<slug>.md plus labels/<slug>.yml, labels resolved to spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .families import FAMILIES

DEFAULT_CORPUS = Path("tests") / "data" / "realworld"
# Kept for independent evaluation (issue 12): never part of this corpus.
FORBIDDEN_SOURCES = ("blog.rust-lang.org", "rust-lang/blog", "rust-lang/crates.io", "docs.rs", "rustup", "inside-rust",
                     "pypi", "val-town", "valtown", "n0-computer", "iroh", "firezone", "nodejs", "cocoapods",
                     "homebrew", "matrix-org", "matrix.org", "sourcegraph", "conda-forge")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")


class CorpusError(ValueError):
    pass


@dataclass(frozen=True)
class Label:
    family: str
    line: int
    text: str
    start: int  # 0-based column where the text starts on its line
    end: int


@dataclass
class Document:
    slug: str
    path: Path
    text: str
    labels: list[Label]
    own_names: list[str]
    suppliers: list[str]
    structure: dict[str, bool]
    source: str
    licence: str
    copy: str
    extra: dict = field(default_factory=dict)

    @property
    def words(self) -> int:
        return count_words(body_of(self.text))


def body_of(text: str) -> str:
    """The text after the front matter (the words a reader reads, besides title and summary)."""
    parts = text.split("\n---\n", 1)
    return parts[1] if text.startswith("---\n") and len(parts) == 2 else text


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def resolve(labels: list[dict], lines: list[str], slug: str) -> list[Label]:
    """Each label's span: the n-th occurrence of its text on its line for the n-th identical label."""
    seen: dict[tuple[int, str], int] = {}
    resolved = []
    for raw in labels:
        family, line, text = raw.get("family"), raw.get("line"), raw.get("text")
        if family not in FAMILIES:
            raise CorpusError(f"{slug}: unknown family {family!r}")
        if not isinstance(line, int) or not 1 <= line <= len(lines) or not isinstance(text, str) or not text:
            raise CorpusError(f"{slug}: label {raw!r} needs a line in the document and a text")
        nth = seen.get((line, text), 0)
        seen[(line, text)] = nth + 1
        start = -1
        for _ in range(nth + 1):
            start = lines[line - 1].find(text, start + 1)
            if start < 0:
                raise CorpusError(f"{slug}:{line}: label text {text!r} is not on that line (occurrence {nth + 1})")
        resolved.append(Label(family, line, text, start, start + len(text)))
    return resolved


def load_document(corpus: Path, slug: str) -> Document:
    text = (corpus / "docs" / f"{slug}.md").read_text(encoding="utf-8")
    data = yaml.safe_load((corpus / "labels" / f"{slug}.yml").read_text(encoding="utf-8")) or {}
    for key in ("source", "licence", "copy"):
        if not data.get(key):
            raise CorpusError(f"{slug}: the label file has no {key}")
    source = str(data["source"])
    if any(bad in source.lower() for bad in FORBIDDEN_SOURCES):
        raise CorpusError(f"{slug}: {source} is a source kept for independent evaluation")
    return Document(
        slug=slug, path=corpus / "docs" / f"{slug}.md", text=text,
        labels=resolve(data.get("labels") or [], text.split("\n"), slug),
        own_names=[str(n) for n in data.get("own_names") or []],
        suppliers=[str(n) for n in data.get("suppliers") or []],
        structure={k: bool(v) for k, v in (data.get("structure") or {}).items()},
        source=source, licence=str(data["licence"]), copy=str(data["copy"]),
        # extra.afterword.domains as the team would configure it (public hosts, company domains, server names)
        extra={"domains": data["domains"]} if isinstance(data.get("domains"), dict) else {},
    )


def load_corpus(corpus: Path = DEFAULT_CORPUS, only: list[str] | None = None) -> list[Document]:
    slugs = sorted(p.stem for p in (corpus / "docs").glob("*.md"))
    if only:
        slugs = [s for s in slugs if s in only]
    return [load_document(corpus, slug) for slug in slugs]
