"""Functional core of the guide: load, validate and render the frameworks.

Nothing in this package imports MkDocs. The MkDocs hooks in ``hooks/`` are thin
adapters over these functions, so the same core can serve another static site
generator when Material for MkDocs reaches its end of life.
"""
