"""Commands that look at one dataset as it is: ``validate`` and ``summary``."""

from __future__ import annotations

import click

from ..exceptions import DatasetError
from ..output import printable, text_table, to_csv, to_json
from .group import cli
from .options import dataset_argument, format_option
from .running import (CommandError, _as_date, _echo_problems, _wrap, columnar_process, handle_errors, load_rows,
                      progress, settled)


@cli.command()
@dataset_argument
@format_option("table", "json")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Warn about reports dated after this day, YYYY-MM-DD (default today).")
@handle_errors
def validate(dataset, fmt, as_of):
    """Check a dataset; exit 0 when valid, 2 with every problem listed.

    Example: engagemap validate examples/hackney
    """
    from ..load import check_dataset

    columnar_process(dataset)
    result = check_dataset(dataset, progress=progress, as_of=_as_date(as_of))
    if fmt == "json":
        click.echo(to_json({
            "dataset": dataset,
            "valid": result.valid,
            "errors": [p.as_dict() for p in result.problems],
            "warnings": [w.as_dict() for w in result.warnings],
        }))
        if not result.valid:
            raise CommandError([])  # the problems are in the JSON
        return
    if not result.valid:
        raise DatasetError(result.problems, result.warnings)
    _echo_problems([], result.warnings)
    counts = ", ".join(f"{result.counts[t]} {t}" for t in ("organisations", "networks", "partnerships", "seats"))
    click.echo(printable(f"{dataset}: valid ({counts})"))


@cli.command()
@dataset_argument
@format_option()
@handle_errors
def summary(dataset, fmt):
    """Counts by table, sector and partnership level, and the vacant seats.

    Example: engagemap summary examples/hackney --format json
    """
    from ..counts import summary_of_rows

    name, rows, _ = load_rows(dataset)  # the rows as read: no models made
    result = summary_of_rows(name, settled(rows))
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
    click.echo(printable(f"Dataset {data['dataset']}"))
    click.echo(text_table(["group", "item", "count"], rows))
    if data["vacant_seats"]:
        click.echo(_wrap("Vacant seats: ", data["vacant_seats"]))
