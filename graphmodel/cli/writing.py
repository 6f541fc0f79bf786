"""Commands that write a dataset or a file from what there is: ``export``, ``template``,
``import popolo|360giving|charity-commission``, ``merge`` and ``synth``."""

from __future__ import annotations

import os

import click

from ..exceptions import DatasetError
from ..output import text_table, to_json
from .group import cli
from .options import dataset_argument, force_option, format_option
from .running import _echo_problems, handle_errors, load, load_rows, progress, settled


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
    from ..exporting import export as write
    from ..exporting import export_graph
    from ..files import refuse_same_place

    refuse_same_place(output, dataset)
    if to in ("graphml", "gexf"):  # the graph straight from the rows, as the analyses read it: no models made
        from ..load import read_graph

        graph, warnings = read_graph(dataset, networkx=False)
        _echo_problems([], warnings)
        export_graph(settled(graph), to, output, include_people=include_people)
    elif to == "xlsx":  # the workbook straight from the valid rows: no models made
        from ..exporting import export_rows

        _, rows, _ = load_rows(dataset)
        export_rows(settled(rows), to, output, include_people=include_people)
    else:
        write(load(dataset), to, output, include_people=include_people, force=force)
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The workbook to write (.xlsx).")
@handle_errors
def template(output):
    """Write a blank workbook to fill in: one sheet per table, notes on every column, drop-down lists.

    Example: engagemap template -o our-network.xlsx
    """
    from ..exporting import write_template

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

    from ..files import refuse_same_place

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

    from ..files import refuse_same_place

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

    from ..files import refuse_same_place

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
    from ..files import refuse_same_place
    from ..load import read_dataset
    from ..merging import merge as combine, write_dataset

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
    from ..synthetic import write_synthetic

    write_synthetic(output, areas, seed, force=force)
    click.echo(f"wrote {output}", err=True)
