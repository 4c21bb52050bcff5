"""Apply the answers to a project folder: what `afterword init` writes, keeps and removes.

A file is rewritten only if it is as shipped (identical to the example in tests/fixtures/lumen/,
which the test suite keeps identical to the root example) or as `afterword init` last wrote it
(its hash in .afterword-init.json); any other content is the team's own edit, and replacing it
needs --force. The example's incidents and postmortems are removed only where unedited.
Nothing is written unless every file can be.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..problems import ContentError
from ..style.domains import Domains, render_internal_host_rule
from .answers import Answers, parent_domain
from .mkdocs_yml import read_config_text, set_afterword_key, set_top_level
from .review import PLACEHOLDER_ORG, REVIEW_FILES, review_files

MANIFEST = ".afterword-init.json"
REFERENCE = Path("tests/fixtures/lumen")  # the shipped example, byte for byte
CONTENT = ("incidents", "postmortems")
VOCABULARY = "styleguide/styles/config/vocabularies/Afterword/accept.txt"
BRAND = "styleguide/styles/Afterword/Brand.yml"
INTERNAL_HOST = "styleguide/styles/Afterword/InternalHost.yml"
OWN_NAMES_HEADING = "# Our own names"


@dataclass
class InitResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # unedited example content
    kept: list[str] = field(default_factory=list)  # content that is not the example's: the team's own


def init_project(root: Path, answers: Answers, force: bool = False) -> InitResult:
    root = root.resolve()
    manifest = _read_manifest(root)
    planned = _plan(root, answers, manifest)
    result = InitResult()
    refused = []
    for path, text in planned.items():
        current = _read(root / path)
        if current == text:
            result.unchanged.append(path)
        elif current is None or force or _is_ours(root, path, current, manifest):
            result.written.append(path)
        else:
            refused.append(path)
    if refused:
        raise ContentError(
            "these files were edited since they were shipped or last written by afterword init, so they are "
            f"left as they are: {', '.join(refused)}. Look at them, then run again with --force to replace them"
        )
    for path in result.written:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.afterword-init")
        temporary.write_text(planned[path], encoding="utf-8")
        temporary.replace(target)
    _remove_example_content(root, result)
    hashes = {**manifest.get("files", {}), **{path: _hash(text) for path, text in planned.items()}}
    (root / MANIFEST).write_text(json.dumps({"answers": _answers_record(answers), "files": hashes}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return result


def _plan(root: Path, answers: Answers, manifest: dict) -> dict[str, str]:
    """Every file init writes, with its new text."""
    config = _required(root, "mkdocs.yml")
    old_domain = parent_domain(urlsplit(str(read_config_text(config).get("site_url") or "")).hostname or "")
    planned = {"mkdocs.yml": _mkdocs_yml(config, answers)}
    vocabulary = _read(root / VOCABULARY)
    if vocabulary is not None:
        planned[VOCABULARY], old_names = _vocabulary(vocabulary, answers.own_names)
        brand = _read(root / BRAND)
        if brand is not None:
            planned[BRAND] = _comments(_brand(brand, old_names, answers.own_names), old_domain, answers.company_domains[0])
    if (root / INTERNAL_HOST).is_file():
        # Generated from the domains, exactly as `afterword rules` writes it (so it is not stale).
        planned[INTERNAL_HOST] = render_internal_host_rule(Domains(tuple(answers.public_hosts), tuple(answers.company_domains)))
    reference = root / REFERENCE
    previous = manifest.get("answers", {})
    if reference.is_dir():
        sources = {p: _read(reference / p) for p in REVIEW_FILES}
        old_org, old_teams = PLACEHOLDER_ORG, None
    else:
        sources = {p: _read(root / p) for p in REVIEW_FILES}
        old_org, old_teams = previous.get("github_org", PLACEHOLDER_ORG), previous.get("teams")
    sources = {p: text for p, text in sources.items() if text is not None}
    planned.update(review_files(sources, answers.github_org, answers.teams, old_org, old_teams))
    return planned


def _mkdocs_yml(text: str, answers: Answers) -> str:
    text = set_top_level(text, "site_name", answers.site_name)
    text = set_top_level(text, "site_description", f"Every incident, maintenance and postmortem of {answers.company}.")
    text = set_top_level(text, "site_url", answers.site_url)
    text = set_top_level(text, "copyright", f"{answers.company}. Incident history published with Afterword.")
    afterword = (read_config_text(text).get("extra") or {}).get("afterword") or {}
    text = set_afterword_key(text, "company", answers.company)
    text = set_afterword_key(text, "names", answers.names or None)
    text = set_afterword_key(text, "suppliers", None)  # the example's suppliers are not yours
    text = set_afterword_key(text, "notify", None)  # the example's channels are not yours (guide/notifications.md)
    support = {k: v for k, v in (("url", answers.support_url), ("email", answers.support_email)) if v}
    text = set_afterword_key(text, "support", support or None)
    text = set_afterword_key(text, "domains", {"public_hosts": answers.public_hosts, "company": answers.company_domains})
    authoring = {**(afterword.get("authoring") or {}), "timezone": answers.timezone}
    text = set_afterword_key(text, "authoring", authoring)
    return set_afterword_key(text, "components", [{"id": c.id, "name": c.name} for c in answers.components])


def _vocabulary(text: str, names: list[str]) -> tuple[str, list[str]]:
    """Replace the names under '# Our own names' (keeping 'Afterword'); also return the old ones."""
    lines = text.split("\n")
    if OWN_NAMES_HEADING not in lines:
        lines += ["", OWN_NAMES_HEADING, "Afterword"]
    start = lines.index(OWN_NAMES_HEADING) + 1
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    old = [line.strip() for line in lines[start:end] if line.strip() != "Afterword"]
    return "\n".join(lines[:start] + names + ["Afterword"] + lines[end:]), old


def _brand(text: str, old_names: list[str], names: list[str]) -> str:
    """The brand swaps: the old own names' lines out, one line per own name in (longest first)."""
    lines = [line for line in text.split("\n") if not re.match(r"\s+'.*':\s*(.+?)\s*$", line) or line.rsplit(":", 1)[1].strip() not in old_names]
    swap = next((i for i, line in enumerate(lines) if line.startswith("swap:")), None)
    if swap is None:
        return "\n".join(lines)
    entries = [f"  '(?<![.@/])(?i:{_pattern(name)})(?!\\.\\w)': {_yaml_scalar(name)}" for name in sorted(names, key=len, reverse=True)]
    return "\n".join(lines[: swap + 1] + entries + lines[swap + 1 :])


