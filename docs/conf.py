"""Sphinx configuration: MyST Markdown pages, autodoc API reference, furo theme."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path
from typing import Any

project = "socialservices"
author = "socialservices developers"
copyright = "2026, socialservices developers"
release = importlib.metadata.version("socialservices")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
# _pictures.md is included by indicators.md; _generated holds its pictures
exclude_patterns = ["_build", "examples", "_generated", "_pictures.md"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = "socialservices"

PICTURES = {"chart": "occupancy.png", "oblast_map": "oblast_map.png"}
"""The figures ``_pictures.md``'s code makes, and the files they are drawn to."""


def draw_pictures(app: Any) -> None:
    """Run the code of ``_pictures.md`` and save its figures in ``_generated/``
    (git-ignored), so that the pictures are the code's, built with the docs."""
    import matplotlib

    matplotlib.use("Agg")
    page = Path(app.srcdir) / "_pictures.md"
    text = page.read_text(encoding="utf-8")
    namespace: dict[str, Any] = {"__name__": "__pictures__"}
    for body in re.findall(r"^```python\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        exec(compile(body, str(page), "exec"), namespace)
    folder = Path(app.srcdir) / "_generated"
    folder.mkdir(exist_ok=True)
    for name, file in PICTURES.items():
        namespace[name].savefig(folder / file, dpi=100)

    from socialservices.requests import lifecycle_svg

    (folder / "request-lifecycle.svg").write_text(lifecycle_svg(), encoding="utf-8")


def setup(app: Any) -> None:
    """Draw the pictures before the pages are read."""
    app.connect("builder-inited", draw_pictures)
