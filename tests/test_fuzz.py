"""Fuzzing the readers and validation with hypothesis: whatever comes in, `engagemap validate`
exits 0 or 2, never prints a traceback nor "unexpected failure", and every problem names its file
or sheet and row. The issue-10 families follow: alias bombs, deep nesting, long chains, self-loops,
special files, stale dimensions, control characters, outputs onto existing folders and onto the input."""

import json
import re
import string
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmodel.cli import cli
from graphmodel.load import COLUMNS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TABLE_NAMES = list(COLUMNS) + ["organisation", "seat", "notes", ""]
COLUMN_NAMES = sorted({c for cols in COLUMNS.values() for c in cols}) + ["Name", " id ", "x", "", "id"]

texts = st.one_of(
    st.sampled_from(["", " ", "vcs", "VCS", "board", "yes", "no", "1,900", "30%", "2024-01-31", "2024-02-30",
                     "a;b", "bme:1", "bme", "hcvs", "Hackney CVS", "\u202eevil", "\u2028", "x" * 300, "=1+1",
                     "'=1", "\x00"]),
    st.text(alphabet=string.ascii_lowercase + "-_.;: ", max_size=12),
    st.text(max_size=20),
)
values = st.one_of(texts, st.integers(-5, 10**12), st.floats(allow_nan=True), st.booleans(), st.none(),
                   st.lists(texts, max_size=3))
rows = st.lists(st.dictionaries(st.sampled_from(COLUMN_NAMES), values, max_size=8), max_size=6)
datasets = st.dictionaries(st.sampled_from(TABLE_NAMES), rows, max_size=6)


def check(result):
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "unexpected failure" not in result.output
    for line in result.stderr.splitlines():
        if line.startswith("error: "):
            where = line[len("error: "):]
            # every problem names its file (or sheet or table in it) or, for the whole dataset, its path
            assert re.match(r"[^:]*\.(csv|json|yaml|xlsx)\b|/", where), line
            source, _, rest = where.partition(": ")
            if "row " in source or "item " in source:
                assert re.search(r", (row|item) \d+", source), line


def cell(value):
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else str(value)


