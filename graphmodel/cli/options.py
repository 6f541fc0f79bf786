"""The options and arguments several commands share: --format, --as-of, --force, DATASET, the Neo4j
connection and the analyses' input (a DATASET or --neo4j NAME)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import click


def force_option(func):
    return click.option("--force", is_flag=True,
                        help="Write into an existing folder that engagemap did not write: files of the same names "
                             "are replaced, nothing else is removed.")(func)


def format_option(*choices: str):
    choices = choices or ("table", "json", "csv")
    return click.option("--format", "fmt", type=click.Choice(choices), default="table", show_default=True,
                        help="How to print the result.")


def as_of_option(func):
    return click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                        help="The day to analyse, YYYY-MM-DD (default today): memberships not yet begun or already "
                             "ended on it carry no reach; terms, vacancies and reports are judged on it.")(func)


def dataset_argument(func):
    return click.argument("dataset", type=click.Path(path_type=str))(func)


def connection_options(func):
    """--uri/--username/--database, read from NEO4J_URI/NEO4J_USERNAME/NEO4J_DATABASE when not given.
    The password is never an option: it comes from NEO4J_PASSWORD or a prompt."""
    func = click.option("--database", envvar="NEO4J_DATABASE", default=None,
                        help="The database (default: the server's default; env NEO4J_DATABASE).")(func)
    func = click.option("--username", envvar="NEO4J_USERNAME", default="neo4j", show_default=True,
                        help="The user (env NEO4J_USERNAME).")(func)
    func = click.option("--uri", envvar="NEO4J_URI", default="neo4j://localhost:7687", show_default=True,
                        help="The server (env NEO4J_URI).")(func)
    return func


@dataclass
class Source:
    """Where an analysis reads its dataset: a path, or a dataset pushed to Neo4j."""

    path: str | None
    neo4j: str | None
    uri: str
    username: str
    database: str | None


def graph_source(func):
    """DATASET, or ``--neo4j NAME`` with the connection options: the analysis commands' input."""

    @functools.wraps(func)
    def wrapper(*args, dataset, neo4j_name, uri, username, database, **kwargs):
        if (dataset is None) == (neo4j_name is None):
            raise click.UsageError("give a DATASET (folder, .xlsx, .json or .yaml) or --neo4j NAME")
        return func(*args, dataset=Source(dataset, neo4j_name, uri, username, database), **kwargs)

    wrapper = connection_options(wrapper)
    wrapper = click.option("--neo4j", "neo4j_name", default=None, metavar="NAME",
                           help="Read the dataset NAME from Neo4j instead of a file (see engagemap neo4j).")(wrapper)
    return click.argument("dataset", required=False, type=click.Path(path_type=str))(wrapper)
