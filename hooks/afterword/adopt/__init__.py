"""`afterword init`: make a fresh checkout a company's own project (see guide/adopt.md)."""

from .answers import Answers, Component
from .project import InitResult, init_project

__all__ = ["Answers", "Component", "InitResult", "init_project"]
