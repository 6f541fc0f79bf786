"""What the README promises about the command line is what the command line does: its command
table and common options against each command's --help, its JSON keys against real output, and
its first two commands creating and using a virtual environment."""

import json
import re

import pytest
from click.testing import CliRunner

from helpers import cli_commands

from graphmodel.cli import cli

from conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


COMMANDS = dict(cli_commands())


def help_of(path) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def table_rows() -> list[tuple[tuple[str, ...], str]]:
    """(command path, usage) of every row of the README's command table."""
    section = README.split("## Commands", 1)[1].split("\n\n", 2)[1]
    rows = []
    for line in section.splitlines():
        found = re.match(r"\| `engagemap ([^`]*)` \|", line)
        if found:
            usage = found.group(1)
            words = usage.split(" -")[0].split(" [")[0].split()
            path = tuple(w for w in words if re.fullmatch(r"[a-z0-9][a-z0-9-]*", w))
            rows.append((path, usage))
    return rows


def test_the_command_table_lists_every_command_and_only_real_options():
    rows = table_rows()
    assert {path for path, _ in rows if path} == set(COMMANDS)
    top = help_of([])
    for name in {path[0] for path in COMMANDS}:
        assert re.search(rf"^  {re.escape(name)}\s", top, re.M), name
    for path, usage in rows:
        if not path:
            assert usage == "--version" and "--version" in top
            continue
        text = help_of(path)
        for option in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", usage.replace("\\|", "|")):
            assert re.search(rf"(?<![\w-]){re.escape(option)}\b", text), (path, option)


def common_option(prefix: str) -> set[tuple[str, ...]]:
    bullet = next(b for b in README.split("\n- ") if b.startswith(prefix))
    listed = re.split(r":\s+(?=`)", bullet, maxsplit=1)[1].split(".", 1)[0]
    return {tuple(name.split()) for name in re.findall(r"`([a-z0-9 -]+)`", listed)}


@pytest.mark.parametrize("prefix, option, wanted", [
    ("`--format table|json|csv`", "--format", "[table|json|csv]"),
    ("`--format table|json`:", "--format", "[table|json]"),
    ("`--as-of YYYY-MM-DD`", "--as-of", ""),
    ("`--neo4j NAME`", "--neo4j", ""),
])
def test_the_common_options_are_taken_by_exactly_the_commands_the_readme_lists(prefix, option, wanted):
    listed = common_option(prefix)
    having = {path for path, command in COMMANDS.items()
              if any(option in p.opts for p in command.params)
              and (not wanted or f"{option} {wanted}" in " ".join(help_of(path).split()))}
    if prefix == "`--as-of YYYY-MM-DD`":
        listed |= {("validate",)}  # the bullet says what validate --as-of does, in a sentence of its own
        assert "`validate --as-of` only warns about reports dated after the day" in README
    assert listed == having


def spec(text: str):
    """The README's key notation, e.g. {"a", "b": [{"c"}], "d": {...}}: dict of key -> sub-spec (None: not
    described), ("list", spec) for a list, ... for anything."""
    tokens = re.findall(r'"[a-z_]+"|\.\.\.|ids|[{}\[\]:,]', text)
    position = 0

    def take():
        nonlocal position
        position += 1
        return tokens[position - 1]

    def value():
        token = take()
        if token == "{":
            if tokens[position] == "...":
                take(), take()
                return ...
            keys = {}
            while True:
                key = take().strip('"')
                keys[key] = None
                if tokens[position] == ":":
                    take()
                    keys[key] = value()
                if take() == "}":
                    return keys
        if token == "[":
            inner = value() if tokens[position] != "]" else ...
            assert take() == "]"
            return ("list", inner)
        return ...

    return value()


def matches(described, actual, where="") -> list[str]:
    if described is None or described is ...:
        return []
    if isinstance(described, dict):
        if not isinstance(actual, dict):
            return [f"{where}: not an object"]
        wrong = [] if set(described) == set(actual) else [f"{where}: README {sorted(described)} != {sorted(actual)}"]
        return wrong + [m for k, d in described.items() if k in actual for m in matches(d, actual[k], f"{where}.{k}")]
    _, inner = described
    if not isinstance(actual, list):
        return [f"{where}: not a list"]
    return [m for item in actual[:3] for m in matches(inner, item, f"{where}[]")]


HACKNEY = str(EXAMPLES / "hackney")
RUNS = {
    "validate": ["validate", HACKNEY],
    "summary": ["summary", HACKNEY],
    "reach": ["reach", HACKNEY, "-p", "th-board"],
    "reach --from": ["reach", HACKNEY, "-p", "th-board", "--from", "vcs-orgs-youth"],
    "feeds": ["feeds", HACKNEY, "--organisation", "vcs-orgs-youth"],
    "gaps": ["gaps", HACKNEY],
    "paths --seat": ["paths", HACKNEY, "--seat", "better-homes-tenants"],
    "paths --partnership": ["paths", HACKNEY, "--partnership", "th-board"],
    "plan": ["plan", HACKNEY, "-p", "cyp-trust", "--add", "2"],
}


def documented_json() -> dict[str, str]:
    section = README.split("### JSON output", 1)[1].split("\n## ", 1)[0]
    found = {}
    for bullet in section.split("\n- ")[1:]:
        bullet = " ".join(bullet.split())
        name = re.match(r"`([^`]+)`:", bullet).group(1)
        found[name] = re.search(r"`(\{.*?\})`", bullet).group(1)
        later = re.search(r"with `(--[a-z]+)`: `(\{.*?\})`", bullet)
        if later:
            found[f"{name} {later.group(1)}"] = later.group(2)
    return found


def test_every_command_with_json_output_documented_is_run_here():
    assert set(documented_json()) == set(RUNS)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_the_documented_json_keys_are_the_keys_printed(name):
    result = CliRunner().invoke(cli, [*RUNS[name], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert matches(spec(documented_json()[name]), json.loads(result.stdout), name) == []


def test_the_first_two_commands_create_and_use_a_virtual_environment():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)[:2]
    assert len(blocks) == 2
    for block in blocks:
        steps = [s.strip() for s in block.split("&&")]
        assert steps[0] == "python3 -m venv .venv", block
        for step in steps[1:]:  # every later step runs the environment's own programs, never the system's
            assert step.startswith(".venv/bin/"), step
    assert "externally-managed-environment" in README and "python3-venv" in README
