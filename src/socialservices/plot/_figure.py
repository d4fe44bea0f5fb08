"""Where matplotlib is imported: only here, and only when a figure is drawn.

Owns :func:`new_figure`, which refuses with the library's own error when the
``plot`` extra is not installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._errors import MissingDependencyError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["new_figure"]


def new_figure(feature: str, *, width: float, height: float) -> Figure:
    """A new, empty figure of ``width`` by ``height`` inches.

    Raises:
        MissingDependencyError: matplotlib is not installed (the ``plot``
            extra), naming ``feature``.
    """
    try:
        import matplotlib  # noqa: F401 - fails first when the extra is missing
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingDependencyError(feature, "plot") from None
    return Figure(figsize=(width, height), layout="constrained")
