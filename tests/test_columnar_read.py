"""The columnar reader (graphmodel.columnar_read) against the plain loader.

The fast path may only ever say "certainly clean": whenever it gives tables, the plain loader must
find no problem and no warning and give the same tables (``from_rows(_read(path).rows)``); whenever
it declines, ``read_columns`` must give exactly the plain loader's problems and warnings, in order.
Checked on every example, the test datasets, the fuzz corpus and one hand-built bad cell per rule.
"""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmodel import columnar_read, load
from graphmodel.arrow_tables import from_rows
from graphmodel.cli import cli
from graphmodel.exceptions import DatasetError
from graphmodel.load import _read, read_columns
from helpers import small_network, write_dataset
from test_fuzz import datasets, mutated_example, mutations, texts, write_csv

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir() and any(p.glob("*.csv")))
BOROUGH = Path("/work/data/borough")


def outcome(path, as_of=None, fast=None):
    """What read_columns gives: ("ok", tables, warnings) or ("error", problems, warnings), as strings."""
    try:
        tables, warnings = read_columns(path, as_of=as_of, fast=fast)
    except DatasetError as err:
        return "error", [str(p) for p in err.problems], [str(w) for w in err.warnings]
    return "ok", tables, [str(w) for w in warnings]


def same(path, as_of=None) -> bool:
    """Compare the fast path with the plain one on ``path``; return whether the fast path applied."""
    plain = _read(path, as_of=as_of)
    fast = columnar_read.read_fast(path, as_of=as_of)
    if fast is not None:
        assert [str(p) for p in plain.problems] == [] and [str(w) for w in plain.warnings] == [], \
            f"the fast path called a dataset clean that the plain loader does not: {plain.problems or plain.warnings}"
        tables, warnings = fast
        assert warnings == []
        expected = from_rows(plain.rows)
        for table in expected:
            assert tables[table].schema == expected[table].schema, table
            assert tables[table].equals(expected[table]), (table, tables[table].to_pylist()[:3],
                                                           expected[table].to_pylist()[:3])
    got = outcome(path, as_of=as_of, fast=True)
    if plain.problems:
        assert got == ("error", [str(p) for p in plain.problems], [str(w) for w in plain.warnings])
    else:
        assert got[0] == "ok" and got[2] == [str(w) for w in plain.warnings]
        expected = from_rows(plain.rows)
        assert all(got[1][t].equals(expected[t]) for t in expected)
    return fast is not None


def network(**changes) -> dict:
    """small_network() with ``changes``: table -> {row index: {column: value}} (None removes the column)."""
    tables = copy.deepcopy(small_network())
    for table, rows in changes.items():
        for index, cells in rows.items():
            if index >= len(tables.setdefault(table, [])):
                tables[table].append({})
            for column, value in cells.items():
                if value is None:
                    tables[table][index].pop(column, None)
                else:
                    tables[table][index][column] = value
    return tables


# ---------------------------------------------------------------- clean datasets: the fast path applies

@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_takes_the_fast_path_with_the_same_tables(example):
    assert same(example), columnar_read.last_reason


@pytest.mark.parametrize("seed", [1, 2])
def test_synthetic_boroughs_take_the_fast_path(tmp_path, seed):
    from graphmodel.synthetic import write_synthetic

    path = write_synthetic(tmp_path / "b", 1, seed)
    assert same(path), columnar_read.last_reason
    assert same(path, as_of=datetime.date(2026, 1, 1))


def test_the_shared_borough(tmp_path):
    if not BOROUGH.is_dir():
        pytest.skip("/work/data/borough is absent")
    assert same(BOROUGH), columnar_read.last_reason


def test_the_small_network_and_its_csv_rewritten_by_the_writers(tmp_path):
    from graphmodel.load import load_dataset
    from graphmodel.writers import write_csv_folder

    path = write_dataset(tmp_path, small_network())
    assert same(path), columnar_read.last_reason
    write_csv_folder(load_dataset(path), tmp_path / "again")
    assert same(tmp_path / "again"), columnar_read.last_reason


