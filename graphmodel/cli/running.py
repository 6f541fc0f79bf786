"""What every command shares at run time: library errors turned into exit status 2, loading a
dataset (or its graph) with its warnings on stderr, progress lines and printing a result."""

from __future__ import annotations

import functools
import os
import sys
from datetime import date

import click

from ..exceptions import DatasetError, EngagemapError
from ..output import printable, text_table, to_csv, to_json
from .options import Source


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
    from ..load import read_dataset

    result = read_dataset(path)
    if result.problems:
        raise DatasetError(result.problems, result.warnings)
    for w in result.warnings:
        click.echo(printable(f"warning: {w}"), err=True)
    return settled(result.dataset)


def load_rows(path: str):
    """Read a dataset into its valid rows (``(name, rows, warnings)``, see graphmodel.load.read_rows),
    printing its warnings on stderr; the caller calls :func:`settled` once all it reads is read."""
    from ..load import read_rows

    found = read_rows(path)
    _echo_problems([], found[2])
    return found


def _same_file(one: str, other: str) -> bool:
    """Whether two paths name the same existing file or folder."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def progress(message: str) -> None:
    """Progress of a long step, on stderr (only large datasets report any)."""
    click.echo(f"... {message}", err=True)


def load_graph(source: "Source | str", day: date, *, warn_after: bool = False):
    """Load a dataset straight into its graph (from a file or from Neo4j) as it stood on ``day`` (every
    analysis passes its --as-of day: memberships not yet begun or already ended left out, see
    graphmodel.dated), printing warnings on stderr (with ``warn_after``, as ``gaps`` and ``paths`` do:
    a warning for each report dated after ``day``). The graph is an EngagementGraph, which the
    analyses and the map take without importing networkx (see graphmodel.adjacency)."""
    from ..dated import in_force
    from ..load import read_graph

    if isinstance(source, Source) and source.neo4j is not None:
        from ..graph import build_graph

        # the whole dataset is pulled only for the analyses no named query answers (feeds, plan, map)
        with open_store(source.uri, source.username, source.database) as store:
            graph = build_graph(store.pull(source.neo4j), networkx=False)
    else:
        graph, warnings = read_graph(source.path if isinstance(source, Source) else source, progress=progress,
                                     as_of=day if warn_after else None, networkx=False)
        _echo_problems([], warnings)
    return settled(in_force(graph, day))


def partnership_part(source: "Source", day: date, partnership: str | None = None, *, warn_after: bool = False,
                     hearing: bool = False, origin: str | None = None, organisation: str | None = None):
    """Issue 17: for a large CSV folder (graphmodel.load.is_large), only the part of the graph that one
    partnership's reach, resilience (and with ``hearing``, reporting back; with ``origin``, routes) read,
    or with ``organisation`` what its feeds read, picked on columns (graphmodel.subgraph); the same
    warnings and answers as :func:`load_graph`'s graph."""
    from .. import load

    if source.neo4j is not None or not load.is_large(source.path):
        return load_graph(source, day, warn_after=warn_after)
    from .. import subgraph
    from ..importers import dataset_name

    tables, numbers = _columns(source.path, day if warn_after else None)
    if organisation is not None:
        graph = subgraph.organisation_graph(tables, organisation, name=dataset_name(source.path), numbers=numbers,
                                            as_of=day, networkx=False)
    else:
        graph = subgraph.partnership_graph(tables, partnership, name=dataset_name(source.path), hearing=hearing,
                                           origin=origin, numbers=numbers, as_of=day, networkx=False)
    return settled(graph)  # built as in_force(graph, day) gives it


def columnar_gaps(path: str, partnership: str | None, options: dict):
    """``gaps`` of a large CSV folder from its columns (graphmodel.columnar_gaps), warnings on stderr
    as load_graph prints them (a warning for each report dated after ``options["as_of"]``)."""
    tables, numbers = _columns(path, options["as_of"])
    progress("computing the gaps of every partnership")
    from ..columnar_gaps import gaps_from_columns

    return gaps_from_columns(tables, partnership, numbers=numbers, **options)


def _columns(path: str, as_of: date | None):
    """A large CSV folder's tables as Arrow columns and the reference numbers its reader found
    (graphmodel.load.read_columns), its warnings on stderr (with ``as_of``, one for each report dated
    after it)."""
    from ..load import read_columns

    _pyarrow_without_pandas()
    numbers: dict = {}
    tables, warnings = read_columns(path, progress=progress, as_of=as_of, numbers=numbers)
    _echo_problems([], warnings)
    return tables, numbers


def columnar_process(path) -> None:
    """Before a command reads ``path`` by columns (a large CSV folder, graphmodel.load.is_large):
    see :func:`_pyarrow_without_pandas`. Nothing for other datasets (pyarrow is not even imported)."""
    from ..load import is_large

    if OWNS_PROCESS and is_large(path):
        _pyarrow_without_pandas()


def _pyarrow_without_pandas() -> None:
    """When the command owns its process, tell pyarrow that pandas is not there: on its first
    conversion of a Python value pyarrow imports pandas (a third of a second) only to ask whether the
    value is a pandas object, and the columnar routes never give it one. The one import pyarrow tries
    is made to fail (pyarrow then remembers pandas as absent for those questions); anything that
    really uses pandas later imports it as usual."""
    if not OWNS_PROCESS or "pandas" in sys.modules:
        return
    import pyarrow as pa

    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    """A module finder under which ``import pandas`` fails (see :func:`_pyarrow_without_pandas`)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas left out")
        return None


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


def _wrap(prefix: str, values, width: int = 80) -> str:
    import textwrap

    return printable(textwrap.fill(", ".join(str(v) for v in values), width=width, initial_indent=prefix,
                                   subsequent_indent=" " * min(len(prefix), 6), break_on_hyphens=False))


def open_store(uri: str, username: str, database: str | None):
    import logging

    from ..store import Neo4jStore

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
