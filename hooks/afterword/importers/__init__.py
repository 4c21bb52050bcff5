"""Importers: bring another status tool's incident history into Afterword's content format.

``import_statuspage`` and ``import_cstate`` return DraftIncidents; ``write_incidents`` writes them.
"""

from .components import ComponentCatalog
from .document import DraftIncident, DraftUpdate, render_incident
from .writer import WriteReport, write_incidents

__all__ = ["ComponentCatalog", "DraftIncident", "DraftUpdate", "WriteReport", "render_incident", "write_incidents"]
