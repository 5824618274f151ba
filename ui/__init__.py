"""The app's Streamlit layer shared by ``app.py`` and ``pages/``: caches, view state in the
URL, the sidebar filters and the first-start build. Logic lives in ``newsmap``; this only wires."""

import base64
from pathlib import Path

FAVICON = "data:image/png;base64," + base64.b64encode(
    (Path(__file__).resolve().parents[1] / "static" / "newsmap" / "favicon.png").read_bytes()
).decode("ascii")
"""The tab icon, from a local file, as a data URL made once: an icon by name would be fetched
from a font server, and a file path is read and registered again on every rerun (5-20 ms of
each click at 100,000 articles, bench/capacity_profile.py)."""
