"""The app's Streamlit layer shared by ``app.py`` and ``pages/``: caches, view state in the
URL, the sidebar filters and the first-start build. Logic lives in ``newsmap``; this only wires."""

from pathlib import Path

FAVICON = str(Path(__file__).resolve().parents[1] / "static" / "newsmap" / "favicon.png")
"""The tab icon, a local file: an icon by name would be fetched from a font server."""
