"""Where the site's inputs are, as mkdocs.yml says: read as data (a safe YAML loader) from each tree.

``extra.afterword.content_dir`` moves ``incidents/`` and ``postmortems/`` (the loader reads them
under it), so a file under it is judged as its content-relative path too:
``content/postmortems/x.md`` needs the postmortem roles. ``INHERIT``, ``hooks``, ``docs_dir``,
``theme.custom_dir`` and the snippets' ``base_path`` name files the build reads wherever they
are: a change to one needs the roles that guard ``mkdocs.yml``. A content folder the gate cannot
read as the build would (outside the repository, or through a symbolic link) stops the gate.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import ContentError
from ..settings import read_mkdocs_yml

CONFIG = "mkdocs.yml"


@dataclass
class Layout:
    content: str = ""  # repo-relative folder holding incidents/ and postmortems/ ("" = the root)
    inputs: dict[str, str] = field(default_factory=dict)  # repo-relative path ("" = everything) -> the mkdocs.yml key naming it

    def content_path(self, path: str) -> str | None:
        """``path`` relative to the content folder, or None when it lies outside it."""
        if not self.content:
            return path
        return path[len(self.content) + 1:] if path.startswith(self.content + "/") else None

    def input_of(self, path: str) -> str | None:
        """The mkdocs.yml key naming a file or folder that holds ``path``, if any."""
        for where, key in self.inputs.items():
            if not where or path == where or path.startswith(where + "/"):
                return key
        return None


def _inside(value: Any) -> str | None:
    """A path named in mkdocs.yml, relative to the repository; None when it is not a path inside it."""
    if not isinstance(value, str) or not value.strip() or value.startswith(("/", "\\")) or ":" in value:
        return None
    path = posixpath.normpath(value.strip().replace("\\", "/"))
    if path == ".":
        return ""
    return None if path == ".." or path.startswith("../") else path


def read_layout(root: Path, label: str) -> Layout:
    config = root / CONFIG
    if not config.is_file():
        return Layout()
    try:
        data = read_mkdocs_yml(config)
    except ContentError as exc:
        raise ContentError(f"{label}: {exc.message}", rule="afterword.approvals") from None
    afterword = ((data.get("extra") or {}) if isinstance(data.get("extra"), dict) else {}).get("afterword")
    raw_content = afterword.get("content_dir", ".") if isinstance(afterword, dict) else "."
    content = _inside(raw_content)
    if content is None:
        raise ContentError(f"{label}: {CONFIG} extra.afterword.content_dir '{raw_content}' is not a folder inside the repository: the gate cannot judge its content",
                           rule="afterword.approvals")
    walked = root
    for part in content.split("/") if content else []:
        walked = walked / part
        if walked.is_symlink():
            raise ContentError(f"{label}: {CONFIG} extra.afterword.content_dir '{content}' goes through a symbolic link: the gate cannot judge what it points at",
                               rule="afterword.approvals")
    named: list[tuple[Any, str]] = [(data.get("INHERIT"), "INHERIT"), (data.get("docs_dir", "docs"), "docs_dir")]
    hooks = data.get("hooks")
    named += [(hook, "hooks") for hook in (hooks if isinstance(hooks, list) else [hooks])]
    theme = data.get("theme")
    if isinstance(theme, dict):
        named.append((theme.get("custom_dir"), "theme.custom_dir"))
    for extension in data.get("markdown_extensions") or []:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = extension["pymdownx.snippets"] if isinstance(extension["pymdownx.snippets"], dict) else {}
            base = options.get("base_path", ["."])
            named += [(path, "pymdownx.snippets base_path") for path in (base if isinstance(base, list) else [base])]
        elif extension == "pymdownx.snippets":
            named.append((".", "pymdownx.snippets base_path"))
    inputs = {}
    for value, key in named:
        path = _inside(value)
        if path is not None:
            inputs.setdefault(path, key)
    return Layout(content, inputs)
