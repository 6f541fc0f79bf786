"""The ``engagemap`` command: parses options, calls the library, prints results.

Every library error becomes a message on standard error and exit status 2;
nothing here computes an answer itself.
"""

from __future__ import annotations

import functools
import os
import sys
from datetime import date

import click

from . import __version__
from .exceptions import DatasetError, EngagemapError
from .output import text_table, to_csv, to_json

__all__ = ["cli", "main"]


def _echo_problems(problems, warnings) -> None:
    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    for p in problems:
        click.echo(f"error: {p}", err=True)


def handle_errors(func):
    """Turn library errors into a clear message on stderr and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except DatasetError as err:
            _echo_problems(err.problems, err.warnings)
            count = len(err.problems)
            click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written", err=True)
            sys.exit(2)
        except EngagemapError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(2)

    return wrapper


def format_option(*choices: str):
    choices = choices or ("table", "json", "csv")
    return click.option("--format", "fmt", type=click.Choice(choices), default="table", show_default=True,
                        help="How to print the result.")


def as_of_option(func):
    return click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                        help="The date for vacancy and term checks, YYYY-MM-DD (default today).")(func)


def dataset_argument(func):
    return click.argument("dataset", type=click.Path(path_type=str))(func)


def _as_date(value) -> date:
    return value.date() if value is not None else date.today()


def load(path: str):
    """Load a dataset, printing its warnings on stderr."""
    from .load import read_dataset

    result = read_dataset(path)
    if result.problems:
        raise DatasetError(result.problems, result.warnings)
    for w in result.warnings:
        click.echo(f"warning: {w}", err=True)
    return result.dataset


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="engagemap")
def cli():
    """engagemap: map which community groups feed into which partnership board.

    DATASET is a folder of CSV files, an .xlsx workbook, or a .json or .yaml
    file in the format of docs/FORMAT.md. Example:

        engagemap summary examples/hackney
    """


@cli.command()
@dataset_argument
@format_option("table", "json")
@handle_errors
def validate(dataset, fmt):
    """Check a dataset; exit 0 when valid, 2 with every problem listed.

    Example: engagemap validate examples/hackney
    """
    from .load import read_dataset

    result = read_dataset(dataset)
    if fmt == "json":
        click.echo(to_json({
            "dataset": dataset,
            "valid": result.valid,
            "errors": [p.as_dict() for p in result.problems],
            "warnings": [w.as_dict() for w in result.warnings],
        }))
        if not result.valid:
            sys.exit(2)
        return
    if not result.valid:
        raise DatasetError(result.problems, result.warnings)
    _echo_problems([], result.warnings)
    ds = result.dataset
    counts = ", ".join(f"{len(ds.rows(t))} {t}" for t in ("organisations", "networks", "partnerships", "seats"))
    click.echo(f"{dataset}: valid ({counts})")


@cli.command()
@dataset_argument
@format_option()
@handle_errors
def summary(dataset, fmt):
    """Counts by table, sector and partnership level, and the vacant seats.

    Example: engagemap summary examples/hackney --format json
    """
    from .counts import summary as summarise

    result = summarise(load(dataset))
    data = result.as_dict()
    if fmt == "json":
        click.echo(to_json(data))
        return
    rows = [["table", t, n] for t, n in data["tables"].items()]
    rows += [["organisations by sector (weighted)", k, v] for k, v in data["organisations_by_sector"].items()]
    rows += [["organisations", "inactive", data["inactive_organisations"]]]
    rows += [["networks led by", k, v] for k, v in data["networks_by_led_by"].items()]
    rows += [["partnerships by level", k, v] for k, v in data["partnerships_by_level"].items()]
    rows += [["seats by sector", k, v] for k, v in data["seats_by_sector"].items()]
    rows += [["seats", "filled", data["filled_seats"]], ["seats", "vacant", len(data["vacant_seats"])]]
    if fmt == "csv":
        click.echo(to_csv(["group", "item", "count"], rows), nl=False)
        return
    click.echo(f"Dataset {data['dataset']}")
    click.echo(text_table(["group", "item", "count"], rows))
    if data["vacant_seats"]:
        click.echo("Vacant seats: " + ", ".join(data["vacant_seats"]))


def main(argv=None) -> None:
    """Console entry point: no traceback reaches the user unless ENGAGEMAP_DEBUG is set."""
    try:
        cli.main(args=argv, prog_name="engagemap", standalone_mode=True)
    except Exception as err:  # pragma: no cover - last resort
        if os.environ.get("ENGAGEMAP_DEBUG"):
            raise
        click.echo(f"error: unexpected failure ({type(err).__name__}: {err}); "
                   f"set ENGAGEMAP_DEBUG=1 to see the details", err=True)
        sys.exit(1)