def test_the_hostile_dataset_written_by_the_writers(tmp_path):
    from graphmodel.writers import write_csv_folder
    from helpers import hostile_dataset

    write_csv_folder(hostile_dataset(), tmp_path / "hostile")
    assert same(tmp_path / "hostile"), columnar_read.last_reason


# cells that the plain loader reads as valid after normalising them: the fast path either agrees on
# the values or declines, never differs (each is asserted to still take the fast path or not, as designed)
NORMALISED = {
    "enum in capitals": (network(organisations={0: {"sector": "Statutory"}}), True),
    "enum with a hyphen": (network(seats={1: {"method": "Ex-officio"}}), True),
    "yes/no in other words": (network(organisations={1: {"active": "Y"}}, seats={0: {"voting": " no "}}), True),
    "whole number with a comma": (network(organisations={3: {"count": "1,200"}}), True),
    "whole number written as 3.0": (network(communities={2: {"population": "3.0"}}), True),
    "share as a percentage": (network(partnerships={0: {"min_vcs_share": "30%"}}), True),
    "list with spaces and empty items": (network(organisations={1: {"serves": " older ; ;tenants;"}}), True),
    "list of one padded item": (network(partnerships={1: {"themes": "  health  "}}), True),
    "required items": (network(partnerships={0: {"required": "older:1; tenants:2"}}), True),
    "a name with a comma (quoted)": (network(organisations={0: {"name": "Council, The"}}), True),
    "a name with a quote": (network(organisations={0: {"name": 'The "Council"'}}), True),
    "a note over two lines (quoted)": (network(organisations={0: {"notes": "line one\nline two"}}), True),
    "a note over two CRLF lines (quoted)": (network(organisations={0: {"notes": "line one\r\nline two"}}), True),
    "a padded name": (network(organisations={0: {"name": "  The Council "}}), False),
    "a padded id": (network(organisations={4: {"id": " gone"}}), False),
    "a name of spaces only in an optional column": (network(organisations={1: {"kind": "   "}}), False),
    "a formula-like name": (network(organisations={0: {"name": "=SUM(A1)"}}), True),
    "a name starting with a quote": (network(organisations={0: {"name": "'quoted"}}), True),
    "a non-breaking space at the end": (network(organisations={0: {"name": "Council\u00a0"}}), False),
    "an odd Unicode line separator inside": (network(organisations={0: {"name": "Coun\u2028cil"}}), True),
}


@pytest.mark.parametrize("name", list(NORMALISED))
def test_cells_the_plain_loader_normalises(tmp_path, name):
    tables, fast = NORMALISED[name]
    path = write_dataset(tmp_path, tables)
    if name.startswith("a formula") or name.startswith("a name starting"):
        from graphmodel.formulas import neutralise

        organisations = path / "organisations.csv"
        lines = organisations.read_text(encoding="utf-8").splitlines()
        lines[1] = lines[1].replace(tables["organisations"][0]["name"],
                                    neutralise(tables["organisations"][0]["name"]))
        organisations.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert same(path) == fast, columnar_read.last_reason


@pytest.mark.parametrize("variant", ["bom", "crlf", "semicolons", "tabs", "no final newline", "all quoted",
                                     "header in capitals", "header with spaces"])
