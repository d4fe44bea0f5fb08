"""Sphinx configuration: MyST Markdown pages, autodoc API reference, furo theme."""

from __future__ import annotations

import importlib.metadata

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
exclude_patterns = ["_build", "examples"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = "socialservices"