def write_csv(folder: Path, data: dict, encoding: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for table, table_rows in data.items():
        header = sorted({k for r in table_rows for k in r})
        lines = [",".join(header)] + [",".join('"' + cell(r.get(h)).replace('"', '""') + '"' for h in header)
                                      for r in table_rows]
        raw = "\n".join(lines) + "\n"
        path = folder / f"{table or 'x'}.csv"
        path.write_bytes(raw.encode(encoding, errors="replace") if encoding != "utf-8-sig"
                         else b"\xef\xbb\xbf" + raw.encode("utf-8"))
    return folder


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=datasets, container=st.sampled_from(["json", "yaml", "csv", "csv-bom", "csv-latin1"]))
def test_generated_datasets_in_every_text_container(tmp_path_factory, data, container):
    folder = tmp_path_factory.mktemp("fuzz")
    if container == "json":
        path = folder / "d.json"
        path.write_text(json.dumps(data, default=str))
    elif container == "yaml":
        import yaml

        path = folder / "d.yaml"
        path.write_text(yaml.safe_dump(json.loads(json.dumps(data, default=str))))
    else:
        encoding = {"csv": "utf-8", "csv-bom": "utf-8-sig", "csv-latin1": "latin-1"}[container]
        path = write_csv(folder / "d", data, encoding)
    check(CliRunner().invoke(cli, ["validate", str(path)]))


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=datasets)
def test_generated_workbooks(tmp_path_factory, data):
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for i, (table, table_rows) in enumerate(data.items()):
        sheet = book.create_sheet((table or "sheet")[:31] + (str(i) if table in book.sheetnames else ""))
        header = sorted({k for r in table_rows for k in r})
        sheet.append(header)
        for r in table_rows:
            sheet.append([re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", cell(r.get(h))) or None for h in header])
    if not data:
        book.create_sheet("organisations")
    sheet = book.worksheets[0]
    sheet["A10"] = "=1+1"  # a formula
    sheet.merge_cells("B10:C11")  # merged cells
    path = tmp_path_factory.mktemp("fuzzx") / "d.xlsx"
    book.save(path)
    check(CliRunner().invoke(cli, ["validate", str(path)]))


mutations = st.sampled_from(["drop column", "swap columns", "blank cell", "duplicate row", "truncate", "nul"])


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(example=st.sampled_from(["hackney", "islington", "gloucester"]), table=st.sampled_from(list(COLUMNS)),
       mutation=mutations, where=st.integers(0, 10_000))
def test_mutated_examples(tmp_path_factory, example, table, mutation, where):
    folder = mutated_example(tmp_path_factory.mktemp("mut"), example, table, mutation, where)
    check(CliRunner().invoke(cli, ["validate", str(folder)]))


def mutated_example(folder: Path, example: str, table: str, mutation: str, where: int) -> Path:
    """A copy of an example's CSV folder in ``folder`` with one of :data:`mutations` applied to ``table``."""
    for f in (EXAMPLES / example).glob("*.csv"):
        (folder / f.name).write_bytes(f.read_bytes())
    path = folder / f"{table}.csv"
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = [line.split(",") for line in lines]
        col = where % max(len(rows[0]), 1)
        row = 1 + where % max(len(rows) - 1, 1)
        if mutation == "drop column":
            rows = [r[:col] + r[col + 1:] for r in rows]
        elif mutation == "swap columns" and len(rows[0]) > 1:
            other = (col + 1) % len(rows[0])
            for r in rows:
                if len(r) > max(col, other):
                    r[col], r[other] = r[other], r[col]
        elif mutation == "blank cell" and row < len(rows) and col < len(rows[row]):
            rows[row][col] = ""
        elif mutation == "duplicate row" and row < len(rows):
            rows.insert(row, list(rows[row]))
        text = "\n".join(",".join(r) for r in rows) + "\n"
        if mutation == "truncate":
            text = text[: where % max(len(text), 1)]
        if mutation == "nul":
            text = text[: where % max(len(text), 1)] + "\x00" + text[where % max(len(text), 1):]
        path.write_text(text, encoding="utf-8")
    return folder


def test_files_that_are_not_what_their_names_say(tmp_path):
    import zipfile

    cases = {"csv.xlsx": b"id,name,sector\na,A,vcs\n", "yaml.json": b"organisations:\n  - id: a\n",
             "empty.yaml": b"", "binary.json": bytes(range(256))}
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<" * 50_000_000)
    for path in list(tmp_path.iterdir()) + [tmp_path / "empty-folder"]:
        if path.name == "empty-folder":
            path.mkdir()
        result = CliRunner().invoke(cli, ["validate", str(path)])
        assert result.exit_code == 2 and "Traceback" not in result.output
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1, (path.name, result.stderr)


# ---------------------------------------------------------------- issue 10: hostile and unlucky input and output

def check_clean(result, codes=(0, 2)):
    """Any outcome but a crash: an expected exit status, no traceback, never "unexpected failure"."""
    assert result.exit_code in codes, result.output
    assert "Traceback" not in result.output and "unexpected failure" not in result.output, result.output


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(levels=st.integers(1, 12), width=st.integers(2, 9), where=st.sampled_from(["table", "cell", "top"]))
def test_yaml_alias_bombs(tmp_path_factory, levels, width, where):
    lines = ['a0: &a0 ["lol", "lol"]'] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]"
                                         for i in range(1, levels + 1)]
    body = {"table": f"organisations: *a{levels}",
            "cell": f"organisations:\n- {{id: a, name: *a{levels}, sector: vcs}}",
            "top": f"x: *a{levels}"}[where]
    path = tmp_path_factory.mktemp("alias") / "d.yaml"
    path.write_text("\n".join(lines) + "\n" + body + "\n")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    check_clean(result, (2,))
    assert "aliases are not accepted" in result.stderr


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(depth=st.integers(1, 5_000), kind=st.sampled_from(["json", "yaml"]), brackets=st.sampled_from(["[]", "{}"]),
       where=st.sampled_from(["top", "cell"]))
