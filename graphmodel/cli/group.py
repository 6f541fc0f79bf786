"""The ``engagemap`` command group itself; each family of commands registers on it."""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="engagemap")
def cli():
    """engagemap: map which community groups feed into which partnership board.

    DATASET is a folder of CSV files, an .xlsx workbook, or a .json or .yaml
    file in the format of docs/FORMAT.md. Example:

        engagemap summary examples/hackney
    """