def test_csv_variants_the_plain_reader_accepts(tmp_path, variant):
    path = write_dataset(tmp_path, small_network())
    for f in path.glob("*.csv"):
        text = f.read_text(encoding="utf-8")
        lines = text.splitlines()
        if variant == "bom":
            f.write_bytes(b"\xef\xbb\xbf" + text.encode())
        elif variant == "crlf":
            f.write_bytes("\r\n".join(lines).encode() + b"\r\n")
        elif variant in ("semicolons", "tabs"):
            if '"' in text or ";" in text:
                continue
            f.write_text(text.replace(",", ";" if variant == "semicolons" else "\t"), encoding="utf-8")
        elif variant == "no final newline":
            f.write_text(text.rstrip("\r\n"), encoding="utf-8")
        elif variant == "all quoted":
            import csv, io

            rows = list(csv.reader(io.StringIO(text)))
            out = io.StringIO()
            csv.writer(out, quoting=csv.QUOTE_ALL).writerows(rows)
            f.write_text(out.getvalue(), encoding="utf-8")
        elif variant == "header in capitals":
            f.write_text("\n".join([lines[0].upper()] + lines[1:]) + "\n", encoding="utf-8")
        elif variant == "header with spaces":
            f.write_text("\n".join([lines[0].replace("_", " ").replace(",", " , ")] + lines[1:]) + "\n",
                         encoding="utf-8")
    assert same(path), columnar_read.last_reason


# ---------------------------------------------------------------- one bad cell (or warning) per rule

BAD = {
    # cells, by kind
    "id pattern": network(organisations={0: {"id": "The Council"}}),
    "id pattern in a list": network(organisations={1: {"serves": "older;Bad Item"}}),
    "enum": network(organisations={0: {"sector": "charity"}}),
    "bool": network(organisations={4: {"active": "maybe"}}),
    "whole number": network(organisations={3: {"count": "many"}}),
    "whole number too large": network(organisations={3: {"count": "1" * 40}}),
    "whole number below its bound": network(organisations={3: {"count": "-2"}}),
    "float": network(partnerships={0: {"min_vcs_share": "a third"}}),
    "share out of range": network(partnerships={0: {"min_vcs_share": "1.5"}}),
    "not finite": network(links={3: {"source": "council", "target": "cvs", "kind": "funds", "amount": "inf"}}),
    "date form": network(seats={0: {"term_start": "01/01/2024"}}),
    "date not real": network(seats={0: {"term_start": "2024-02-30"}}),
    "required item": network(partnerships={0: {"required": "older"}}),
    "required item community not an id": network(partnerships={0: {"required": "Older People:1"}}),
    "required cell empty": network(organisations={1: {"name": " "}}),
    "required cell empty in a list column table": network(memberships={1: {"network": ""}}),
    # rows
    "duplicate id in a table": network(organisations={1: {"id": "council"}}),
    "duplicate id across tables": network(networks={0: {"id": "cvs"}}),
    "reference to nothing": network(seats={0: {"holder": "nobody"}}),
    "reference to the wrong table": network(seats={0: {"holder": "forum"}}),
    "list reference to nothing": network(organisations={1: {"serves": "older;nobody"}}),
    "required community unknown": network(partnerships={0: {"required": "nobody:1"}}),
    "link end of the wrong kind": network(links={1: {"source": "older"}}),
    "link to itself": network(links={2: {"target": "health"}}),
    "link repeated (warning)": network(links={3: {"source": "forum", "target": "health", "kind": "feeds_into"}}),
    "size_min above size_max": network(partnerships={0: {"size_min": "9"}}),
    "until before since": network(memberships={0: {"until": "2019-01-01"}}),
    "network member of itself": network(memberships={1: {"member": "net"}}),
    "membership repeated (warning)": network(memberships={3: {"member": "tra", "network": "forum"}}),
    "term_end before term_start": network(seats={0: {"term_end": "2023-01-01"}}),
    "deputy of itself": network(seats={2: {"deputy_of": "s-health-vcs"}}),
    "deputy on another partnership": network(seats={2: {"deputy_of": "s-board-vcs"}}),
    "deputy of a deputy": network(seats={3: {"id": "d1", "partnership": "board", "sector": "vcs",
                                             "deputy_of": "s-board-vcs"},
                                         4: {"id": "d2", "partnership": "board", "sector": "vcs", "deputy_of": "d1"}}),
    "deputy of a seat with the deputy role": network(seats={3: {"id": "d1", "partnership": "board", "sector": "vcs",
                                                                "role": "deputy"},
                                                            4: {"id": "d2", "partnership": "board", "sector": "vcs",
                                                                "deputy_of": "d1"}}),
    "required group no seat has (warning)": network(partnerships={0: {"required": "older:1@reps"}}),
    "feeds_into cycle": network(partnerships={0: {"feeds_into": "health"}}),
    "feeds_into itself": network(partnerships={0: {"feeds_into": "board"}}),
    "feeds_into cycle through a link": network(links={3: {"source": "board", "target": "health",
                                                          "kind": "feeds_into"}}),
    "part_of cycle": network(communities={0: {"part_of": "older-lgbt"}}),
    "part_of itself": network(communities={0: {"part_of": "older"}}),
    "network membership cycle": network(memberships={3: {"member": "net", "network": "forum"}}),
    # the file and its header
    "unknown column (warning)": network(organisations={0: {"colour": "red"}}),
    "required column missing": network(people={0: {"id": None}}),
    "unknown table (warning)": {**small_network(), "organisation": [{"id": "x"}]},
    "organisations missing": {t: rows for t, rows in small_network().items() if t != "organisations"},
}


