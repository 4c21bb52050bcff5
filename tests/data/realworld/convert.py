"""Turn the published postmortems listed in sources.yml into Afterword postmortem files.

Mechanical on purpose: the body is the text as published (front matter and the leading ``#``
title removed, an excerpt cut where sources.yml says), so labels describe real writing. Reads each
file from a local git mirror of its repository at the pinned commit:

    python tests/data/realworld/convert.py [--mirrors /work/.mirror]

A mirror is ``<mirrors>/<owner>+<name>/repo`` (a bare clone). Writes docs/<slug>.md, SOURCES.md,
and a label stub labels/<slug>.yml for a document that has none (existing labels are kept).
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
# Sources with no licence: keep a short excerpt only (quotation for evaluation, not a copy).
EXCERPT_LIMIT = 2000
SUMMARY = "A real published postmortem, imported unchanged to measure the house style on real writing."


def url_for(entry: dict) -> str:
    return f"https://github.com/{entry['repo']}/blob/{entry['commit']}/{entry['path']}".replace(" ", "%20")


def read_source(entry: dict, mirrors: Path) -> str:
    git_dir = mirrors / entry["repo"].replace("/", "+") / "repo"
    spec = f"{entry['commit']}:{entry['path']}"
    return subprocess.run(["git", f"--git-dir={git_dir}", "show", spec], check=True, capture_output=True,
                          text=True).stdout


def split_front_matter(text: str) -> tuple[dict, str]:
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                data = yaml.safe_load("\n".join(lines[1:index])) or {}
                return data, "\n".join(lines[index + 1:])
    return {}, text


def convert(entry: dict, raw: str) -> str:
    lines = raw.replace("\r\n", "\n").split("\n")
    if "lines" in entry:
        first, last = entry["lines"]
        lines = lines[first - 1:last]
    meta, body = split_front_matter("\n".join(lines))
    body_lines = body.split("\n")
    if "until" in entry:
        stop = next((i for i, line in enumerate(body_lines) if re.match(entry["until"], line)), len(body_lines))
        body_lines = body_lines[:stop]
    title = meta.get("title")
    first = next((i for i, line in enumerate(body_lines) if line.strip()), None)
    if first is not None and body_lines[first].startswith("# "):
        title = title or body_lines[first][2:].strip()
        del body_lines[first]
    if entry["copy"] == "excerpt" and entry["licence"].startswith("none"):
        kept, size = [], 0
        for line in body_lines:
            size += len(line) + 1
            if size > EXCERPT_LIMIT:
                break
            kept.append(line)
        body_lines = kept
    published = str(entry.get("published") or meta.get("date"))[:10]
    front = {
        "title": str(title or entry["slug"]),
        "incident": entry["slug"],
        "published": f"{published} 00:00 UTC",
        "summary": SUMMARY,
        "internal": {"source": url_for(entry), "licence": entry["licence"], "copy": entry["copy"]},
    }
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    return "---\n" + head + "---\n\n" + "\n".join(body_lines).strip("\n") + "\n"


def sources_table(entries: list[dict]) -> str:
    rows = ["# Sources of the real-text corpus", "",
            "Every document in `docs/` is a real postmortem published as Markdown in a public GitHub",
            "repository, converted by `convert.py` from the pinned commit below. `whole` = the body as",
            "published; `excerpt` = a cut (see `sources.yml`): sources without a licence keep at most",
            f"{EXCERPT_LIMIT} characters, and the Kubernetes chat-log appendices are left out.", "",
            "| document | source (repo@commit:path) | licence | copy |", "|---|---|---|---|"]
    for e in entries:
        rows.append(f"| `{e['slug']}` | [{e['repo']}@{e['commit'][:10]}:{e['path']}]({url_for(e)}) "
                    f"| {e['licence']} | {e['copy']} |")
    return "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    entries = yaml.safe_load((HERE / "sources.yml").read_text())["documents"]
    for entry in entries:
        (HERE / "docs" / f"{entry['slug']}.md").write_text(convert(entry, read_source(entry, args.mirrors)))
        label = HERE / "labels" / f"{entry['slug']}.yml"
        if not label.exists():
            label.write_text(yaml.safe_dump({"source": url_for(entry), "licence": entry["licence"],
                                             "copy": entry["copy"]}, sort_keys=False, width=1000))
    (HERE / "SOURCES.md").write_text(sources_table(entries))


if __name__ == "__main__":
    main()
