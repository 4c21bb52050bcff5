"""The one table that maps rule names to the label families of the real-text corpus.

Rules helpers extend RULE_FAMILIES when they add a rule. A finding whose rule is in no family can
never be a true positive: at error level it counts as a false positive.
"""

from __future__ import annotations

import re

FAMILIES = ("name", "blame", "supplier", "credential", "capacity", "host", "path", "internal-link", "ip", "email")

RULE_FAMILIES = {
    "Afterword.PersonName": "name",
    "Afterword.PersonHandle": "name",
    "Afterword.Blame": "blame",
    "Afterword.VendorBlame": "supplier",
    "Afterword.Credentials": "credential",
    "Afterword.Capacity": "capacity",
    "Afterword.InternalHost": "host",
    "Afterword.FilePath": "path",
    "Afterword.Channel": "internal-link",
    "Afterword.InternalURL": "internal-link",
    "Afterword.IPAddress": "ip",
    "Afterword.EmailAddress": "email",
}

# Judged per document against the label file's ``structure``, not as spans.
STRUCTURE_RULE = "Afterword.Structure"
# Requirements on a whole document (it must apologise, it must have these sections): a missing
# apology in a real post is a true finding, so these never count as false positives; counted apart.
# The reading grade is such a requirement too: one figure for the whole document, which no span
# label can confirm or refute (its count is reported next to Structure and Apology).
DOCUMENT_RULES = frozenset({STRUCTURE_RULE, "Afterword.Apology", "Afterword.ReadingGrade", "Afterword.ReadingGradeLimit"})
# The sections the Structure rule checks today (extend when it checks more, e.g. "response").
STRUCTURE_CHECKED = ("what_happened", "impact", "changes")
# Which section a Structure finding says is missing, read from its message.
STRUCTURE_SECTIONS = {
    "what_happened": re.compile(r"no section on what happened", re.I),
    "impact": re.compile(r"no section on the impact", re.I),
    "response": re.compile(r"no section on (?:the response|how we responded)", re.I),
    "changes": re.compile(r"no section on what we are changing", re.I),
}


def family_of(rule: str) -> str | None:
    return RULE_FAMILIES.get(rule)