@pytest.mark.parametrize("name", list(BAD))
def test_every_rule_falls_back_to_the_plain_loaders_messages(tmp_path, name):
    path = write_dataset(tmp_path, BAD[name])
    plain = _read(path)
    assert plain.problems or plain.warnings, "the case must be one the plain loader reports"
    assert not same(path), "the fast path must decline"
    assert columnar_read.last_reason


def test_blank_rows_are_skipped_by_both(tmp_path):
    path = write_dataset(tmp_path, network(organisations={5: {"id": "", "name": " ", "sector": ""}}))
    plain = _read(path)
    assert not plain.problems and not plain.warnings and len(plain.rows["organisations"]) == 5
    assert not same(path)  # declined (the plain loader skips the row): the same tables either way


def test_seat_groups_that_exist_stay_fast(tmp_path):
    path = write_dataset(tmp_path, network(partnerships={0: {"required": "older:1@Reps"}},
                                           seats={0: {"group": "reps"}}))
    assert same(path), columnar_read.last_reason


def test_reports(tmp_path):
    fine = network(reports={0: {"from": "s-board-vcs", "to": "net", "date": "2025-01-01"}})
    path = write_dataset(tmp_path / "a", fine)
    assert same(path), columnar_read.last_reason
    assert not same(path, as_of=datetime.date(2024, 1, 1))  # dated after: a warning
    unlinked = network(reports={0: {"from": "s-board-council", "to": "net", "date": "2025-01-01"}})
    assert not same(write_dataset(tmp_path / "b", unlinked))


QUOTED = {'b"c': None, '"b"c': None, '"b': None, '"a"",b"': "quoted", '""': "quoted", '"y\nz"': "multiline",
          '"a,b"': "quoted", '"y\r\nz"': "multiline"}


@pytest.mark.parametrize("cell", list(QUOTED))
def test_quotes_in_every_form(tmp_path, cell):
    """Standard quoted cells go to pyarrow; stray or unclosed quotes to the plain reader (whose reading
    may still be clean); the answers are the plain loader's either way."""
    path = write_dataset(tmp_path, small_network())
    f = path / "organisations.csv"
    header, first, *rest = f.read_text(encoding="utf-8").splitlines()
    data = "\n".join([header + ",notes", first + "," + cell] + [r + "," for r in rest]) + "\n"
    f.write_bytes(data.encode())
    assert columnar_read._plainly_quoted(data.encode(), b",") == QUOTED[cell]
    applied = same(path)
    assert applied or QUOTED[cell] is None, columnar_read.last_reason


