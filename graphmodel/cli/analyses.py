"""The analysis commands: ``reach``, ``feeds``, ``gaps``, ``paths``, ``plan``, ``resilience``, ``diff``
and ``terms`` (each parses its options, calls the library and prints the result)."""

from __future__ import annotations

import click

from ..output import printable, to_csv, to_json
from .group import cli
from .options import as_of_option, format_option, graph_source
from .running import (_as_date, _echo_problems, _same_file, _wrap, columnar_gaps, emit, handle_errors, load,
                      load_graph, load_rows, open_store, partnership_part, progress, settled)


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
    from ..reaching import reach as compute, routes

    if dataset.neo4j is not None:  # answered by the named queries reach and routes
        from .. import neo4j_analyses

        with open_store(dataset.uri, dataset.username, dataset.database) as store:
            day = _as_date(as_of)
            result = neo4j_analyses.reach(store, dataset.neo4j, partnership, as_of=day)
            found = neo4j_analyses.routes(store, dataset.neo4j, origin, partnership, as_of=day) \
                if origin is not None else []
    else:
        graph = partnership_part(dataset, _as_date(as_of), partnership, origin=origin)
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
    from ..reaching import feeds as compute

    found = compute(partnership_part(dataset, _as_date(as_of), organisation=organisation), organisation)
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
    from ..load import is_large

    options = {"as_of": _as_date(as_of), "max_seats": max_seats, "expiring_within": expiring_within,
               "stale_after": stale_after}
    if dataset.neo4j is not None:  # answered by the named gaps queries (FORMAT.md sections 4 and 5)
        from .. import neo4j_analyses

        with open_store(dataset.uri, dataset.username, dataset.database) as store:
            result = neo4j_analyses.gaps(store, dataset.neo4j, partnership, **options)
    elif is_large(dataset.path):
        # a large CSV folder: the columnar route (graphmodel.columnar_gaps), the same answers
        result = columnar_gaps(dataset.path, partnership, options)
    else:
        from ..representation import gaps as compute

        graph = load_graph(dataset, _as_date(as_of), warn_after=True)
        if len(graph) >= 50_000:
            progress("computing the gaps of every partnership")
        result = compute(graph, partnership, **options)
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
    from ..reporting import audience, hearing

    if (seat is None) == (partnership is None):
        raise click.UsageError("give exactly one of --seat or --partnership")
    if dataset.neo4j is not None and partnership is not None:  # the named queries hearing_seats and reach
        from .. import neo4j_analyses

        with open_store(dataset.uri, dataset.username, dataset.database) as store:
            partnership_result = neo4j_analyses.hearing(store, dataset.neo4j, partnership, as_of=_as_date(as_of))
    else:  # a seat's audience with the evidence of the reports table: pulled from Neo4j, answered by the library
        graph = (load_graph(dataset, _as_date(as_of), warn_after=True) if seat is not None else
                 partnership_part(dataset, _as_date(as_of), partnership, warn_after=True, hearing=True))
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
    from ..planning import plan as compute, reserved_places

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
    from ..failures import resilience as compute

    result = compute(partnership_part(dataset, _as_date(as_of), partnership), partnership, top=top)
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
    from ..diffing import diff_rows as compute

    before = load_rows(old)
    after = before if _same_file(old, new) else load_rows(new)
    if after is before:  # one dataset read once; its warnings are shown for each argument, as two reads show them
        _echo_problems([], before[2])
    settled(None)
    result = compute(*before[:2], *after[:2], as_of=_as_date(as_of), include_people=include_people)
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
    from ..tenure import terms as compute

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
