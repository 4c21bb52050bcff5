"""Keep the site search index small enough for a browser however long the history grows.

Material for MkDocs indexes every section of every page. In a long history much of that text is
the same sentence again and again ("Thank you for your patience.", "We will post the next update
in 30 minutes."): a sentence found in many entries cannot narrow a search, yet it is downloaded
by every reader. After the index is written, sentences that occur in more than ``COMMON_SHARE`` of
the entries (and at least ``COMMON_MIN`` times) are dropped from it. Titles are never touched.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

COMMON_SHARE = 0.02
COMMON_MIN = 50
_SENTENCE = re.compile(r"[^.!?<>]+[.!?]+(?=\s|<|$)")
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")
_PARAGRAPH_START = re.compile(r"<p>\s+")
_SPACES = re.compile(r"\s{2,}")


def compact_search_index(path: Path) -> int:
    """Drop common sentences from a Material search index in place; returns bytes saved."""
    if not path.is_file():
        return 0
    raw = path.read_text(encoding="utf-8")
    index = json.loads(raw)
    docs = index.get("docs")
    if not isinstance(docs, list) or not docs:
        return 0
    threshold = max(COMMON_MIN, int(len(docs) * COMMON_SHARE))
    sentences = [{s.strip() for s in _SENTENCE.findall(doc.get("text", ""))} for doc in docs]
    counts = Counter(sentence for found in sentences for sentence in found)
    common = {sentence for sentence, count in counts.items() if count > threshold}
    if not common:
        return 0
    for doc, found in zip(docs, sentences):
        text = doc.get("text", "")
        if not found.isdisjoint(common):  # else nothing to drop: the substitution would give the text back
            text = _SENTENCE.sub(lambda m: "" if m.group(0).strip() in common else m.group(0), text)
        text = _EMPTY_PARAGRAPH.sub("", text)
        text = _PARAGRAPH_START.sub("<p>", text)
        doc["text"] = _SPACES.sub(" ", text).strip()
    compact = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(compact, encoding="utf-8")
    return len(raw.encode("utf-8")) - len(compact.encode("utf-8"))