def _comments(text: str, old_domain: str, domain: str) -> str:
    """Examples in the rule files' comments name your domain, not the example's."""
    if not old_domain or old_domain == domain:
        return text
    return "\n".join(line.replace(old_domain, domain) if line.lstrip().startswith("#") else line for line in text.split("\n"))


def _remove_example_content(root: Path, result: InitResult) -> None:
    reference = root / REFERENCE
    for folder in CONTENT:
        (root / folder).mkdir(exist_ok=True)
        for path in sorted(p for p in (root / folder).rglob("*") if p.is_file()):
            relative = path.relative_to(root).as_posix()
            shipped = reference / relative
            if shipped.is_file() and shipped.read_bytes() == path.read_bytes():
                path.unlink()
                result.removed.append(relative)
            elif path.name != ".gitkeep":
                result.kept.append(relative)
        for directory in sorted((p for p in (root / folder).rglob("*") if p.is_dir()), reverse=True):
            if not any(directory.iterdir()):
                directory.rmdir()


def _is_ours(root: Path, path: str, current: str, manifest: dict) -> bool:
    if manifest.get("files", {}).get(path) == _hash(current):
        return True
    return _read(root / REFERENCE / path) == current


def _answers_record(answers: Answers) -> dict:
    record = asdict(answers)
    record["components"] = [asdict(c) for c in answers.components]
    return record


def _read_manifest(root: Path) -> dict:
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:
        raise ContentError(f"{MANIFEST}: not valid JSON; delete it and run again with --force") from None
    return data if isinstance(data, dict) else {}


def _required(root: Path, path: str) -> str:
    text = _read(root / path)
    if text is None:
        raise ContentError(f"{root / path}: no such file: run afterword init in the folder of an Afterword checkout")
    return text


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _pattern(name: str) -> str:
    return re.escape(name.lower()).replace("\\ ", " ")


def _yaml_scalar(text: str) -> str:
    return text if re.match(r"^[A-Za-z0-9][A-Za-z0-9 .&-]*$", text) else "'" + text.replace("'", "''") + "'"
