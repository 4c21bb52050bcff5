"""The house templates: Markdown files in ``styleguide/templates/`` with ``{placeholder}`` fields.

A team edits these files, not code. A template may open with an HTML comment: notes for whoever
edits it, shown by ``afterword new templates`` and never copied into a draft. Fields are filled
by a restricted ``string.Formatter``: plain names only (no ``{a.b}`` or ``{a[0]}``), and an
unknown name is an error that names the template, so a typo never reaches customers.
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from .errors import AuthoringError

DEFAULT_FOLDER = Path("styleguide") / "templates"
_NOTES = re.compile(r"\A\s*<!--(?P<notes>.*?)-->[ \t]*\n?", re.DOTALL)
DOCUMENTATION = ("README",)


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    text: str  # the template without its notes
    notes: str  # the leading comment's text, '' when there is none

    @property
    def summary(self) -> str:
        """The notes' first sentence, for listings."""
        first = " ".join(self.notes.split())
        return first.split(". ")[0].rstrip(".") if first else ""


def templates_folder(settings: Any) -> Path:
    """``extra.afterword.authoring.templates`` in mkdocs.yml, relative to the project; default styleguide/templates."""
    folder = settings.section("authoring").get("templates") or DEFAULT_FOLDER
    return settings.root / str(folder)


def template_names(settings: Any) -> list[str]:
    folder = templates_folder(settings)
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.md") if p.stem not in DOCUMENTATION and not p.name.startswith("."))


def load_template(settings: Any, name: str) -> Template:
    folder = templates_folder(settings)
    path = folder / f"{name}.md"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name) or not path.is_file():
        known = template_names(settings)
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise AuthoringError(f"no template '{name}' in {folder}: {hint}templates: {', '.join(known) or 'none'}", rule="afterword.template")
    raw = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    match = _NOTES.match(raw)
    notes, text = (match["notes"].strip(), raw[match.end():]) if match else ("", raw)
    return Template(name, path, text.strip("\n") + "\n", notes)


class _FieldFormatter(string.Formatter):
    def __init__(self, template: Template, values: Mapping[str, str], missing: Mapping[str, str]):
        self.template, self.values, self.missing = template, values, missing

    def get_field(self, field_name, args, kwargs):
        if not field_name.isidentifier():
            self._fail(f"'{{{field_name}}}' is not a placeholder: use a plain name such as '{{title}}' (write '{{{{' for a literal brace)")
        return self.get_value(field_name, args, kwargs), field_name

    def get_value(self, key, args, kwargs):
        if key in self.values:
            return self.values[key]
        if key in self.missing:
            self._fail(f"the placeholder '{{{key}}}' has no value here: {self.missing[key]}")
        close = difflib.get_close_matches(str(key), [*self.values, *self.missing], n=1)
        hint = f"did you mean '{{{close[0]}}}'? " if close else ""
        self._fail(f"unknown placeholder '{{{key}}}': {hint}placeholders: {', '.join('{' + k + '}' for k in sorted(self.values))}")

    def _fail(self, message: str):
        raise AuthoringError(f"{self.template.path}: {message}", rule="afterword.template")


def fill(template: Template, text: str, values: Mapping[str, str], missing: Mapping[str, str] | None = None) -> str:
    formatter = _FieldFormatter(template, values, missing or {})
    try:
        return formatter.vformat(text, (), {})
    except (ValueError, IndexError) as exc:  # unbalanced braces, bad format specs
        raise AuthoringError(f"{template.path}: {exc}: write '{{{{' and '}}}}' for literal braces", rule="afterword.template") from None


def render(template: Template, values: Mapping[str, str], missing: Mapping[str, str] | None = None) -> str:
    """A body template (an update, the notice): every placeholder filled as plain text."""
    return fill(template, template.text, values, missing)


def render_document(template: Template, values: Mapping[str, str], missing: Mapping[str, str] | None = None) -> str:
    """A whole document with front matter: placeholders there are filled as YAML values, quoted when needed."""
    lines = template.text.split("\n")
    if not lines or lines[0].strip() != "---":
        return render(template, values, missing)
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        raise AuthoringError(f"{template.path}: the front matter is not closed: add a line '---'", rule="afterword.template")
    yaml_values = {key: yaml_scalar(value) for key, value in values.items()}
    front = fill(template, "\n".join(lines[: closing + 1]), yaml_values, missing)
    body = fill(template, "\n".join(lines[closing + 1 :]), values, missing)
    return f"{front}\n{body}"


def yaml_scalar(value: str) -> str:
    """``value`` as one YAML scalar on one line: plain when safe, quoted otherwise."""
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()
