"""`Linter`: compile every rule a configuration names once, then lint Markdown text with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from ..problems import Problem
from .comments import CommentState
from .config import LEVEL_RANK, ValeConfig
from .errors import ValeConfigError
from .markdown import parsed_markdown
from .metadata import front_matter_blocks
from .placement import BlockPlacement
from .rules import BuildContext, UnsupportedRule, builtin_rules, load_rule_file
from .rules.base import Match, Rule, compile_pattern
from .scope import Scope
from .sentences import sentence_spans
from .text import Block, LineIndex


_UNRUNNABLE = ("the regex engine ran out of memory running this rule on this file, so the file was not checked "
               "by it: simplify the rule's regular expression in {path}")


@dataclass(frozen=True)
class Alert:
    """One finding, positioned in the original text (1-based line and column)."""

    path: str
    line: int
    column: int
    check: str
    message: str
    severity: str
    match: str
    span: tuple[int, int]
    link: str = ""
    action: dict | None = None
    description: str = ""

    def to_problem(self) -> Problem:
        return Problem(self.path, self.line, self.column, rule=self.check, message=self.message, severity=self.severity, match=self.match)

    def format_line(self) -> str:
        return f"{self.path}:{self.line}:{self.column}:{self.check}:{self.message}"

    def as_vale_json(self) -> dict:
        action = self.action or {}
        return {
            "Action": {"Name": action.get("name", ""), "Params": action.get("params") or None},
            "Span": list(self.span),
            "Check": self.check,
            "Description": self.description,
            "Link": self.link,
            "Message": self.message,
            "Severity": self.severity,
            "Match": self.match,
            "Line": self.line,
        }


@dataclass
class _FileSettings:
    rules: list[tuple[Rule, Scope, str]]  # rule, its scope, its effective level
    ignores: list[regex.Pattern]
    # (block scope, parent scope) -> the rules whose scope selects such a block, with their level.
    by_scope: dict[tuple[str, str], list[tuple[Rule, str]]] = field(default_factory=dict)

    def rules_for(self, block: Block) -> list[tuple[Rule, str]]:
        key = (block.scope, block.parent or block.scope)
        chosen = self.by_scope.get(key)
        if chosen is None:
            chosen = self.by_scope[key] = [(rule, level) for rule, scope, level in self.rules if scope.matches(block)]
        return chosen


class Linter:
    """Compiles the rules of ``config`` once; ``lint_text`` can then run any number of times."""

    def __init__(self, config: ValeConfig):
        self.config = config
        self.context = BuildContext(accepted=list(config.accepted), word_template=config.word_template)
        self.rules: dict[str, Rule] = {}
        self.scopes: dict[str, Scope] = {}
        self._settings_cache: dict[str, _FileSettings] = {}
        self._shared_settings: dict[tuple, _FileSettings] = {}
        self._ignore_cache: dict[str, regex.Pattern] = {}
        self._ignored_classes = frozenset({"problematic", "pre", "code", *config.ignored_classes})
        # SkippedScopes replaces Vale's default list of skipped tags (script, style, pre, ...).
        self._skipped_tags = frozenset(config.skipped_scopes)
        self._ignored_scopes = frozenset(config.ignored_scopes)
        # IgnoredScopes also names front-matter fields to leave alone (`frontmatter.title.md`).
        self._ignored_selector = Scope(list(config.ignored_scopes))
        self._load()

    # -- loading ---------------------------------------------------------------------------
    def _wanted(self) -> tuple[set[str], set[str], set[str]]:
        styles = set(self.config.global_styles)
        enabled, disabled = set(), set()
        settings = [self.config.global_checks] + [s.checks for s in self.config.sections]
        for section in self.config.sections:
            styles.update(section.based_on_styles or [])
        for checks in settings:
            for name, on in checks.items():
                (enabled if on else disabled).add(name)
        return styles, enabled, disabled - enabled

    def _style_folder(self, style: str) -> Path:
        if self.config.styles_path is None:
            raise ValeConfigError(f"{self.config.path}: style '{style}' needs a StylesPath (only the built-in style 'Vale' works without one)")
        folder = self.config.styles_path / style
        if not folder.is_dir():
            raise ValeConfigError(f"{self.config.path}: style '{style}' does not exist in StylesPath {self.config.styles_path}")
        return folder

    def _load_file(self, path: Path, name: str, disabled: set[str]) -> None:
        try:
            self.rules[name] = load_rule_file(path, name, self.context)
        except UnsupportedRule as exc:
            if name in disabled:
                return  # turned off with `Name = NO`: the configuration itself says not to run it
            raise ValeConfigError(f"{exc.message}; turn it off with '{name} = NO' in {self.config.path}") from None

    def _load(self) -> None:
        styles, enabled, disabled = self._wanted()
        if "Vale" in styles or any(n.startswith("Vale.") for n in enabled):
            for name, rule in builtin_rules(self.context, self.config.rejected).items():
                self.rules[name] = rule
            if ("Vale" in styles and "Vale.Spelling" not in disabled) or "Vale.Spelling" in enabled:
                if "Vale.Spelling" in enabled:
                    raise ValeConfigError(f"{self.config.path}: Vale.Spelling is not supported by afterword's Vale engine (needs Hunspell dictionaries); remove 'Vale.Spelling = YES'")
                self.config.warnings.append(f"{self.config.path}: BasedOnStyles = Vale: Vale.Spelling is not available in this engine, so spelling is not checked")
        for style in sorted(styles - {"Vale"}):
            folder = self._style_folder(style)
            for path in sorted(folder.rglob("*.yml")) + sorted(folder.rglob("*.yaml")):
                relative = path.relative_to(folder).with_suffix("")
                name = f"{style}.{'.'.join(relative.parts)}" if len(relative.parts) == 1 else f"{style}.{relative.name}"
                self._load_file(path, name, disabled)
        for name in sorted(enabled):
            if name in self.rules or name.startswith("Vale."):
                continue
            style, _, rule_name = name.partition(".")
            folder = self._style_folder(style)
            candidates = [folder / f"{rule_name}.yml", folder / f"{rule_name}.yaml"]
            path = next((c for c in candidates if c.is_file()), None)
            if path is None:
                raise ValeConfigError(f"{self.config.path}: rule '{name}' not found: expected {candidates[0]}")
            self._load_file(path, name, disabled)
        for name, rule in self.rules.items():
            self.scopes[name] = Scope(rule.scope)

    # -- per-file settings ------------------------------------------------------------------
    def _settings(self, path: str) -> _FileSettings:
        cached = self._settings_cache.get(path)
        if cached is not None:
            return cached
        styles = list(self.config.global_styles)
        checks = dict(self.config.global_checks)
        levels = dict(self.config.global_levels)
        ignores: list[str] = []
        for section in self.config.sections:
            if section.glob.matches(path):
                if section.based_on_styles is not None:
                    styles = list(section.based_on_styles)
                checks.update(section.checks)
                levels.update(section.levels)
                ignores.extend(section.block_ignores + section.token_ignores)
        minimum = LEVEL_RANK[self.config.min_alert_level]
        chosen = []
        for name, rule in self.rules.items():
            base = ".".join(name.split(".")[:2])
            on = checks[base] if base in checks else base.split(".")[0] in styles
            level = levels.get(base, rule.level)
            if on and LEVEL_RANK[level] >= minimum:
                chosen.append((rule, self.scopes[name], level))
        patterns = []
        for source in ignores:
            if source not in self._ignore_cache:
                self._ignore_cache[source] = compile_pattern(source, f"{self.config.path} (ignore pattern)")
            patterns.append(self._ignore_cache[source])
        # Files with the same rules and levels share one settings object, and so the rules chosen
        # for each kind of block, worked out once rather than once per file.
        same = (tuple((id(rule), level) for rule, _, level in chosen), tuple(ignores))
        settings = self._shared_settings.get(same)
        if settings is None:
            settings = self._shared_settings[same] = _FileSettings(chosen, patterns)
        if len(self._settings_cache) < 4096:
            self._settings_cache[path] = settings
        return settings

    # -- linting ------------------------------------------------------------------------------
    def lint_text(self, text: str, path: str = "stdin.md") -> list[Alert]:
        """Lint Markdown ``text`` as if it were the file ``path`` (which picks the ini sections)."""
        settings = self._settings(path.replace("\\", "/"))
        if not settings.rules:
            return []
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        parsed = parsed_markdown(text, self._ignored_classes, self._ignored_scopes)
        ignored = _ignored_offsets(text, settings.ignores)
        blocks = [_mask(b, ignored) for b in parsed.blocks] if ignored else parsed.blocks
        comments = CommentState(parsed.comments)
        lines = parsed.lines or LineIndex(text)
        for rule, _, _ in settings.rules:
            if rule.reset:
                rule.reset()
        alerts: list[Alert] = []
        seen: set[tuple] = set()
        counts: dict[str, int] = {}
        wants_sentences = any("sentence" in scope.wants for _, scope, _ in settings.rules)
        wants_paragraphs = any("paragraph" in scope.wants for _, scope, _ in settings.rules)

        def run(block: Block) -> None:
            chosen = settings.rules_for(block)
            placement = BlockPlacement.for_block(block, text, lines) if chosen else None
            for rule, level in chosen:
                try:
                    matches = list(rule.run(block))
                except (MemoryError, RecursionError):
                    # `regex` gives up on some patterns (fuzzy matching after an empty repeat:
                    # `\b+?x{e<=1}`). The rule cannot vouch for this text: the file fails, saying why.
                    matches, level = [Match(0, 0, _UNRUNNABLE.format(path=rule.path), "", document=True)], "error"
                for found in matches:
                    if found.document:
                        line, column, where = 1, 1, 0
                        span = (1, 1)
                    else:
                        where = block.source_index(found.start)
                        last = block.source_index(max(found.end - 1, found.start))
                        line, column = lines.position(where)
                        end_line, end_column = lines.position(last)
                        span = (column, end_column if end_line == line else column + len(found.match) - 1)
                        if found.match and text[where : last + 1] != found.match:
                            # The match spans inline markup (`Mermaid [Mermaid](…)`), so its text is
                            # not in the file as such: Vale then reports the start of the line
                            # (guessLocation in core/location.go).
                            column, span = 1, (1, lines.line_length(line))
                        if placement is not None:
                            placed = placement.place(rule.name, found.match, where)
                            if placed != where:  # Vale's search put it elsewhere (placement.py)
                                line, column = lines.position(placed)
                                span = (column, column + len(found.match) - 1)
                    if not comments.allows(where, rule.name, found.match):
                        continue
                    key = (rule.name, line, column, found.message)
                    if key in seen:
                        continue
                    if rule.limit and counts.get(rule.name, 0) >= rule.limit:
                        continue
                    seen.add(key)
                    counts[rule.name] = counts.get(rule.name, 0) + 1
                    # Vale prints a message on one line (WhitespaceToSpace in core/alert.go).
                    alerts.append(Alert(path, line, column, rule.name, found.message.replace("\n", " "), level, found.match, span, rule.link, found.action or (rule.action or None), found.description))

        # Vale lints front-matter fields first, each whole: no sentences, not in the summary.
        for block in _front_matter(text):
            if not self._ignored_selector.matches(block):
                run(block)
        summary_parts: list[Block] = []
        skip_alt = "alt" in self.config.skipped_scopes
        for block in blocks:
            if block.scope == "text.attr.alt" and skip_alt or block.within & self._skipped_tags:
                continue
            block.parent = block.scope
            run(block)
            if block.scope != "text.attr.alt":  # alt text is linted on its own, not summarised (lintTags)
                summary_parts.append(block)
            if block.scope == "text.md" and wants_paragraphs:
                run(block.slice(0, len(block.text), "paragraph.md", parent=block.scope))
            # Vale segments only plain text blocks into sentences (lintProse in lint/ast.go);
            # headings, list items, table cells and blockquotes are linted whole.
            if wants_sentences and block.scope == "text.md":
                for start, end in sentence_spans(block.text):
                    run(block.slice(start, end, "sentence.md", parent=block.scope))
        run(Block(text, "raw.md", None, 0, "raw.md"))
        if settings.rules_for(Block("", "summary.md", None, 0, "summary.md")):
            run(_summary(summary_parts, parsed.metrics))
        return alerts

    def lint_file(self, path: Path, display_path: str | None = None) -> list[Alert]:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        return self.lint_text(text, display_path or str(path))


@lru_cache(maxsize=64)
def _front_matter(text: str) -> tuple[Block, ...]:
    return tuple(front_matter_blocks(text))


def _summary(blocks: list[Block], metrics: dict) -> Block:
    chars: list[str] = []
    offsets: list[int] = []
    for block in blocks:
        chars.append(block.text + "\n\n")
        own = block.offsets if block.offsets is not None else range(block.base, block.base + len(block.text))
        if len(own) != len(block.text):
            own = [block.source_index(i) for i in range(len(block.text))]
        offsets.extend(own)
        last = own[-1] if len(own) else 0
        offsets.extend((last, last))
    summary = Block("".join(chars), "summary.md", offsets, 0, "summary.md")
    summary.metrics = metrics
    return summary


def _ignored_offsets(text: str, patterns: list) -> set[int]:
    ignored: set[int] = set()
    for pattern in patterns:
        for hit in pattern.finditer(text):
            ignored.update(range(hit.start(), hit.end()))
    return ignored


def _mask(block: Block, ignored: set[int]) -> Block:
    chars = list(block.text)
    changed = False
    for i in range(len(chars)):
        if block.source_index(i) in ignored and not chars[i].isspace():
            chars[i] = "*"
            changed = True
    if not changed:
        return block
    return Block("".join(chars), block.scope, block.offsets, block.base, block.parent)
