"""Documents: every public value as JSON-ready data and back, and salvage.

The rooms, and the one direction of import between them:

- ``_format``: the format as data (the shape of each type, the schema
  versions); it knows no reader or writer;
- ``_compiled``: the fast, strict readers and writers generated from the
  shapes;
- ``_careful``: the reader that names every problem of a document with its
  path;
- ``_convert``: the public functions (``to_dict``, ``from_dict``, ``dumps``,
  ``loads``, ``make_converter``): the fast reader first, the careful one when
  it refuses;
- ``_salvage``: ``salvage``, built on the above.

``_compiled`` and ``_careful`` import only ``_format``; ``_convert`` imports
the three; ``_salvage`` imports them all; nothing imports back.
"""

from ._convert import dumps, from_dict, loads, make_converter, to_dict
from ._format import SCHEMA, SCHEMAS
from ._salvage import Salvage, SetAside, salvage

__all__ = [
    "SCHEMA",
    "SCHEMAS",
    "Salvage",
    "SetAside",
    "dumps",
    "from_dict",
    "loads",
    "make_converter",
    "salvage",
    "to_dict",
]
