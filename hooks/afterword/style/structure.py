"""A postmortem's shape: what happened, the impact on customers (and whether data was lost), and
what we are changing so it will not recur. The summary is the ``summary`` front matter key, which
the schema already requires.

Headings of any level count (real postmortems use ``###`` as often as ``##``), matched against a
wide vocabulary that ``extra.afterword.structure`` extends per section. A section that holds only
the template's guidance (HTML comments) or nothing does not count, and a summary that is still the
template's text is an error: the skeleton of ``afterword new postmortem`` with ``draft: true``
removed fails with one message per unfilled section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..fences import lines_with_fences
from ..problems import ERROR, WARNING, Problem

RULE = "Afterword.Structure"
KEYS = ("what_happened", "impact", "changes")

# key -> (what the section is for, the heading we suggest, accepted heading words)
SECTIONS = {
    "what_happened": ("what happened", "## What happened",
                      r"what happened|what went wrong|how it happened|why it happened|the incident|incident (?:details|summary|report)|"
                      r"background|details|root[- ]?causes?|the causes?|\bcauses?\b|"
                      r"summary|overview|analysis|investigation|explanation|description|the (?:issue|problem|bug|outage)|"
                      r"what (?:broke|failed|we (?:saw|found))|technical|post-?mortem|incident|outage|context"),
    "impact": ("the impact on customers", "## Impact on customers",
               r"impact|who was affected|affected|what (?:customers|you|users) (?:saw|experienced|noticed)|effect on|effects|"
               r"how (?:this|it) affected|consequences|blast radius|scope|user[- ]facing|customer[- ]facing|data (?:loss|exposure)"),
    "changes": ("what we are changing so it will not recur", "## What we are changing",
                r"chang|what we(?:'|’| a)re doing|what we will do|what(?:'|’)s next|next steps|follow[- ]?ups?|prevent|recur|"
                r"(?:won't|will not|never) happen again|action items?|actions|remediation|mitigations?|improv|lessons?|learn|"
                r"takeaways?|going forward|moving forward|future|plans?\b|opportunit|corrective|\bactions?\b"),
}
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# A bold lead-in introduces a section too: "**Root cause:** …", or a short bold line ("**Impact**").
_LEAD_IN = re.compile(r"^ {0,3}(?:\*\*|__)(?:([^*_\n]{2,60}?)(?::(?:\*\*|__)|(?:\*\*|__):)|([^*_:\n]{2,40})(?:\*\*|__)[ \t]*$)")
LEAD_IN_LEVEL = 7  # below every heading: a lead-in's section ends at the next heading or lead-in
_DATA_LOSS = re.compile(
    r"\bdata\b[^.]*\b(?:lost|loss|lose|deleted|corrupted|intact|safe|exposed|affected|accessed)\b|"
    r"\b(?:lost|loss|lose|losing)\b[^.]*\bdata\b|\bnothing was lost\b|\bno (?:\w+ )?(?:was|were) lost\b", re.I)


@dataclass(frozen=True)
class StructureConfig:
    """Extra heading words per section (``extra.afterword.structure``), and the template's own texts."""

    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)
    template_summary: str = ""

    def pattern(self, key: str) -> re.Pattern:
        words = "|".join(re.escape(w) for w in self.extra.get(key, ()))
        return re.compile(SECTIONS[key][2] + (f"|{words}" if words else ""), re.I)


def structure_config(settings, template_summary: str = "") -> StructureConfig:
    """Read ``extra.afterword.structure``: lists of extra heading words for each section."""
    from .domains import ConfigError, config_name, line_of

    raw = settings.sections.get("structure") if settings is not None else None
    if raw is None:
        return StructureConfig(template_summary=_normal(template_summary))

    def error(key: str, message: str) -> ConfigError:
        return ConfigError(config_name(settings), line_of(getattr(settings, "config_path", None), key, "structure:"), message)

    if not isinstance(raw, dict):
        raise error("structure", f"extra.afterword.structure must map sections ({', '.join(KEYS)}) to lists of heading words")
    extra = {}
    for key, value in raw.items():
        if key not in SECTIONS:
            raise error(str(key), f"extra.afterword.structure.{key} is not a section (sections: {', '.join(KEYS)})")
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise error(str(key), f"extra.afterword.structure.{key} must be a list of heading words, e.g. ['Customer impact']")
        extra[key] = tuple(v.strip() for v in value)
    return StructureConfig(extra, _normal(template_summary))


@dataclass(frozen=True)
class _Section:
    line: int  # index within the body
    level: int
    title: str
    raw: str  # up to the next heading of the same or a higher level

    @property
    def content(self) -> str:
        """The section's text without the template's guidance (HTML comments are never published)."""
        return _HTML_COMMENT.sub(" ", self.raw)


