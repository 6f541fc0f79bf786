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
from .output import printable, text_table, to_csv, to_json

__all__ = ["cli", "main", "CommandError"]


def _echo_problems(problems, warnings) -> None:
    for w in warnings:
        click.echo(printable(f"warning: {w}"), err=True)
    for p in problems:
        click.echo(printable(f"error: {p}"), err=True)


class CommandError(click.ClickException):
    """Every error the library raises on purpose, on its way out of a command: its lines on
    standard error (no traceback) and exit status 2. Anything else leaving a command is a bug:
    :func:`main` reports it as an unexpected failure with status 1."""

    exit_code = 2

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = list(lines)

    @classmethod
    def of(cls, err: EngagemapError) -> "CommandError":
        """The lines for ``err``, control characters escaped for the terminal (see output.printable)."""
        if isinstance(err, DatasetError):
            count = len(err.problems)
            return cls([printable(f"warning: {w}") for w in err.warnings]
                       + [printable(f"error: {p}") for p in err.problems]
                       + [f"{count} problem{'s' if count != 1 else ''} found"])
        return cls([printable(f"error: {err}")])

    def show(self, file=None) -> None:
        for line in self.lines:
            click.echo(line, err=True)


def handle_errors(func):
    """Turn library errors into a :class:`CommandError` (message on stderr, exit status 2)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except EngagemapError as err:
            raise CommandError.of(err) from None
        except MemoryError:
            raise CommandError(["error: this machine ran out of memory before the command could finish; nothing "
                                "was written"]) from None

    return wrapper


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


def _as_date(value) -> date:
    return value.date() if value is not None else date.today()


OWNS_PROCESS = False  # set by main(): the console command, not a caller running cli in its own process


def settled(loaded):
    """When the command owns its process (started through :func:`main`, which turns the cyclic collector
    off while the dataset loads), what it just loaded is moved out of the collector's sight
    (:func:`gc.freeze`) and the collector turned back on: the analysis' collections then do not walk
    millions of loaded objects again and again. The library never does this (see graphmodel.gcpause),
    nor does ``cli`` run inside another program (a test's CliRunner)."""
    if OWNS_PROCESS:
        import gc

        gc.freeze()
        gc.enable()
    return loaded


def load(path: str):
    """Load a dataset, printing its warnings on stderr."""
    from .load import read_dataset

    result = read_dataset(path)
    if result.problems:
        raise DatasetError(result.problems, result.warnings)
    for w in result.warnings:
        click.echo(printable(f"warning: {w}"), err=True)
    return settled(result.dataset)


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
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Warn about reports dated after this day, YYYY-MM-DD (default today).")
@handle_errors
def validate(dataset, fmt, as_of):
    """Check a dataset; exit 0 when valid, 2 with every problem listed.

    Example: engagemap validate examples/hackney
    """
    from .load import read_dataset

    result = read_dataset(dataset, progress=progress, as_of=_as_date(as_of))
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
    ds = result.dataset
    counts = ", ".join(f"{len(ds.rows(t))} {t}" for t in ("organisations", "networks", "partnerships", "seats"))
    click.echo(printable(f"{dataset}: valid ({counts})"))


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
    click.echo(printable(f"Dataset {data['dataset']}"))
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
@force_option
@handle_errors
def export(dataset, to, output, include_people, force):
    """Write the dataset in another container, or its graph for Gephi or Cytoscape.

    Example: engagemap export examples/hackney --to graphml -o hackney.graphml
    """
    from .exporting import export as write
    from .files import refuse_same_place

    refuse_same_place(output, dataset)
    write(load(dataset), to, output, include_people=include_people, force=force)
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


def write_imported(imported, output: str, read_line: str, force: bool = False) -> None:
    """Validate what an importer made (problems located in its input), write it as a CSV dataset
    folder and print what every input record became."""
    from graphmodel.importers.imported import validated, write_imported as write

    dataset = validated(imported, name=os.path.basename(os.path.normpath(output)))
    write(imported, dataset, output, force=force)
    for w in imported.warnings:
        click.echo(f"warning: {w}", err=True)
    for note in imported.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(read_line)
    for what, count in imported.counts.items():
        click.echo(f"  {count:>7,}  {what}")
    written = ", ".join(f"{len(dataset.rows(t)):,} {t}" for t in ("organisations", "networks", "partnerships",
                                                                "communities", "memberships", "seats", "links",
                                                                "people") if dataset.rows(t))
    click.echo(f"wrote {output}: {written or 'no rows'}")
    if imported.warnings:
        count = len(imported.warnings)
        click.echo(f"{count:,} warning{'s' if count != 1 else ''} (above, each located in the input)", err=True)


@import_group.command(name="popolo")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The dataset folder to write.")
@click.option("--seat-per-membership", is_flag=True,
              help="Give a role-only membership (Mayor of a council the person also sits on) a seat of its own "
                   "instead of making it the role of the person's seat.")
@force_option
@handle_errors
def import_popolo(file, output, seat_per_membership, force):
    """Popolo JSON into the dataset format: bodies' memberships become seats, party memberships
    affiliations, organisations' memberships network memberships; each counted.

    Example: engagemap import popolo council-bodies.json -o council-bodies
    """
    from graphmodel.importers.popolo import read_popolo

    from .files import refuse_same_place

    refuse_same_place(output, file)
    imported = read_popolo(file, join_roles=not seat_per_membership)
    write_imported(imported, output, f"read {file}: {imported.read_line}", force)


@import_group.command(name="360giving")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The dataset folder to write.")
@force_option
@handle_errors
def import_360giving(file, output, force):
    """Grants in the 360Giving Data Standard (CSV, XLSX or JSON) as funders, recipients and funds
    links (one link per funder and recipient, carrying the total); bad grants skipped and reported.

    Example: engagemap import 360giving grants.csv -o grants
    """
    from graphmodel.importers.threesixtygiving import read_grants

    from .files import refuse_same_place

    refuse_same_place(output, file)
    imported = read_grants(file)
    write_imported(imported, output, f"read {file}: {imported.read_line}", force)


@import_group.command(name="charity-commission")
@click.option("--extract", required=True, type=click.Path(exists=False),
              help="The register extract: a folder of publicextract.*.zip, .json or .txt files, or one zip of them.")
@click.option("--area", required=True, help="The local authority area, as you write it (e.g. Westminster, "
                                            "London Borough of Hackney).")
@click.option("--include-region", is_flag=True,
              help="Also the charities operating throughout the region or country that covers the area "
                   "(Throughout London for a London borough; Wales; else England), marked as such.")
@click.option("--include-national", is_flag=True,
              help="Also the charities operating throughout England and Wales (tens of thousands in the full "
                   "register).")
@click.option("--include-removed", is_flag=True, help="Keep removed charities, as inactive organisations.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The dataset folder to write.")
@force_option
@handle_errors
def import_charity_commission(extract, area, include_region, include_national, include_removed, output, force):
    """The registered charities operating in one local authority area, as organisations.

    Example: engagemap import charity-commission --extract ccew --area Hackney -o hackney-charities
    """
    from graphmodel.importers.charity_commission import read_extract

    from .files import refuse_same_place

    refuse_same_place(output, extract)
    imported = read_extract(extract, area, progress=progress, include_region=include_region,
                            include_national=include_national, include_removed=include_removed)
    write_imported(imported, output, f"read {extract}: {imported.read_line}", force)


@cli.command()
@click.argument("base", type=click.Path(path_type=str))
@click.argument("addition", type=click.Path(path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(),
              help="The merged dataset: a folder (CSV), .xlsx, .json or .yaml.")
@click.option("--prefer", type=click.Choice(["base", "addition"]), default="base", show_default=True,
              help="Whose value to keep when a matched row states a fact differently.")
@format_option("table", "json")
@force_option
@handle_errors
def merge(base, addition, output, prefer, fmt, force):
    """Merge ADDITION (e.g. an imported register or grant file) into BASE, writing OUTPUT.

    Organisations are matched on a shared identifier (org-id) first, then on id;
    each row is reported as matched, conflicting (BASE's value kept unless
    --prefer addition) or added. Nothing is overwritten silently; the result is
    validated and written atomically.

    Example: engagemap merge examples/hackney hackney-charities -o hackney-merged
    """
    from .files import refuse_same_place
    from .load import read_dataset
    from .merging import merge as combine, write_dataset

    refuse_same_place(output, base, addition)
    merged = combine(load(base), load(addition), prefer=prefer,
                     name=os.path.splitext(os.path.basename(os.path.normpath(output)))[0])
    write_dataset(merged.dataset, output, force=force)
    check = read_dataset(output)
    if check.problems:
        raise DatasetError(check.problems, check.warnings)
    report = merged.report
    for w in report.warnings:
        click.echo(f"warning: {w}", err=True)
    if fmt == "json":
        click.echo(to_json({"base": base, "addition": addition, "output": output, "prefer": prefer,
                            **report.as_dict()}))
        return
    counts = report.counts()
    rows = [[t, c["matched"], c["conflicting"], c["added"]] for t, c in counts.items()]
    click.echo(text_table(["table", "matched", "conflicting", "added"], rows) if rows else "(nothing in ADDITION)")
    for m in report.matched:
        if m.how != "id" and m.how != "the same ends":
            click.echo(f"matched by {m.how}: {m.table} {m.addition_id!r} is {m.id!r}")
    for c in report.conflicting:
        click.echo(f"conflicting: {c.table} {c.id!r}, {c.field}: BASE {c.base!r}, ADDITION {c.addition!r}; "
                   f"kept {c.kept.upper()}")
    for table, old, new in report.renamed:
        click.echo(f"renamed: {table} {old!r} from ADDITION is {new!r} (the id is taken in BASE)")
    click.echo(f"wrote {output}: valid ({', '.join(f'{len(merged.dataset.rows(t)):,} {t}' for t in TABLES_SHOWN)})")


TABLES_SHOWN = ("organisations", "networks", "partnerships", "communities", "seats", "links")


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


def load_graph(source: "Source | str", day: date, *, warn_after: bool = False):
    """Load a dataset straight into its graph (from a file or from Neo4j) as it stood on ``day`` (every
    analysis passes its --as-of day: memberships not yet begun or already ended left out, see
    graphmodel.dated), printing warnings on stderr (with ``warn_after``, as ``gaps`` and ``paths`` do:
    a warning for each report dated after ``day``)."""
    from .dated import in_force
    from .load import read_graph

    if isinstance(source, Source) and source.neo4j is not None:
        from .graph import build_graph

        # the whole dataset is pulled only for the analyses no named query answers (feeds, plan, map)
        with open_store(source.uri, source.username, source.database) as store:
            graph = build_graph(store.pull(source.neo4j))
    else:
        graph, warnings = read_graph(source.path if isinstance(source, Source) else source, progress=progress,
                                     as_of=day if warn_after else None)
        for w in warnings:
            click.echo(printable(f"warning: {w}"), err=True)
    return settled(in_force(graph, day))


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
            day = _as_date(as_of)
            result = neo4j_analyses.reach(store, dataset.neo4j, partnership, as_of=day)
            found = neo4j_analyses.routes(store, dataset.neo4j, origin, partnership, as_of=day) \
                if origin is not None else []
    else:
        graph = load_graph(dataset, _as_date(as_of))
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
@click.option("--organisation", required=True,
              help="The organisation id (no short form: -o is the output everywhere else).")
@format_option()
@as_of_option
@handle_errors
def feeds(dataset, organisation, fmt, as_of):
    """Every partnership an organisation reaches, with distance and route.

    Example: engagemap feeds examples/hackney --organisation vcs-orgs-youth
    """
    from .reaching import feeds as compute

    found = compute(load_graph(dataset, _as_date(as_of)), organisation)
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
@click.option("--expiring-within", "expiring_within", type=click.IntRange(min=0), default=90, show_default=True,
              metavar="DAYS", help="A filled seat whose term ends within DAYS after --as-of is expiring.")
@click.option("--stale-after", "stale_after", type=click.IntRange(min=0), default=6, show_default=True,
              metavar="MONTHS", help="A seat whose newest report is older than MONTHS before --as-of is stale.")
@format_option()
@as_of_option
@handle_errors
def gaps(dataset, partnership, max_seats, expiring_within, stale_after, fmt, as_of):
    """Representation gaps and composition problems, for one partnership or all.

    Example: engagemap gaps examples/gloucester --partnership executive
    """
    from .representation import gaps as compute

    if dataset.neo4j is not None:  # answered by the named gaps queries (FORMAT.md sections 4 and 5)
        from . import neo4j_analyses

        with open_store(dataset.uri, dataset.username, dataset.database) as store:
            result = neo4j_analyses.gaps(store, dataset.neo4j, partnership, as_of=_as_date(as_of),
                                         max_seats=max_seats, expiring_within=expiring_within,
                                         stale_after=stale_after)
    else:
        graph = load_graph(dataset, _as_date(as_of), warn_after=True)
        if len(graph) >= 50_000:
            progress("computing the gaps of every partnership")
        result = compute(graph, partnership, as_of=_as_date(as_of), max_seats=max_seats,
                         expiring_within=expiring_within, stale_after=stale_after)
    if fmt == "json":
        click.echo(to_json(result.as_dict()))
        return
    header = ["partnership", "seats", "filled", "vcs", "vcs_share", "unrepresented", "unreached", "breaches",
              "vacant", "expired", "no_report_back", "voting", "vcs_voting", "vcs_voting_share", "non_voting",
              "deputies", "reserved_vacant", "expiring", "stale_reporting", "never_reported"]
    rows = [[p.id, p.seats, p.filled, p.vcs_seats, p.vcs_share, p.unrepresented, p.unreached,
             [b.rule for b in p.breaches], p.vacant_seats, p.expired_seats, p.seats_without_reporting_back,
             p.voting_seats, p.vcs_voting_seats, p.vcs_voting_share, p.non_voting_seats, p.deputy_seats,
             [r["seat"] for r in p.reserved_vacant], p.expiring_seats,
             [f"{r['seat']} ({r['last_reported'].isoformat()})" for r in p.stale_reporting], p.never_reported]
            for p in result.partnerships]
    if fmt == "csv":
        click.echo(to_csv(header, rows), nl=False)
        return
    for p in result.partnerships:
        click.echo(_wrap("", [f"== {p.id}: {p.name} ({p.level})"]))
        click.echo(f"   seats {p.seats}, filled {p.filled}, VCS {p.vcs_seats} ({p.vcs_share:.0%}); "
                   f"voting {p.voting_seats}, VCS voting {p.vcs_voting_seats} ({p.vcs_voting_share:.0%})")
        for label, values in (("represented", p.represented), ("unrepresented", p.unrepresented),
                              ("unreached", p.unreached), ("vacant seats", p.vacant_seats),
                              ("vacant reserved places", [f"{r['seat']} (for {', '.join(r['reserved_for'])})"
                                                          for r in p.reserved_vacant]),
                              ("non-voting seats", p.non_voting_seats), ("deputies", p.deputy_seats),
                              ("expired terms", p.expired_seats),
                              (f"terms ending within {expiring_within} days", p.expiring_seats),
                              ("no reporting back", p.seats_without_reporting_back),
                              (f"no report for {stale_after} months",
                               [f"{r['seat']} (last {r['last_reported'].isoformat()})" for r in p.stale_reporting]),
                              ("never reported back", p.never_reported)):
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

    return printable(textwrap.fill(", ".join(str(v) for v in values), width=width, initial_indent=prefix,
                                   subsequent_indent=" " * min(len(prefix), 6), break_on_hyphens=False))


@cli.command()
@graph_source
@click.option("--seat", "-s", default=None, help="A seat id: its reporting-back audience.")
@click.option("--partnership", "-p", default=None,
              help="A partnership id: which organisations in its reach hear back.")
@click.option("--stale-after", "stale_after", type=click.IntRange(min=0), default=6, show_default=True,
              metavar="MONTHS", help="A seat whose newest report is older than MONTHS before --as-of is stale.")
@format_option()
@as_of_option
@handle_errors
def paths(dataset, seat, partnership, stale_after, fmt, as_of):
    """Reporting-back routes, for one seat (with the evidence that they were used) or for a partnership.

    Example: engagemap paths examples/hackney --seat better-homes-tenants
    """
    from .reporting import audience, hearing

    if (seat is None) == (partnership is None):
        raise click.UsageError("give exactly one of --seat or --partnership")
    if dataset.neo4j is not None and partnership is not None:  # the named queries hearing_seats and reach
        from . import neo4j_analyses

        with open_store(dataset.uri, dataset.username, dataset.database) as store:
            partnership_result = neo4j_analyses.hearing(store, dataset.neo4j, partnership, as_of=_as_date(as_of))
    else:  # a seat's audience with the evidence of the reports table: pulled from Neo4j, answered by the library
        graph = load_graph(dataset, _as_date(as_of), warn_after=True)
        if seat is not None:
            seat_result = audience(graph, seat, as_of=_as_date(as_of), stale_after=stale_after)
        else:
            partnership_result = hearing(graph, partnership)
    if seat is not None:
        result = seat_result
        for w in result.warnings:
            click.echo(printable(f"warning: {w}"), err=True)
        e = result.evidence
        used = (f"last reported {e.last_reported.isoformat()} to {e.last_to}"
                + (f" by {e.last_channel}" if e.last_channel else "")
                + f"; {e.in_last_year} report{'s' if e.in_last_year != 1 else ''} in the year to "
                  f"{_as_date(as_of).isoformat()}" if e.last_reported else "no report recorded")
        emit(fmt, result.as_dict(), ["id", "type", "distance"],
             [[m.id, m.type, m.distance] for m in result.audience],
             f"Seat {seat} on {result.partnership} reports back to "
             f"{', '.join(result.reports_back_to) or 'no one'}; audience {result.total} organisations; {used}")
        return
    result = partnership_result
    emit(fmt, result.as_dict(), ["organisation", "distance", "count", "hears_back", "from_seats"],
         [[o.id, o.distance, o.count, o.hears_back, o.from_seats] for o in result.organisations],
         f"{partnership}: {result.hearing_total} organisations hear back, "
         f"{result.silent_total} feed in but hear nothing back")


@cli.command()
@graph_source
@click.option("--partnership", "-p", required=True, help="The partnership id.")
@click.option("--add", "add", type=click.IntRange(min=1), default=None,
              help="How many networks or organisations to choose (default 5, or as many as --budget allows).")
@click.option("--candidates", type=click.Choice(["any", "networks", "organisations"]), default="any",
              show_default=True, help="What may be chosen.")
@click.option("--goal", type=click.Choice(["communities", "organisations"]), default="communities",
              show_default=True, help="communities: unrepresented communities first, weighted by population where "
                                      "given; organisations: the most organisations.")
@click.option("--sector", type=click.Choice(["vcs"]), default=None, help="Only VCS candidates.")
@click.option("--budget", type=click.FloatRange(min=0), default=None, help="The money there is for new networks.")
@click.option("--cost-per-network", type=click.FloatRange(min=0), default=None,
              help="What connecting (resourcing) one network costs, e.g. 10000.")
@click.option("--reserved", is_flag=True,
              help="Instead: for each vacant reserved place, which communities and which holders would close gaps.")
@format_option()
@as_of_option
@handle_errors
def plan(dataset, partnership, add, candidates, goal, sector, budget, cost_per_network, reserved, fmt, as_of):
    """Where connecting a network would add the most voice to a partnership, and who should fill
    its reserved places.

    Greedy and deterministic: by default the most people in communities neither represented nor
    reached, then the most such communities, then the most organisations (weighted by count).

    Example: engagemap plan examples/hackney --partnership th-board --sector vcs --budget 50000 --cost-per-network 10000
    """
    from .planning import plan as compute, reserved_places

    if (budget is None) != (cost_per_network is None):
        raise click.UsageError("give --budget and --cost-per-network together")
    graph = load_graph(dataset, _as_date(as_of))
    if reserved:
        found = reserved_places(graph, partnership)
        rows = [[p.seat, p.reserved_for, p.communities, h.id, h.reaches, h.closes]
                for p in found.places for h in (p.candidates or [None]) if h is not None] + \
               [[p.seat, p.reserved_for, p.communities, "", "", ""] for p in found.places if not p.candidates]
        if fmt != "table":
            emit(fmt, found.as_dict(), ["seat", "reserved_for", "communities", "candidate", "reaches", "closes"],
                 rows)
            return
        click.echo(f"Vacant reserved places on {partnership}: {len(found.places)}")
        for p in found.places:
            click.echo(_wrap("  ", [p.explanation]))
            for h in p.candidates:
                click.echo(_wrap("    - ", [h.explanation]))
        click.echo(_wrap("", [f"Unrepresented if every proposal is taken up: "
                              f"{', '.join(found.still_unrepresented) or '(none)'}"]))
        return
    if add is None and budget is None:
        add = 5
    result = compute(graph, partnership, add=add, candidates=candidates, goal=goal, sector=sector, budget=budget,
                     cost_per_network=cost_per_network)
    emit(fmt, result.as_dict(), ["rank", "id", "type", "adds_communities", "adds_organisations"],
         [[p.rank, p.id, p.type, p.adds_communities, p.adds_organisations] for p in result.picks],
         f"Plan for {partnership}: {len(result.picks)} pick(s)",
         [f"{p.rank}. {p.explanation}" for p in result.picks] + [result.note])


@cli.command()
@click.option("--areas", type=click.IntRange(min=1), default=1, show_default=True, help="How many local areas.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same bytes.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The folder to write.")
@force_option
@handle_errors
def synth(areas, seed, output, force):
    """Write a realistic synthetic dataset (CSV folder) for trying things out and benchmarks.

    Each area has ~2,000 organisations, ~60 networks, ~43 partnerships and
    ~300 seats; every ten areas share a county board.

    Example: engagemap synth --areas 1 --seed 1 -o /tmp/borough
    """
    from .synthetic import write_synthetic

    write_synthetic(output, areas, seed, force=force)
    click.echo(f"wrote {output}", err=True)


@cli.command(name="map")
@graph_source
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The file to write: .html (interactive), .svg, .png or .pdf (an A3 poster).")
@click.option("--partnership", "-p", default=None, help="Only that body, what feeds into it, and its routes back.")
@click.option("--community", "-c", default=None, help="Only the routes from groups serving that community to power.")
@click.option("--aggregate", type=click.IntRange(min=0), default=None,
              help="Fold the members of a network with more than N organisations into one node "
                   "(default 12; 0 shows every organisation).")
@click.option("--show-people", is_flag=True, help="Include people's names (personal data; left out otherwise).")
@click.option("--title", default=None, help="The map's title.")
@click.option("--show-funding", is_flag=True, help="Draw funds links (grants from funders, see import 360giving).")
@click.option("--story", "story", is_flag=False, flag_value="generated", default=None, metavar="[FILE]",
              help="Add steps to click through (Next/Previous, arrow keys): made from the analyses when given "
                   "alone, or read from a story FILE (YAML: title, caption, focus, filters per step).")
@click.option("--screen", default="1280x720", show_default=True, metavar="WxH",
              help="The projector or screen the first view is laid out for, e.g. 1024x768 for a 4:3 projector.")
@as_of_option
@handle_errors
def map_command(dataset, output, partnership, community, aggregate, show_people, title, show_funding, story, screen,
                as_of):
    """Draw the interactive map of engagement opportunities: one standalone page that works offline.

    Example: engagemap map examples/hackney -o hackney.html
    """
    from graphmodel.viz import DEFAULT_AGGREGATE, build_map, write_map
    from graphmodel.viz.mapmodel import display_name

    graph = load_graph(dataset, _as_date(as_of))
    model = build_map(graph, partnership=partnership, community=community,
                      aggregate=DEFAULT_AGGREGATE if aggregate is None else aggregate,
                      show_people=show_people, title=title, as_of=_as_date(as_of), show_funding=show_funding,
                      name=display_name(dataset.path) if dataset.path else None, screen=_screen(screen))
    steps = None
    if story == "generated":
        from graphmodel.viz.story import generated_story

        steps = generated_story(graph, model)
    elif story is not None:
        from graphmodel.viz.story import read_story

        steps = read_story(story, model)
    write_map(model, output, story=steps)
    click.echo(f"wrote {output}: {model.caption}" + (f"; a story of {len(steps)} steps" if steps else ""), err=True)


def _screen(text: str) -> tuple[int, int]:
    """``1280x720`` as (1280, 720); anything else is a usage error."""
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit() and 320 <= int(width) <= 10000 and 240 <= int(height) <= 10000):
        raise click.BadParameter(f"{text!r} is not a screen size such as 1280x720", param_hint="--screen")
    return int(width), int(height)


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


# ---------------------------------------------------------------- issue 16: resilience, diff, terms, report


@cli.command()
@graph_source
@click.option("--partnership", "-p", required=True, help="The partnership id.")
@click.option("--top", type=click.IntRange(min=1), default=None, help="Only the N worst points.")
@format_option()
@as_of_option
@handle_errors
def resilience(dataset, partnership, top, fmt, as_of):
    """Single points of failure: which network, seat, organisation or body, if lost, cuts groups off.

    Example: engagemap resilience examples/gloucester --partnership executive --top 5
    """
    from .failures import resilience as compute

    result = compute(load_graph(dataset, _as_date(as_of)), partnership, top=top)
    rows = [[p.id, p.type, p.name, p.cuts_organisations, p.cuts_communities] for p in result.points]
    if fmt == "table":
        click.echo(_wrap("", [f"Single points of failure of {partnership} ({result.name}): "
                              f"{len(result.points)} shown; its reach is {result.reach_total} organisations"]))
        for p in result.points:
            lost = f"; no one left would serve {', '.join(p.cuts_communities)}" if p.cuts_communities else ""
            click.echo(_wrap("  ", [f"{p.id} ({p.type}): losing it cuts {p.cuts_organisations} of "
                                    f"{result.reach_total} organisations off{lost}"]))
        if not result.points:
            click.echo("  (none: every organisation in the reach has a second route)")
        return
    emit(fmt, result.as_dict(), ["id", "type", "name", "cuts_organisations", "cuts_communities"], rows)


@cli.command()
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@click.option("--include-people", is_flag=True, help="Show changes to people's names (personal data; withheld otherwise).")
@format_option()
@as_of_option
@handle_errors
def diff(old, new, include_people, fmt, as_of):
    """What changed between two versions of a dataset (any two containers): rows added, removed and
    changed, and each partnership's representation and rules.

    Example: engagemap diff last-year.xlsx examples/hackney
    """
    from .diffing import diff as compute

    result = compute(load(old), load(new), as_of=_as_date(as_of), include_people=include_people)
    if fmt == "json":
        click.echo(to_json(result.as_dict()))
        return
    if fmt == "csv":
        rows = [["added", t, i, "", "", ""] for t, ids in result.added.items() for i in ids]
        rows += [["removed", t, i, "", "", ""] for t, ids in result.removed.items() for i in ids]
        rows += [["changed", t, c.id, column, a, b] for t, cs in result.changed.items() for c in cs
                 for column, (a, b) in c.fields.items()]
        for g in result.gaps:
            rows += [[key, "partnerships", g.partnership, "community", "", c]
                     for key in ("newly_unrepresented", "newly_represented") for c in getattr(g, key)]
            rows += [["new_breach", "partnerships", g.partnership, b["rule"], "", b["detail"]] for b in g.new_breaches]
            rows += [["resolved_breach", "partnerships", g.partnership, b["rule"], b["detail"], ""]
                     for b in g.resolved_breaches]
        click.echo(to_csv(["change", "table", "id", "column", "old", "new"], rows), nl=False)
        return
    click.echo(f"Changes from {old} to {new}:")
    for sentence in result.sentences() or ["No changes."]:
        click.echo(_wrap("  - ", [sentence]))


@cli.command()
@graph_source
@click.option("--within", type=click.IntRange(min=0), default=90, show_default=True,
              help="Terms ending within this many days after --as-of are listed as ending.")
@click.option("--max-seats", type=click.IntRange(min=0), default=3, show_default=True,
              help="Holders with more filled places than this are listed.")
@click.option("--partnership", "-p", default=None, help="Only the places on this partnership.")
@format_option()
@as_of_option
@handle_errors
def terms(dataset, within, max_seats, partnership, fmt, as_of):
    """Places to act on: terms ending soon, places held past their term, vacant places, holders of
    too many places; each with who selects the next holder and how.

    Example: engagemap terms examples/hackney --within 180 --as-of 2025-01-01
    """
    from .tenure import terms as compute

    result = compute(load_graph(dataset, _as_date(as_of)), as_of=_as_date(as_of), within=within, max_seats=max_seats,
                     partnership=partnership)
    sections = (("ending", result.ending), ("past_term", result.past_term), ("vacant", result.vacant))
    if fmt == "json":
        click.echo(to_json(result.as_dict()))
        return
    if fmt == "csv":
        rows = [[status, p.seat, p.partnership, p.sector, p.holder, p.term_end, p.days, p.selected_by, p.method,
                 p.next_holder] for status, places in sections for p in places]
        rows += [["overloaded", "; ".join(h.seats), "", "", h.id, "", len(h.seats), "", "", ""]
                 for h in result.overloaded]
        click.echo(to_csv(["status", "seat", "partnership", "sector", "holder", "term_end", "days", "selected_by",
                           "method", "next_holder"], rows), nl=False)
        return
    titles = {"ending": f"Terms ending within {within} days of {result.as_of.isoformat()}",
              "past_term": "Held past the end of their term", "vacant": "Vacant places"}
    for status, places in sections:
        click.echo(f"{titles[status]}: {len(places)}")
        for p in places:
            who = f"held by {p.holder_name or p.holder}" if p.holder else f"{p.sector} place"
            when = {"ending": f"ends {p.term_end} (in {p.days} days)",
                    "past_term": f"ended {p.term_end} ({p.days} days ago)", "vacant": "vacant"}[status]
            click.echo(_wrap("  - ", [f"{p.seat} on {p.partnership_name} ({who}): {when}; next holder "
                                      f"{p.next_holder}"]))
    click.echo(f"Holders of more than {max_seats} places: {len(result.overloaded)}")
    for h in result.overloaded:
        click.echo(_wrap("  - ", [f"{h.name or h.id} ({h.type}) holds {len(h.seats)}: {', '.join(h.seats)}"]))


@cli.command()
@dataset_argument
@click.option("--partnership", "-p", "partnerships", multiple=True, help="A partnership id (repeatable).")
@click.option("--all", "every", is_flag=True, help="Every partnership, one section each.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The file to write: .html, or .pdf (A4, needs Chromium).")
@click.option("--since", default=None, type=click.Path(path_type=str),
              help="An earlier version of the dataset: say what changed since.")
@click.option("--include-people", is_flag=True, help="Name the people who hold seats (personal data; left out otherwise).")
@click.option("--expiring-within", type=click.IntRange(min=0), default=90, show_default=True,
              help="List terms ending within this many days.")
@as_of_option
@handle_errors
def report(dataset, partnerships, every, output, since, include_people, expiring_within, as_of):
    """A printable health check of a partnership for its annual review: composition against its
    rules, who it represents, reporting back, terms, single points of failure, changes, suggestions, a map.

    Example: engagemap report examples/gloucester -p executive --since last-year.xlsx -o executive.pdf
    """
    from .dated import in_force
    from .diffing import diff as compare
    from .graph import build_graph
    from .healthcheck import health_check, write_report

    if bool(partnerships) == every:
        raise click.UsageError("give --partnership ID (one or more) or --all")
    current = load(dataset)
    changes = compare(load(since), current, as_of=_as_date(as_of)) if since else None
    check = health_check(in_force(build_graph(current), _as_date(as_of)), list(partnerships) if partnerships else None, as_of=_as_date(as_of),
                         changes=changes, include_people=include_people, expiring_within=expiring_within,
                         dataset=current.name)
    write_report(check, output)
    click.echo(f"wrote {output}: {len(check.sections)} partnership{'s' if len(check.sections) != 1 else ''}",
               err=True)


def main(argv=None) -> None:
    """Console entry point: no traceback reaches the user unless ENGAGEMAP_DEBUG is set."""
    global OWNS_PROCESS
    import gc
    import signal

    OWNS_PROCESS = True
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


if __name__ == "__main__":
    main()
