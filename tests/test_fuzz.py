"""Fuzzing the readers and validation with hypothesis: whatever comes in, `engagemap validate`
exits 0 or 2, never prints a traceback, and every problem names its file or sheet and row."""

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
    assert "Traceback" not in result.output
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
    folder = tmp_path_factory.mktemp("mut")
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
    check(CliRunner().invoke(cli, ["validate", str(folder)]))


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
