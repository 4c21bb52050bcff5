"""Read a `.vale.ini` into a `ValeConfig`: global keys, per-glob sections, vocabularies.

Vale's INI dialect: keys before the first section are global (`StylesPath`, `MinAlertLevel`,
`Vocab`, ...); every other section is a glob (`[*.md]`) except `[formats]`. Inside a glob section
`BasedOnStyles` picks styles, `Style.Rule = YES|NO|suggestion|warning|error` turns one rule on,
off or changes its level, and `BlockIgnores` / `TokenIgnores` hide text from every rule. Sections
apply in file order: a later matching section replaces `BasedOnStyles` and overrides rule
settings, as Vale does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ValeConfigError
from .globs import Glob, compile_glob

LEVELS = ("suggestion", "warning", "error")
LEVEL_RANK = {name: rank for rank, name in enumerate(LEVELS)}
CONFIG_NAMES = (".vale.ini", "_vale.ini", ".vale", "_vale")
LIST_KEYS = {"BasedOnStyles", "Vocab", "BlockIgnores", "IgnorePatterns", "TokenIgnores", "IgnoredScopes", "SkippedScopes", "IgnoredClasses"}


@dataclass
class Section:
    """One `[glob]` section, in file order."""

    pattern: str
    glob: Glob
    based_on_styles: list[str] | None = None  # None: the section does not set it
    checks: dict[str, bool] = field(default_factory=dict)  # Style.Rule -> on/off
    levels: dict[str, str] = field(default_factory=dict)  # Style.Rule -> level override
    block_ignores: list[str] = field(default_factory=list)
    token_ignores: list[str] = field(default_factory=list)


@dataclass
class ValeConfig:
    path: Path
    styles_path: Path | None
    min_alert_level: str = "suggestion"
    vocab: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    word_template: str = ""
    ignored_scopes: list[str] = field(default_factory=lambda: ["code", "tt", "kbd"])
    skipped_scopes: list[str] = field(default_factory=list)
    ignored_classes: list[str] = field(default_factory=list)  # HTML classes whose text is not linted
    global_styles: list[str] = field(default_factory=list)
    global_checks: dict[str, bool] = field(default_factory=dict)
    global_levels: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # extension -> format it is read as
    # Things this engine does not do that the configuration asks for (e.g. Vale.Spelling through
    # `BasedOnStyles = Vale`). The CLI prints them; they are never dropped silently.
    warnings: list[str] = field(default_factory=list)

    def with_min_alert_level(self, level: str) -> "ValeConfig":
        if level not in LEVEL_RANK:
            raise ValeConfigError(f"--minAlertLevel: '{level}' must be one of {', '.join(LEVELS)}")
        copy = ValeConfig(**{**self.__dict__})
        copy.min_alert_level = level
        return copy


def find_config(start: Path) -> Path | None:
    """Vale's search: `.vale.ini` (or `_vale.ini`, `.vale`, `_vale`) here, then in each parent."""
    env = os.environ.get("VALE_CONFIG_PATH")
    if env:
        return Path(env)
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"`":
        return value[1:-1]
    return value


def parse_ini(text: str, path: Path) -> list[tuple[str | None, str, str, int]]:
    """(section or None, key, value, line) in file order; Vale's keys are case-sensitive."""
    entries: list[tuple[str | None, str, str, int]] = []
    section: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            entries.append((section, "", "", number))
            continue
        if "=" not in line:
            raise ValeConfigError(f"{path}:{number}: expected 'Key = value' or '[section]', found '{line}'")
        key, value = line.split("=", 1)
        entries.append((section, key.strip(), _unquote(value), number))
    return entries


def _read_terms(path: Path) -> list[str]:
    if not path.is_file():
        return []
    terms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms.append(line)
    return terms


def _vocab_folder(styles_path: Path, name: str) -> Path | None:
    for folder in (styles_path / "config" / "vocabularies" / name, styles_path / "Vocab" / name):
        if folder.is_dir():
            return folder
    return None


def _apply_rule_setting(key: str, value: str, checks: dict, levels: dict, where: str) -> None:
    upper = value.strip().upper()
    if upper in ("YES", "TRUE", "ON"):
        checks[key] = True
    elif upper in ("NO", "FALSE", "OFF"):
        checks[key] = False
    elif value.strip().lower() in LEVEL_RANK:
        checks[key] = True
        levels[key] = value.strip().lower()
    else:
        raise ValeConfigError(f"{where}: '{key} = {value}': use YES, NO, suggestion, warning or error")


def load_config(path: Path, min_alert_level: str | None = None) -> ValeConfig:
    """Read ``path`` (a `.vale.ini`); raise ValeConfigError naming the file when it is unusable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValeConfigError(f"{path}: cannot read the configuration: {exc.strerror or exc}") from None
    base = path.resolve().parent
    config = ValeConfig(path=path, styles_path=None)
    current: Section | None = None
    in_formats = False
    for section, key, value, number in parse_ini(text, path):
        where = f"{path}:{number}"
        if key == "":  # a section header
            in_formats = section == "formats"
            current = None if in_formats else Section(section, compile_glob(section))
            if current is not None:
                config.sections.append(current)
            continue
        if in_formats:
            config.formats[key.lstrip(".")] = value.strip().lstrip(".")
            continue
        values = _split_list(value) if key in LIST_KEYS else []
        if current is None:
            if key == "StylesPath":
                config.styles_path = (base / value.strip()).resolve()
            elif key == "MinAlertLevel":
                level = value.strip().lower()
                if level not in LEVEL_RANK:
                    raise ValeConfigError(f"{where}: MinAlertLevel must be one of {', '.join(LEVELS)}, not '{value}'")
                config.min_alert_level = level
            elif key == "Vocab":
                config.vocab = values
            elif key == "WordTemplate":
                config.word_template = value.strip()
            elif key == "IgnoredScopes":
                config.ignored_scopes = values
            elif key == "SkippedScopes":
                config.skipped_scopes = values
            elif key == "IgnoredClasses":
                config.ignored_classes = values
            elif key == "BasedOnStyles":
                config.global_styles = values
            elif "." in key and " " not in key:
                _apply_rule_setting(key, value, config.global_checks, config.global_levels, where)
            # Other global keys (Packages, ...) do not change Markdown linting here.
        else:
            if key == "BasedOnStyles":
                current.based_on_styles = values
            elif key in ("BlockIgnores", "IgnorePatterns"):  # IgnorePatterns: Vale's older name
                current.block_ignores.extend(values)
            elif key == "TokenIgnores":
                current.token_ignores.extend(values)
            elif "." in key and " " not in key and key.split(".")[0] and key[0].isalpha():
                _apply_rule_setting(key, value, current.checks, current.levels, where)
    if min_alert_level:
        config = config.with_min_alert_level(min_alert_level)
    _load_vocabularies(config)
    return config


def _load_vocabularies(config: ValeConfig) -> None:
    for name in config.vocab:
        if config.styles_path is None:
            raise ValeConfigError(f"{config.path}: Vocab = {name} needs a StylesPath to find config/vocabularies/{name}/")
        folder = _vocab_folder(config.styles_path, name)
        if folder is None:
            raise ValeConfigError(
                f"{config.path}: vocabulary '{name}' not found: expected {config.styles_path / 'config' / 'vocabularies' / name}/accept.txt"
            )
        config.accepted.extend(_read_terms(folder / "accept.txt"))
        config.rejected.extend(_read_terms(folder / "reject.txt"))
