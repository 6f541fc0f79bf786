"""The ``engagemap`` command: parses options, calls the library, prints results.

Every library error becomes a message on standard error and exit status 2;
nothing here computes an answer itself. The commands live in one module per
family (``datasets``, ``analyses``, ``writing``, ``database``, ``publishing``),
registered on the group of ``group``; what they share is in ``options`` and
``running``.
"""

from __future__ import annotations

import os
import sys

import click

from ..output import printable
from . import analyses, database, datasets, publishing, running, writing  # noqa: F401 - each registers its commands
from .group import cli
from .running import CommandError, handle_errors

__all__ = ["cli", "main", "CommandError", "handle_errors"]


def main(argv=None) -> None:
    """Console entry point: no traceback reaches the user unless ENGAGEMAP_DEBUG is set."""
    import gc
    import signal

    running.OWNS_PROCESS = True
    gc.disable()  # this process only: on again once the dataset is loaded (see settled)
    if hasattr(signal, "SIGPIPE"):  # `engagemap ... | head`: end quietly when the reader has gone, as Unix tools do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        cli.main(args=argv, prog_name="engagemap", standalone_mode=True)
    except Exception as err:  # pragma: no cover - last resort
        if os.environ.get("ENGAGEMAP_DEBUG"):
            raise
        click.echo(printable(f"error: unexpected failure ({type(err).__name__}: {err}); "
                             f"set ENGAGEMAP_DEBUG=1 to see the details"), err=True)
        sys.exit(1)
