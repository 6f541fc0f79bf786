"""The ``neo4j`` commands: push a dataset, pull it back, run a named query."""

from __future__ import annotations

import click

from ..exceptions import EngagemapError
from ..output import text_table, to_json
from .group import cli
from .options import connection_options, dataset_argument, format_option
from .running import handle_errors, load, open_store, progress


@cli.group()
def neo4j():
    """Share the map in a Neo4j database: push a dataset, pull it back, run named queries.

    Connection: --uri, --username, --database or NEO4J_URI, NEO4J_USERNAME,
    NEO4J_DATABASE; the password from NEO4J_PASSWORD or a prompt.
    """


@neo4j.command()
@dataset_argument
@connection_options
@click.option("--batch-size", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Rows per write transaction.")
@click.option("--replace", is_flag=True, help="First remove what this dataset wrote before (and nothing else).")
@click.option("--include-people", is_flag=True, help="Store people's names and notes (personal data; left out otherwise).")
@handle_errors
def push(dataset, uri, username, database, batch_size, replace, include_people):
    """Write a dataset into Neo4j under its name (pushing again leaves exactly the dataset pushed).

    Other datasets, and nodes engagemap did not write, are never touched.

    Example: NEO4J_PASSWORD=... engagemap neo4j push examples/hackney
    """
    data = load(dataset)
    with open_store(uri, username, database) as store:
        counts = store.push(data, batch_size=batch_size, replace=replace, include_people=include_people,
                            progress=progress)
        where = store.uri
    click.echo(f"pushed {data.name} to {where}")
    click.echo(text_table(["element", "count"], sorted(counts.items())))


@neo4j.command()
@connection_options
@click.option("--dataset", "name", required=True, help="The name of the dataset in Neo4j (its folder or file name).")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The folder to write (CSV).")
@click.option("--include-people", is_flag=True, help="Keep people's names and notes (personal data; left out otherwise).")
@handle_errors
def pull(uri, username, database, name, output, include_people):
    """Read a dataset back from Neo4j into the CSV format.

    Example: engagemap neo4j pull --dataset hackney -o hackney-from-neo4j
    """
    from ..writers import write_csv_folder

    with open_store(uri, username, database) as store:
        data = store.pull(name, include_people=include_people)
    write_csv_folder(data, output)
    click.echo(f"wrote {output}", err=True)


@neo4j.command()
@click.argument("name")
@connection_options
@click.option("--dataset", "dataset_name", default=None, metavar="NAME",
              help="The dataset the query is about (its $dataset parameter).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@format_option("table", "json")
@handle_errors
def query(name, uri, username, database, dataset_name, params, fmt):
    """Run a named query from cypher/ (reach, vacant_seats, expired_seats, seat_audience, ...).

    Example: engagemap neo4j query reach --dataset hackney --param partnership=th-board
    """
    from ..store import QUERIES, query_parameters

    if name not in QUERIES:
        raise EngagemapError(f"there is no query named {name!r}; the named queries are {', '.join(QUERIES)}")
    values = {}
    if "dataset" in query_parameters(name):
        if dataset_name is None and name != "organisations_in_several_datasets":
            raise click.UsageError(f"query {name!r} is about one dataset: give --dataset NAME")
        values["dataset"] = dataset_name
    elif dataset_name is not None:
        raise click.UsageError(f"query {name!r} spans the database: it takes no --dataset")
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        values[key] = value
    from datetime import date

    # the analyses' defaults: today, and terms ending within 90 days
    for key, default in (("as_of", date.today().isoformat()), ("expiring_within", "90")):
        if key in query_parameters(name):
            values.setdefault(key, default)
    with open_store(uri, username, database) as store:
        records = store.query(name, values)
    if fmt == "json":
        click.echo(to_json(records))
    else:
        header = list(records[0]) if records else ["(no rows)"]
        click.echo(text_table(header, [[r[h] for h in header] for r in records]))
