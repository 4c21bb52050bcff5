"""Search index compaction: boilerplate sentences go, everything distinctive stays."""

from __future__ import annotations

import json

from afterword.search_index import COMMON_MIN, compact_search_index


def write_index(path, docs):
    path.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}), encoding="utf-8")


def test_sentences_repeated_across_many_entries_are_dropped(tmp_path):
    index = tmp_path / "search_index.json"
    docs = [
        {"location": f"incidents/{n}/", "title": f"Card payments failing {n}",
         "text": f"<p>Thank you for your patience. Bank feed number {n} was late.</p>"}
        for n in range(COMMON_MIN * 3)
    ]
    write_index(index, docs)
    saved = compact_search_index(index)
    result = json.loads(index.read_text())["docs"]
    assert saved > 0
    assert all("Thank you for your patience." not in d["text"] for d in result)
    assert result[7]["text"] == "<p>Bank feed number 7 was late.</p>"
    assert result[7]["title"] == "Card payments failing 7"


def test_a_small_history_is_left_exactly_as_material_wrote_it(tmp_path):
    index = tmp_path / "search_index.json"
    docs = [{"location": f"incidents/{n}/", "title": "t", "text": "<p>Thank you for your patience.</p>"} for n in range(COMMON_MIN)]
    write_index(index, docs)
    before = index.read_text()
    assert compact_search_index(index) == 0
    assert index.read_text() == before


def test_a_missing_or_foreign_index_is_ignored(tmp_path):
    assert compact_search_index(tmp_path / "absent.json") == 0
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"something": []}))
    assert compact_search_index(other) == 0


def compact_every_text(docs):
    """The reference: every entry's text through the sentence substitution, none skipped."""
    import re
    from collections import Counter

    from afterword.search_index import COMMON_SHARE, _SENTENCE

    threshold = max(COMMON_MIN, int(len(docs) * COMMON_SHARE))
    counts = Counter()
    for doc in docs:
        counts.update({s.strip() for s in _SENTENCE.findall(doc.get("text", ""))})
    common = {sentence for sentence, count in counts.items() if count > threshold}
    for doc in docs:
        doc["text"] = _SENTENCE.sub(lambda m: "" if m.group(0).strip() in common else m.group(0), doc.get("text", ""))
        doc["text"] = re.sub(r"<p>\s*</p>", "", doc["text"])
        doc["text"] = re.sub(r"<p>\s+", "<p>", doc["text"])
        doc["text"] = re.sub(r"\s{2,}", " ", doc["text"]).strip()
    return docs


def test_entries_without_a_common_sentence_are_compacted_as_the_others(tmp_path):
    """Entries whose sentences are all distinctive skip the sentence pass: same result as running it."""
    import random

    pieces = ["Thank you for your patience.", "We are on it!", "<p>", "</p>", " ", "  ", "\n", "Unique {n}.", "Bank {n} late?", "<p> </p>", "x"]
    chooser = random.Random(7)
    docs = [{"location": f"p/{n}/", "title": "t", "text": "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 12))).format(n=n)}
            for n in range(COMMON_MIN * 4)]
    docs.append({"location": "no-text/", "title": "t"})
    index = tmp_path / "search_index.json"
    write_index(index, docs)
    compact_search_index(index)
    assert json.loads(index.read_text())["docs"] == compact_every_text(json.loads(json.dumps(docs)))
