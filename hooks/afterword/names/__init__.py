"""Person-name detection for blameless writing: ``Afterword.PersonName`` findings."""

from .detector import RULE, NameHit, PersonNameDetector
from .people import KnownPeople, known_people

__all__ = ["RULE", "NameHit", "PersonNameDetector", "KnownPeople", "known_people"]
