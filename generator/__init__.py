"""Validate the curated fact files in ``facts/`` and render them as Markdown pages for MkDocs."""