@pytest.mark.parametrize("damage", [b"\xff", b"\x00", b"\r", b"\n\n", b",extra", b"\xef\xbb\xbf"])
def test_damaged_files(tmp_path, damage):
    path = write_dataset(tmp_path, small_network())
    f = path / "organisations.csv"
    data = f.read_bytes()
    cut = data.index(b"\n", data.index(b"\n") + 1)
    f.write_bytes(data[:cut] + damage + data[cut:])
    same(path)


def test_a_cell_past_the_size_limit(tmp_path):
    from graphmodel.importers.containers import MAX_CELL_CHARS

    path = write_dataset(tmp_path, network(organisations={0: {"notes": "x" * (MAX_CELL_CHARS + 1)}}))
    assert _read(path).problems
    assert not same(path)


# ---------------------------------------------------------------- the fuzz corpus

@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=datasets, encoding=st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]))
def test_fuzz_generated_csv_folders(tmp_path_factory, data, encoding):
    same(write_csv(tmp_path_factory.mktemp("fz") / "d", data, encoding))


cells = st.one_of(texts, st.sampled_from([" vcs", "Vcs ", "1.0", "2,000", "5%", "n", "TRUE", " older ;",
                                          "older;;tenants", "'=1", "''", "x\u00a0", "\ufeffid", "health; care"]))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(changes=st.lists(st.tuples(st.sampled_from(sorted(small_network())), st.integers(0, 5),
                                  st.sampled_from(sorted({c for rows in small_network().values()
                                                          for r in rows for c in r})), cells), max_size=3))
def test_fuzz_near_valid_datasets(tmp_path_factory, changes):
    edits: dict = {}
    for table, index, column, value in changes:
        edits.setdefault(table, {}).setdefault(index % len(small_network()[table]), {})[column] = value
    same(write_dataset(tmp_path_factory.mktemp("nv"), network(**edits)))


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(example=st.sampled_from([p.name for p in EXAMPLES]), table=st.sampled_from(["organisations", "seats",
                                                                                   "links", "memberships"]),
       mutation=mutations, where=st.integers(0, 10_000))
def test_fuzz_mutated_examples(tmp_path_factory, example, table, mutation, where):
    same(mutated_example(tmp_path_factory.mktemp("mut"), example, table, mutation, where))


# ---------------------------------------------------------------- the validate command

@pytest.mark.parametrize("case", ["hackney", "bad", "warning"])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_validate_prints_the_same_through_the_columnar_route(tmp_path, monkeypatch, case, fmt):
    if case == "hackney":
        path = ROOT / "examples" / "hackney"
    else:
        path = write_dataset(tmp_path, BAD["enum" if case == "bad" else "unknown column (warning)"])
    args = ["validate", str(path), "--format", fmt, "--as-of", "2026-01-01"]
    monkeypatch.setattr(load, "LARGE_BYTES", 10 ** 15)
    plain = CliRunner().invoke(cli, args)
    monkeypatch.setattr(load, "LARGE_BYTES", 0)
    assert load.is_large(path)
    columnar = CliRunner().invoke(cli, args)
    assert (columnar.exit_code, columnar.stdout) == (plain.exit_code, plain.stdout)
    errors = [line for line in plain.stderr.splitlines() if not line.startswith("...")]
    assert [line for line in columnar.stderr.splitlines() if not line.startswith("...")] == errors
    assert plain.exit_code == (0 if case != "bad" else 2)
    if fmt == "json":
        assert json.loads(columnar.stdout)["valid"] is (case != "bad")


