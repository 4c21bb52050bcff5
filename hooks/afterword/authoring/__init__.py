"""Authoring: write an incident, an update, a postmortem skeleton or a customer notice in seconds,
from the house templates in ``styleguide/templates/`` (``afterword new …``).

The API other modules use (every function writes nothing and raises ``AuthoringError`` — a
``ContentError`` with ``.problems`` — when the result would not load cleanly):

- ``new_incident(settings, title, impact, components, at, *, started=None, incident_id=None,
  scheduled_for=None, scheduled_until=None, template=None, next_update=None) -> Written``
- ``new_update(settings, id_or_path, at, *, status=None, template=None, customer_action=False,
  next_update=None) -> Written`` (reads only that one file)
- ``new_postmortem(settings, id_or_path, published) -> WrittenPostmortem`` (``draft: true``)
- ``customer_notice(settings, id_or_path, at) -> str``
- ``load_template(settings, name)``, ``template_names(settings)``, ``render(template, values)``,
  ``placeholder_values(Facts(...))`` and ``PLACEHOLDERS`` (name -> meaning)
"""

from .errors import AuthoringError
from .facts import PLACEHOLDERS, Facts, placeholder_values
from .incidents import STATUS_TEMPLATES, TEMPLATE_STATUSES, Written, new_incident, new_update, status_for_template
from .notice import customer_notice
from .postmortems import WrittenPostmortem, new_postmortem
from .templates import Template, load_template, render, render_document, template_names, templates_folder

__all__ = [
    "PLACEHOLDERS", "STATUS_TEMPLATES", "TEMPLATE_STATUSES", "AuthoringError", "Facts", "Template", "Written",
    "WrittenPostmortem", "customer_notice", "load_template", "new_incident", "new_postmortem", "new_update",
    "placeholder_values", "render", "render_document", "status_for_template", "template_names", "templates_folder",
]
