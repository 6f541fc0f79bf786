"""The ``engagemap`` command: parses options, calls the library, prints results.

Every library error becomes a message on standard error and exit status 2;
nothing here computes an answer itself.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
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
            click.echo(f"{count} problem{'s' if count != 1 else ''} found", err=True)
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

    result = read_dataset(dataset, progress=progress)
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
        click.echo(_wrap("Vacant seats: ", data["vacant_seats"]))


def progress(message: str) -> None:
    """Progress of a long step, on stderr (only large datasets report any)."""
    click.echo(f"... {message}", err=True)


@cli.command()
@dataset_argument
@click.option("--to", "to", required=True, type=click.Choice(["csv", "xlsx", "graphml", "gexf", "popolo"]),
              help="The format: csv (a folder), xlsx (a workbook), graphml or gexf (Gephi, Cytoscape, networkx), "
                   "popolo (Popolo JSON).")
@click.option("-o", "--output", required=True, type=click.Path(), help="The file (or folder, for csv) to write.")
@click.option("--include-people", is_flag=True, help="Keep people's names (personal data; left out otherwise).")
@handle_errors
def export(dataset, to, output, include_people):
    """Write the dataset in another container, or its graph for Gephi or Cytoscape.

    Example: engagemap export examples/hackney --to graphml -o hackney.graphml
    """
    from .exporting import export as write

    write(load(dataset), to, output, include_people=include_people)
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The workbook to write (.xlsx).")
@handle_errors
def template(output):
    """Write a blank workbook to fill in: one sheet per table, notes on every column, drop-down lists.

    Example: engagemap template -o our-network.xlsx
    """
    from .exporting import write_template

    write_template(output)
    click.echo(f"wrote {output}", err=True)


@cli.group(name="import")
def import_group():
    """Start a dataset from what you have: Popolo JSON, the charity register, 360Giving grants."""


def write_imported(tables: dict, output: str, what: str) -> None:
    """Validate imported tables as a dataset named after the output folder and write it as CSV."""
    from .model import Dataset
    from .writers import write_csv_folder

    write_csv_folder(Dataset(name=os.path.basename(os.path.normpath(output)), **tables), output)
    click.echo(f"wrote {output}: {what}", err=True)


@import_group.command(name="popolo")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The dataset folder to write.")
@handle_errors
def import_popolo(file, output):
    """Popolo JSON into the dataset format (posts become seats, memberships holders or network members).

    Example: engagemap import popolo council-bodies.json -o council-bodies
    """
    from graphmodel.importers.popolo import read_popolo

    tables = read_popolo(file)
    write_imported(tables, output, f"{len(tables['seats'])} seats, {len(tables['memberships'])} memberships")


@import_group.command(name="360giving")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The dataset folder to write.")
@handle_errors
def import_360giving(file, output):
    """Grants in the 360Giving Data Standard (CSV, XLSX or JSON) as funders, recipients and funds links.

    Example: engagemap import 360giving grants.csv -o grants
    """
    from graphmodel.importers.threesixtygiving import read_grants

    tables = read_grants(file)
    write_imported(tables, output, f"{len(tables['links'])} grants")


@import_group.command(name="charity-commission")
@click.option("--extract", required=True, type=click.Path(file_okay=False),
              help="The folder of the Charity Commission register extract (publicextract.*.json or .txt).")
@click.option("--area", required=True, help="The local authority area, as the extract names it (e.g. Hackney).")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The dataset folder to write.")
@handle_errors
def import_charity_commission(extract, area, output):
    """The registered charities operating in one local authority area, as organisations.

    Example: engagemap import charity-commission --extract ccew --area Hackney -o hackney-charities
    """
    from graphmodel.importers.charity_commission import read_extract

    tables = read_extract(extract, area, progress=progress)
    write_imported(tables, output, f"{len(tables['organisations'])} charities operating in {area}")


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


def load_graph(source: "Source | str"):
    """Load a dataset straight into its graph (from a file or from Neo4j), printing warnings on stderr."""
    from .load import read_graph

    if isinstance(source, Source) and source.neo4j is not None:
        from .graph import build_graph

        # the whole dataset is pulled only for the analyses no named query answers (feeds, plan, map)
        with open_store(source.uri, source.username, source.database) as store:
            return build_graph(store.pull(source.neo4j))
    graph, warnings = read_graph(source.path if isinstance(source, Source) else source, progress=progress)
    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    return graph


def emit(fmt: str, data: dict, header: list[str], rows: list[list], title: str = "", notes: list[str] = ()) -> None:
    """Print one result as JSON (the whole ``data``), CSV (``rows``) or a text table."""
    if fmt == "json":
        click.echo(to_json(data))
    elif fmt == "csv":
        click.echo(to_csv(header, rows), nl=False)
    else:
        if title:
            click.echo(_wrap("", [title]))
        click.echo(text_table(header, rows) if rows else "(none)")
        for note in notes:
            click.echo(_wrap("", [note]))


@cli.command()
@graph_source
@click.option("--partnership", "-p", required=True, help="The partnership id.")
@click.option("--from", "origin", default=None, help="An organisation id: print its shortest route(s) to the partnership.")
@format_option()
@as_of_option
@handle_errors
def reach(dataset, partnership, origin, fmt, as_of):
    """The organisations that can get their voice to a partnership, nearest first.

    Example: engagemap reach examples/hackney --partnership th-board
    """
    from .reaching import reach as compute, routes

    if dataset.neo4j is not None:  # answered by the named queries reach and routes
        from . import neo4j_analyses

        with open_store(dataset.uri, dataset.username, dataset.database) as store:
            result = neo4j_analyses.reach(store, dataset.neo4j, partnership)
            found = neo4j_analyses.routes(store, dataset.neo4j, origin, partnership) if origin is not None else []
    else:
        graph = load_graph(dataset)
        result = compute(graph, partnership, as_of=_as_date(as_of))
        found = routes(graph, origin, partnership) if origin is not None else []
    if origin is not None:
        data = {"partnership": partnership, "from": origin, "routes": found}
        if fmt == "table":
            click.echo(f"Routes from {origin} to {partnership}:" if found else
                       f"{origin} does not reach {partnership}.")
            for r in found:
                click.echo(_wrap("  ", [" -> ".join(r)]))
            return
        emit(fmt, data, ["route", "path"], [[i + 1, " -> ".join(r)] for i, r in enumerate(found)])
        return
    data = result.as_dict()
    rows = [[o.id, o.sector, o.distance, o.count] for o in result.organisations]
    sectors = ", ".join(f"{k} {v}" for k, v in result.by_sector.items())
    emit(fmt, data, ["organisation", "sector", "distance", "count"], rows,
         f"Reach of {partnership}: {result.total} organisations ({sectors})",
         [f"Communities served: {', '.join(result.communities) or '(none)'}"])


@cli.command()
@graph_source
@click.option("--organisation", "-o", required=True, help="The organisation id.")
@format_option()
@as_of_option
@handle_errors
def feeds(dataset, organisation, fmt, as_of):
    """Every partnership an organisation reaches, with distance and route.

    Example: engagemap feeds examples/hackney --organisation vcs-orgs-youth
    """
    from .reaching import feeds as compute

    found = compute(load_graph(dataset), organisation)
    data = {"organisation": organisation, "partnerships": [f.as_dict() for f in found]}
    if fmt == "table":
        click.echo(f"{organisation} reaches {len(found)} partnership{'s' if len(found) != 1 else ''}:")
        for f in found:
            click.echo(f"  {f.partnership} ({f.level}), distance {f.distance}")
            click.echo(_wrap("    ", [" -> ".join(f.route)]))
        return
    emit(fmt, data, ["partnership", "level", "distance", "route"],
         [[f.partnership, f.level, f.distance, " -> ".join(f.route)] for f in found])


@cli.command()
@graph_source
@click.option("--partnership", "-p", default=None, help="One partnership id (default: all).")
@click.option("--max-seats", type=click.IntRange(min=0), default=3, show_default=True,
              help="Holders with more filled seats than this are overloaded.")
@format_option()
@as_of_option
@handle_errors
def gaps(dataset, partnership, max_seats, fmt, as_of):
    """Representation gaps and composition problems, for one partnership or all.

    Example: engagemap gaps examples/gloucester --partnership executive
    """
    from .representation import gaps as compute

    if dataset.neo4j is not None:  # answered by named queries (see graphmodel.neo4j_analyses.gaps)
        from . import neo4j_analyses

        with open_store(dataset.uri, dataset.username, dataset.database) as store:
            result = neo4j_analyses.gaps(store, dataset.neo4j, partnership, as_of=_as_date(as_of),
                                         max_seats=max_seats)
    else:
        graph = load_graph(dataset)
        if len(graph) >= 50_000:
            progress("computing the gaps of every partnership")
        result = compute(graph, partnership, as_of=_as_date(as_of), max_seats=max_seats)
    if fmt == "json":
        click.echo(to_json(result.as_dict()))
        return
    header = ["partnership", "seats", "filled", "vcs", "vcs_share", "unrepresented", "unreached", "breaches",
              "vacant", "expired", "no_report_back"]
    rows = [[p.id, p.seats, p.filled, p.vcs_seats, p.vcs_share, p.unrepresented, p.unreached,
             [b.rule for b in p.breaches], p.vacant_seats, p.expired_seats, p.seats_without_reporting_back]
            for p in result.partnerships]
    if fmt == "csv":
        click.echo(to_csv(header, rows), nl=False)
        return
    for p in result.partnerships:
        click.echo(_wrap("", [f"== {p.id}: {p.name} ({p.level})"]))
        click.echo(f"   seats {p.seats}, filled {p.filled}, VCS {p.vcs_seats} ({p.vcs_share:.0%})")
        for label, values in (("represented", p.represented), ("unrepresented", p.unrepresented),
                              ("unreached", p.unreached), ("vacant seats", p.vacant_seats),
                              ("expired terms", p.expired_seats),
                              ("no reporting back", p.seats_without_reporting_back)):
            if values:
                click.echo(_wrap(f"   {label}: ", values))
        for b in p.breaches:
            click.echo(_wrap("   ", [f"BREACH {b.rule}: {b.detail}"]))
    click.echo("== across the dataset")
    click.echo(_wrap("   partnerships with no VCS seat: ", result.no_vcs_seats or ["(none)"]))
    over = [f"{h['id']} ({h['seats']})" for h in result.overloaded_holders]
    click.echo(_wrap(f"   holders of more than {max_seats} seats: ", over or ["(none)"]))
    click.echo(_wrap("   organisations connected to nothing: ", result.unconnected_organisations or ["(none)"]))


def _wrap(prefix: str, values, width: int = 80) -> str:
    import textwrap

    return textwrap.fill(", ".join(str(v) for v in values), width=width, initial_indent=prefix,
                         subsequent_indent=" " * min(len(prefix), 6), break_on_hyphens=False)


@cli.command()
@graph_source
@click.option("--seat", "-s", default=None, help="A seat id: its reporting-back audience.")
@click.option("--partnership", "-p", default=None,
              help="A partnership id: which organisations in its reach hear back.")
@format_option()
@as_of_option
@handle_errors
def paths(dataset, seat, partnership, fmt, as_of):
    """Reporting-back routes, for one seat or for a partnership.

    Example: engagemap paths examples/hackney --seat better-homes-tenants
    """
    from .reporting import audience, hearing

    if (seat is None) == (partnership is None):
        raise click.UsageError("give exactly one of --seat or --partnership")
    if dataset.neo4j is not None:  # answered by the named queries seat, seat_audience, hearing_seats, reach
        from . import neo4j_analyses

        with open_store(dataset.uri, dataset.username, dataset.database) as store:
            if seat is not None:
                seat_result = neo4j_analyses.audience(store, dataset.neo4j, seat)
            else:
                partnership_result = neo4j_analyses.hearing(store, dataset.neo4j, partnership)
    else:
        graph = load_graph(dataset)
        if seat is not None:
            seat_result = audience(graph, seat)
        else:
            partnership_result = hearing(graph, partnership)
    if seat is not None:
        result = seat_result
        for w in result.warnings:
            click.echo(f"warning: {w}", err=True)
        emit(fmt, result.as_dict(), ["id", "type", "distance"],
             [[m.id, m.type, m.distance] for m in result.audience],
             f"Seat {seat} on {result.partnership} reports back to "
             f"{', '.join(result.reports_back_to) or 'no one'}; audience {result.total} organisations")
        return
    result = partnership_result
    emit(fmt, result.as_dict(), ["organisation", "distance", "count", "hears_back", "from_seats"],
         [[o.id, o.distance, o.count, o.hears_back, o.from_seats] for o in result.organisations],
         f"{partnership}: {result.hearing_total} organisations hear back, "
         f"{result.silent_total} feed in but hear nothing back")


@cli.command()
@graph_source
@click.option("--partnership", "-p", required=True, help="The partnership id.")
@click.option("--add", "add", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many networks or organisations to choose.")
@click.option("--candidates", type=click.Choice(["any", "networks", "organisations"]), default="any",
              show_default=True, help="What may be chosen.")
@format_option()
@as_of_option
@handle_errors
def plan(dataset, partnership, add, candidates, fmt, as_of):
    """Where connecting a network would add the most voice to a partnership.

    Greedy and deterministic: first the most new communities, then the most
    organisations (weighted by count).

    Example: engagemap plan examples/hackney --partnership th-board --add 3
    """
    from .planning import plan as compute

    result = compute(load_graph(dataset), partnership, add=add, candidates=candidates)
    emit(fmt, result.as_dict(), ["rank", "id", "type", "adds_communities", "adds_organisations"],
         [[p.rank, p.id, p.type, p.adds_communities, p.adds_organisations] for p in result.picks],
         f"Plan for {partnership}: {len(result.picks)} pick(s)",
         [f"{p.rank}. {p.explanation}" for p in result.picks])


@cli.command()
@click.option("--areas", type=click.IntRange(min=1), default=1, show_default=True, help="How many local areas.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same bytes.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The folder to write.")
@handle_errors
def synth(areas, seed, output):
    """Write a realistic synthetic dataset (CSV folder) for trying things out and benchmarks.

    Each area has ~2,000 organisations, ~60 networks, ~43 partnerships and
    ~300 seats; every ten areas share a county board.

    Example: engagemap synth --areas 1 --seed 1 -o /tmp/borough
    """
    from .synthetic import write_synthetic

    write_synthetic(output, areas, seed)
    click.echo(f"wrote {output}", err=True)


@cli.command(name="map")
@graph_source
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The file to write: .html (interactive), .svg or .png (a picture for handouts).")
@click.option("--partnership", "-p", default=None, help="Only that body, what feeds into it, and its routes back.")
@click.option("--community", "-c", default=None, help="Only the routes from groups serving that community to power.")
@click.option("--aggregate", type=click.IntRange(min=0), default=None,
              help="Fold the members of a network with more than N organisations into one node "
                   "(default 12; 0 shows every organisation).")
@click.option("--show-people", is_flag=True, help="Include people's names (personal data; left out otherwise).")
@click.option("--title", default=None, help="The map's title.")
@click.option("--show-funding", is_flag=True, help="Draw funds links (grants from funders, see import 360giving).")
@as_of_option
@handle_errors
def map_command(dataset, output, partnership, community, aggregate, show_people, title, show_funding, as_of):
    """Draw the interactive map of engagement opportunities: one standalone page that works offline.

    Example: engagemap map examples/hackney -o hackney.html
    """
    from graphmodel.viz import DEFAULT_AGGREGATE, build_map, write_map

    model = build_map(load_graph(dataset), partnership=partnership, community=community,
                      aggregate=DEFAULT_AGGREGATE if aggregate is None else aggregate,
                      show_people=show_people, title=title, as_of=_as_date(as_of), show_funding=show_funding)
    write_map(model, output)
    click.echo(f"wrote {output}: {model.caption}", err=True)


def open_store(uri: str, username: str, database: str | None):
    import logging

    from .store import Neo4jStore

    logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # the driver's own notices are not for users
    password = os.environ.get("NEO4J_PASSWORD")
    netloc = uri.partition("://")[2].partition("/")[0]
    if password is None and ":" in netloc.rpartition("@")[0]:
        password = ""  # the address carries user:password (taken out of it before any message)
    if password is None:
        if not sys.stdin.isatty():
            raise EngagemapError("set NEO4J_PASSWORD (or run in a terminal to be asked for it)")
        password = click.prompt(f"Neo4j password for {username}", hide_input=True)
    return Neo4jStore(uri, username, password, database)


@cli.group()
def neo4j():
    """Share the map in a Neo4j database: push a dataset, pull it back, run named queries.

    Connection: --uri, --username, --database or NEO4J_URI, NEO4J_USERNAME,
    NEO4J_DATABASE; the password from NEO4J_PASSWORD or a prompt.
    """


@neo4j.command()
@dataset_argument
@connection_options
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
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
    from .writers import write_csv_folder

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
    from .store import QUERIES, query_parameters

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
    with open_store(uri, username, database) as store:
        records = store.query(name, values)
    if fmt == "json":
        click.echo(to_json(records))
    else:
        header = list(records[0]) if records else ["(no rows)"]
        click.echo(text_table(header, [[r[h] for h in header] for r in records]))


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


if __name__ == "__main__":
    main()