@pytest.mark.parametrize("ring", [False, True])
@pytest.mark.parametrize("kind", ["feeds_into", "part_of", "network"])
def test_long_chains_and_a_ring_at_their_end(tmp_path, kind, ring):
    """Past the kernels' rounds of trimming, the plain loader's own trimming decides."""
    tables = small_network()
    n = 80
    if kind == "feeds_into":
        tables["partnerships"] += [{"id": f"q{i}", "name": f"Q{i}", "level": "thematic",
                                    "feeds_into": [f"q{i + 1}" if i + 1 < n else "board"]} for i in range(n)]
        if ring:
            tables["partnerships"][0]["feeds_into"] = ["q0"]
    elif kind == "part_of":
        tables["communities"] += [{"id": f"c{i}", "name": f"C{i}", "part_of": f"c{i + 1}" if i + 1 < n else "older"}
                                  for i in range(n)]
        if ring:
            tables["communities"][0]["part_of"] = "c0"
    else:
        tables["networks"] += [{"id": f"n{i}", "name": f"N{i}", "led_by": "vcs"} for i in range(n)]
        tables["memberships"] += [{"member": f"n{i}", "network": f"n{i + 1}" if i + 1 < n else "net"}
                                  for i in range(n)]
        if ring:
            tables["memberships"].append({"member": "net", "network": "n0"})
    path = write_dataset(tmp_path, tables)
    assert same(path) is not ring, columnar_read.last_reason
    if ring:
        assert "circle" in columnar_read.last_reason


def test_other_containers_decline(tmp_path):
    for container in ("json", "yaml", "xlsx"):
        (tmp_path / container).mkdir()
        path = write_dataset(tmp_path / container, small_network(), container)
        assert not same(path)
        assert "not a folder" in columnar_read.last_reason


def test_read_columns_takes_the_fast_path_only_for_large_folders(tmp_path, monkeypatch):
    calls = []
    real = columnar_read.read_fast
    monkeypatch.setattr(columnar_read, "read_fast", lambda *a, **k: calls.append(a) or real(*a, **k))
    path = write_dataset(tmp_path, small_network())
    plain = read_columns(path)
    assert calls == []
    monkeypatch.setattr(load, "LARGE_BYTES", 1)
    fast = read_columns(path)
    assert len(calls) == 1 and all(fast[0][t].equals(plain[0][t]) for t in plain[0])
    assert read_columns(path, fast=False) and len(calls) == 1


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_a_table_with_a_header_and_no_rows(tmp_path, ending):
    path = write_dataset(tmp_path, small_network())
    (path / "organisations.csv").write_text("id,name,sector" + ending, encoding="utf-8")
    (path / "people.csv").write_text("id,name,organisation" + ending, encoding="utf-8")
    for table in ("seats", "memberships", "links"):
        (path / f"{table}.csv").unlink()
    assert same(path), columnar_read.last_reason


NUMBERS = {  # counts (5 organisations), shares (2 partnerships), amounts (4 funds links), clean
    "plain": (["12", "0", "007", "-0", "1200"], ["0.25", "-0.0"], ["0.0", ".5", "0.125", "7"], True),
    "amounts": (["3"] * 5, ["0", "0.1"], ["1500.75", "2", "2.675", "999999999999.5"], True),
    "empty cells": (["", "4", "", "5", "6"], ["", "0.5"], ["", "0.3", "", "1"], True),
    "written otherwise": (["1,200", "+3", "4.0", "5", "6"], ["30%", "1e-1"], [" 0.5", "1E3", "+2", "2"], True),
    "whole number too large": (["1000000000001", "1", "2", "3", "4"], ["0.5"] * 2, ["1"] * 4, False),
    "negative count": (["-1", "1", "2", "3", "4"], ["0.5"] * 2, ["1"] * 4, False),
    "share above one": (["1"] * 5, ["1.5", "0.5"], ["1"] * 4, False),
    "negative share": (["1"] * 5, ["-0.5", "0.5"], ["1"] * 4, False),
    "negative amount": (["1"] * 5, ["0.5"] * 2, ["-1", "0.5", "0.2", "0.3"], False),
    "amount too large": (["1"] * 5, ["0.5"] * 2, ["1000000000001", "0.5", "0.2", "0.3"], False),
}


