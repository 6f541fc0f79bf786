"""Commands that draw or print for people: ``map`` (the interactive map or a poster) and ``report``
(a partnership's health check)."""

from __future__ import annotations

import click

from .group import cli
from .options import as_of_option, dataset_argument, graph_source
from .running import _as_date, handle_errors, load, load_graph


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
    from ..dated import in_force
    from ..diffing import diff as compare
    from ..graph import build_graph
    from ..healthcheck import health_check, write_report

    if bool(partnerships) == every:
        raise click.UsageError("give --partnership ID (one or more) or --all")
    current = load(dataset)
    changes = compare(load(since), current, as_of=_as_date(as_of)) if since else None
    check = health_check(in_force(build_graph(current, networkx=False), _as_date(as_of)), list(partnerships) if partnerships else None, as_of=_as_date(as_of),
                         changes=changes, include_people=include_people, expiring_within=expiring_within,
                         dataset=current.name)
    write_report(check, output)
    click.echo(f"wrote {output}: {len(check.sections)} partnership{'s' if len(check.sections) != 1 else ''}",
               err=True)
