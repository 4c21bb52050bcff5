"""Afterword: a company's customer-facing incident history and postmortems, published from git.

The engine is plain Python and knows nothing about MkDocs: the hooks in ``hooks/`` adapt
MkDocs events to it, and the ``afterword`` command drives it directly.
"""

__version__ = "0.1.0"