@pytest.mark.parametrize("case", list(NUMBERS))
def test_many_distinct_numbers_by_kernels(tmp_path, monkeypatch, case):
    """With the threshold at 0, every number column goes to the kernels (the bounds included)."""
    counts, shares, amounts, clean = NUMBERS[case]
    tables = small_network()
    for row, count in zip(tables["organisations"], counts):
        row["count"] = count
    for row, share in zip(tables["partnerships"], shares):
        row["min_vcs_share"] = share
    tables["links"] = [{"source": "council", "target": o["id"], "kind": "funds", "amount": amount}
                       for o, amount in zip(tables["organisations"][1:], amounts)]
    path = write_dataset(tmp_path, tables)
    monkeypatch.setattr(columnar_read, "MANY_NUMBERS", 0)
    assert same(path) is clean, columnar_read.last_reason


# ---------------------------------------------------------------- the reader's speed-ups give the same answers

_CELL_PIECES = ["a", "b", "-", ".", "_", "Z", "0", " ", "\t", "\n", "\u00a0", "\u3000", "\u0085", "é", ";", "x" * 60]


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(st.lists(st.sampled_from(_CELL_PIECES), max_size=4).map("".join), min_size=1, max_size=8),
       cut=st.integers(0, 8), skip=st.integers(0, 2))
def test_byte_checks_agree_with_the_regular_expressions(cells, cut, skip):
    """columnar_bytes decides on bytes what the regular-expression kernels decide (chunks and slices too)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from graphmodel.columnar_bytes import all_ids, any_padded
    from graphmodel.vocabulary import ID_PATTERN

    values = pa.chunked_array([cells[:cut], cells[cut:]], pa.string()).slice(min(skip, len(cells) - 1))
    padded = bool(pc.any(pc.match_substring_regex(values, columnar_read._PADDED)).as_py())
    assert any_padded(values, columnar_read._PADDED) == padded
    matched = pc.match_substring_regex(values, ID_PATTERN)
    assert all_ids(values) == (pc.all(pc.or_(matched, pc.equal(values, ""))).as_py() in (True, None))


@pytest.mark.parametrize("text, limit, long", [
    (b"ab\ncd\n" * 10, 4, False), (b"abcd\n", 4, True), (b"abc\n", 5, False),
    (b"x" * 40 + b"\n" + b"y" * 9, 10, True), (b"x\n" * 50, 3, False), (b"x\n" * 50, 2, True),
    (b"x\n" * 50 + b"z" * 11, 12, False), (b"x\n" * 50 + b"z" * 11, 11, True)])
def test_long_lines_are_found_as_by_measuring_every_line(text, limit, long):
    import numpy as np

    ends = np.flatnonzero(np.frombuffer(text, dtype=np.uint8) == ord("\n"))
    measured = int(np.diff(ends, prepend=-1, append=len(text) - 1).max()) >= limit
    assert columnar_read._has_long_line(text, limit) == measured == long


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_readers_numbers_are_the_node_numbers(example):
    """``read_columns(numbers=...)`` gives each reference's node number (past the nodes for an empty
    cell), as looking the ids up among all the nodes gives them; the plain loader gives none."""
    import numpy as np
    import pyarrow.compute as pc

    from graphmodel.arrays import node_index
    from graphmodel.column_specs import COLUMNS
    from graphmodel.vocabulary import REFERENCES

    numbers: dict = {}
    tables, _ = read_columns(example, fast=True, numbers=numbers)
    index = node_index(tables)
    keys = [*REFERENCES, ("links", "source"), ("links", "target")]
    assert sorted(numbers) == sorted(keys)
    for table, column in keys:
        values = tables[table].column(column)
        if COLUMNS[table][column].kind == "list":
            values = pc.list_flatten(values)
        looked_up = index.numbers(values).astype(np.int64)
        given = np.where(numbers[table, column] < len(index), numbers[table, column], -1)
        assert given.tolist() == looked_up.tolist(), (table, column)
    plain: dict = {}
    read_columns(example, fast=False, numbers=plain)
    assert plain == {}