def test_deep_nesting(tmp_path_factory, depth, kind, brackets, where):
    opening, closing = brackets
    nested = (opening + ('"k": ' if opening == "{" else "")) * depth + "1" + closing * depth
    if where == "top":
        text = nested
    else:
        text = '{"organisations": [{"id": "a", "name": ' + nested + ', "sector": "vcs"}]}'
    path = tmp_path_factory.mktemp("deep") / f"d.{kind}"
    path.write_text(text)
    check_clean(CliRunner().invoke(cli, ["validate", str(path)]), (2,))


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(["part_of", "feeds_into", "network"]), n=st.integers(1, 2_500),
       command=st.sampled_from(["reach --from", "paths --seat", "paths -p", "feeds", "gaps", "plan", "summary"]))
def test_long_chains(tmp_path_factory, kind, n, command):
    import sys

    sys.path.insert(0, str(EXAMPLES.parent / "benchmarks"))
    from chains import chain

    path, _ = chain(kind, n, tmp_path_factory.mktemp("chain"))
    args = {"reach --from": ["reach", str(path), "-p", "board", "--from", "org"],
            "paths --seat": ["paths", str(path), "--seat", "seat"], "paths -p": ["paths", str(path), "-p", "board"],
            "feeds": ["feeds", str(path), "--organisation", "org"], "gaps": ["gaps", str(path)],
            "plan": ["plan", str(path), "-p", "board"], "summary": ["summary", str(path)]}[command]
    check_clean(CliRunner().invoke(cli, args), (0,))


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(["part_of", "feeds_into", "member", "link"]), ring=st.integers(1, 6),
       container=st.sampled_from(["json", "yaml"]))
def test_self_loops_and_rings_are_cycles(tmp_path_factory, kind, ring, container):
    import yaml

    ids = [f"x{i}" for i in range(ring)]
    data = {"organisations": [{"id": "o", "name": "O", "sector": "vcs"}]}
    if kind == "part_of":
        data["communities"] = [{"id": c, "name": c, "part_of": ids[(i + 1) % ring]} for i, c in enumerate(ids)]
    elif kind == "feeds_into":
        data["partnerships"] = [{"id": p, "name": p, "level": "board", "feeds_into": [ids[(i + 1) % ring]]}
                                for i, p in enumerate(ids)]
    elif kind == "member":
        data["networks"] = [{"id": n, "name": n, "led_by": "vcs"} for n in ids]
        data["memberships"] = [{"member": n, "network": ids[(i + 1) % ring]} for i, n in enumerate(ids)]
    else:
        data["partnerships"] = [{"id": p, "name": p, "level": "board"} for p in ids]
        data["links"] = [{"source": p, "target": ids[(i + 1) % ring], "kind": "feeds_into"} for i, p in enumerate(ids)]
    path = tmp_path_factory.mktemp("loop") / f"d.{container}"
    path.write_text(json.dumps(data) if container == "json" else yaml.safe_dump(data))
    result = CliRunner().invoke(cli, ["paths", str(path), "-p", ids[0]] if kind != "part_of" and kind != "member"
                                else ["gaps", str(path)])
    check_clean(result, (2,))
    assert re.search(r"(circle|member of itself|to itself)", result.stderr), result.stderr


def test_special_files_as_input_and_output(tmp_path):
    import os

    dataset = EXAMPLES / "hackney"
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    device = tmp_path / "zero.json"
    device.symlink_to("/dev/zero")
    folder_with_fifo = tmp_path / "ds"
    folder_with_fifo.mkdir()
    os.mkfifo(folder_with_fifo / "organisations.csv")
    for path in (fifo, device, folder_with_fifo):
        check_clean(CliRunner().invoke(cli, ["validate", str(path)]), (2,))
    for target in (fifo, device, tmp_path / "ds"):
        for to in ("csv", "xlsx", "graphml", "gexf", "popolo"):
            check_clean(CliRunner().invoke(cli, ["export", str(dataset), "--to", to, "-o", str(target)]), (2,))
    assert fifo.is_fifo() and device.is_symlink() and (folder_with_fifo / "organisations.csv").is_fifo()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=st.integers(0, 300), claimed=st.sampled_from(["A1:A2", "A1", "A1:C1", "A1:Z9999", "B2:B3"]))
