"""Importers: bring feeds, article pages and researchers' event datasets into the corpus.

Feeds and pages become Markdown articles under ``<corpus>/imported/``, read by the corpus source
like any article; event datasets are copied (their valid rows) under ``<corpus>/events/<kind>/``
and read by their own sources (:mod:`newsmap.sources.acled`, :mod:`newsmap.sources.gdelt`).
"""
