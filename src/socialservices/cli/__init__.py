"""The command line, ``python -m socialservices``: the library's only I/O.

It reads the files it is given, prints reports and the demo, and turns every
outcome into an exit status; the library below it reads no file and prints
nothing.

>>> from socialservices.cli import main
>>> callable(main)
True
"""

from ._main import main

__all__ = ["main"]