def sections(body: str) -> list[_Section]:
    """ATX headings of any level and setext headings, outside code fences."""
    rows = list(lines_with_fences(body))
    found: list[tuple[int, int, str, int]] = []  # (line index, level, title, lines the heading takes)
    for position, (index, line, fenced) in enumerate(rows):
        if fenced:
            continue
        atx = _ATX.match(line)
        if atx and (atx.group(2) or "").strip():
            found.append((index, len(atx.group(1)), atx.group(2).strip(), 1))
            continue
        lead = _LEAD_IN.match(line)
        if lead and len((lead.group(1) or lead.group(2)).split()) <= 5:
            found.append((index, LEAD_IN_LEVEL, (lead.group(1) or lead.group(2)).strip(), 0))
            continue
        setext = _SETEXT.match(line)
        if setext and position > 0 and not rows[position - 1][2] and not (found and found[-1][0] == index - 1):
            previous = rows[position - 1][1]
            before = rows[position - 2][1] if position > 1 else ""
            if previous.strip() and not before.strip() and not previous.lstrip().startswith(("-", "*", ">", "|", "<")):
                found.append((index - 1, 1 if setext.group(1).startswith("=") else 2, previous.strip(), 2))
    lines = body.split("\n")
    result = []
    for number, (index, level, title, span) in enumerate(found):
        end = next((other for other, other_level, _, _ in found[number + 1:] if other_level <= level), len(lines))
        own = [_LEAD_IN.sub("", lines[index], count=1)] if span == 0 else []  # a lead-in's own line is content
        result.append(_Section(index, level, title, "\n".join(own + lines[index + max(span, 1):end])))
    return result


def check_structure(path: str, body: str, body_start_line: int, summary: str | None = None,
                    config: StructureConfig | None = None, summary_line: int = 1, draft: bool = False) -> list[Problem]:
    """Errors for a postmortem to publish; for a draft the same findings are warnings (what is left to write)."""
    problems = _structure_problems(path, body, body_start_line, summary, config or StructureConfig(), summary_line)
    return [replace(p, severity=WARNING) for p in problems] if draft else problems


def _structure_problems(path: str, body: str, body_start_line: int, summary: str | None, config: StructureConfig,
                        summary_line: int) -> list[Problem]:
    problems: list[Problem] = []
    if summary is not None and _is_template_text(summary, config.template_summary):
        summary = None  # guidance says nothing about this incident
        problems.insert(0, Problem(path, summary_line, 1, RULE,
                                "the summary is still the template's guidance: write two or three sentences for customers "
                                "(what happened, how long it lasted, whether data was lost, what we are changing)", ERROR))
    found = sections(body)
    chosen: dict[str, _Section] = {}
    for section in found:
        for key in SECTIONS:
            if key not in chosen and config.pattern(key).search(section.title):
                chosen[key] = section
                break
    expected = ", ".join(f"'{heading}'" for _, heading, _ in SECTIONS.values())
    for key, (purpose, heading, _) in SECTIONS.items():
        section = chosen.get(key)
        if section is None:
            problems.append(Problem(path, body_start_line, 1, RULE,
                                    f"the postmortem has no section on {purpose}: add a '{heading}' heading (expected headings: {expected})",
                                    ERROR, ""))
    # Every section left as the template made it (guidance only, or nothing under it) is unfilled.
    for section in found:
        if _filled(section.content):
            continue
        if not _HTML_COMMENT.search(section.raw) and section not in chosen.values():
            continue  # an empty heading the writer added (e.g. a group of sub-headings) is not ours to judge
        problems.append(Problem(path, body_start_line + section.line, 1, RULE,
                                f"'{section.title}' is not filled in: replace the guidance with what customers should know, "
                                "or remove the section", ERROR, section.title))
    impact = chosen.get("impact")
    if impact is not None and _filled(impact.content):
        text = _HTML_COMMENT.sub(" ", body) + " " + (summary or "")
        if not _DATA_LOSS.search(text):
            problems.append(Problem(path, body_start_line + impact.line, 1, RULE,
                                    f"'{impact.title}' must say whether any data was lost, e.g. 'No customer data was lost.'",
                                    ERROR, impact.title))
    return problems


def _filled(content: str) -> bool:
    return bool(re.search(r"\w", content))


def _is_template_text(summary: str, template: str) -> bool:
    """Whole or in part: any of the template's sentences still in the summary is guidance left in."""
    if not template:
        return False
    text = _normal(summary)
    sentences = [part.strip(" .") for part in re.split(r"(?<=[.!?])\s+", template)]
    return text == template or any(len(s.split()) >= 4 and s in text for s in sentences)


def _normal(text: str) -> str:
    return " ".join(str(text or "").split()).lower()
