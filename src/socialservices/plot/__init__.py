"""Pictures: figures of the library's results, drawn with matplotlib.

An optional extra, ``pip install 'socialservices[plot]'``. Importing this
package does not import matplotlib; drawing does, and without it raises
:class:`~socialservices.MissingDependencyError` naming the extra. Every
function returns a :class:`matplotlib.figure.Figure` built with the object
API (no pyplot state) and never saves or shows it: the caller does
(``figure.savefig("occupancy.png")``).

- :func:`occupancy_chart`: places and places taken in one service, day by
  day through a period, with the days of unknown capacity left blank;
- :func:`indicator_map`: an indicator by municipality or by oblast of
  Bulgaria, on outlines derived from public data by
  ``tools/build_outlines.py``.

.. versionadded:: 0.5
"""

from ._map import indicator_map
from ._occupancy import occupancy_chart

__all__ = ["indicator_map", "occupancy_chart"]
