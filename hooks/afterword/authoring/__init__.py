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

from importlib import import_module

# Each name's module, imported when the name is first asked for: reading a template (the style
# check's fingerprint) or raising AuthoringError need not load every authoring command.
_MODULES = {
    "AuthoringError": "errors",
    "PLACEHOLDERS": "facts", "Facts": "facts", "placeholder_values": "facts",
    "STATUS_TEMPLATES": "incidents", "TEMPLATE_STATUSES": "incidents", "Written": "incidents",
    "new_incident": "incidents", "new_update": "incidents", "status_for_template": "incidents",
    "customer_notice": "notice",
    "WrittenPostmortem": "postmortems", "new_postmortem": "postmortems",
    "Template": "templates", "load_template": "templates", "render": "templates", "render_document": "templates",
    "template_names": "templates", "templates_folder": "templates",
}
__all__ = sorted(_MODULES)


def __getattr__(name: str):
    if name in _MODULES:
        return getattr(import_module(f".{_MODULES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
