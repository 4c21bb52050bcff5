"""The demo generator: a complete, buildable Afterword site with a synthetic (or imported) history.

``generate(incidents, postmortems, seed)`` builds the content in memory; ``write_site`` writes it.
"""

from .site import DemoSite, default_project_root, generate, write_site

__all__ = ["DemoSite", "default_project_root", "generate", "write_site"]