def test_stale_dimensions(tmp_path_factory, rows, claimed):
    import zipfile

    from openpyxl import Workbook

    from graphmodel import read_dataset

    folder = tmp_path_factory.mktemp("dim")
    book = Workbook()
    book.active.title = "organisations"
    book.active.append(["id", "name", "sector"])
    for i in range(rows):
        book.active.append([f"o{i}", f"O{i}", "vcs"])
    book.save(folder / "fresh.xlsx")
    with zipfile.ZipFile(folder / "fresh.xlsx") as zin, zipfile.ZipFile(folder / "d.xlsx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="' + claimed.encode() + b'"/>', data)
            zout.writestr(item, data)
    assert len(read_dataset(folder / "d.xlsx").dataset.organisations) == rows


controls = st.text(alphabet=st.sampled_from([chr(c) for c in range(0, 32)] + ["\x7f", "\x9b", "\u202e", "\ufffe",
                                                                              "a", " ", "[", "m", "é"]),
                   min_size=1, max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=controls, to=st.sampled_from(["graphml", "gexf", "xlsx", "popolo", "csv"]))
def test_control_characters_in_names(tmp_path_factory, name, to):
    import networkx as nx

    folder = tmp_path_factory.mktemp("ctl")
    path = folder / "d.json"
    path.write_text(json.dumps({"organisations": [{"id": "o", "name": "x" + name, "sector": "vcs"}],
                                "partnerships": [{"id": "p", "name": name + "y", "level": "board"}],
                                "seats": [{"id": "s", "partnership": "p", "sector": "vcs", "holder": "o"}]}))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    check_clean(result)
    if result.exit_code != 0:
        return
    for args in (["gaps", str(path)], ["reach", str(path), "-p", "p"], ["summary", str(path)]):
        shown = CliRunner().invoke(cli, args)
        check_clean(shown, (0,))
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", shown.output), args
    target = folder / f"out.{to}"
    check_clean(CliRunner().invoke(cli, ["export", str(path), "--to", to, "-o", str(target)]), (0,))
    if to in ("graphml", "gexf"):
        (nx.read_graphml if to == "graphml" else nx.read_gexf)(target)
    elif to == "xlsx":
        from openpyxl import load_workbook

        load_workbook(target)
    elif to == "csv":
        check_clean(CliRunner().invoke(cli, ["validate", str(target)]))


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(existing=st.lists(st.sampled_from(["thesis.docx", "organisations.csv", "notes.txt", ".hidden",
                                          ".engagemap-output", "sub/"]), max_size=4, unique=True),
       force=st.booleans(), onto_input=st.booleans(), to=st.sampled_from(["csv", "xlsx", "popolo"]))
def test_outputs_onto_existing_folders_and_onto_the_input(tmp_path_factory, existing, force, onto_input, to):
    folder = tmp_path_factory.mktemp("out")
    source = folder / "in"
    source.mkdir()
    for f in (EXAMPLES / "hackney").glob("*.csv"):
        (source / f.name).write_bytes(f.read_bytes())
    target = source if onto_input else folder / "target"
    if not onto_input:
        target.mkdir()
    for name in existing:
        if name.endswith("/"):
            (target / name).mkdir(exist_ok=True)
        elif name == ".engagemap-output":
            (target / name).write_text("# written by engagemap\norganisations.csv\n")
        elif not (target / name).exists():
            (target / name).write_text("foreign " + name)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    args = ["export", str(source), "--to", to, "-o", str(target)] + (["--force"] if force else [])
    result = CliRunner().invoke(cli, args)
    check_clean(result)
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    if onto_input or result.exit_code != 0:
        assert after == before  # refused: nothing touched, nothing left behind
        return
    for path, content in before.items():  # only what engagemap wrote or --force named the same may change
        if path.parent == target and path.name != ".engagemap-output":
            assert path in after, path
            if after[path] != content:
                assert path.name == "organisations.csv" and (force or ".engagemap-output" in existing)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
