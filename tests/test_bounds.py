"""Issue 10: every input is bounded while reading; every failure is one located sentence and exit 2."""

import json
import os
import re
import zipfile

import pytest

from graphmodel.exceptions import EngagemapError
from click.testing import CliRunner

from graphmodel import read_dataset
from graphmodel.cli import cli


def problems(path):
    return [str(p) for p in read_dataset(path).problems]


def validate(path):
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2 and "unexpected failure" not in result.output and "Traceback" not in result.output
    return result.stderr


def test_a_yaml_alias_bomb_is_refused_before_expansion(tmp_path):
    path = tmp_path / "bomb.yaml"
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]  # 9**10 items if expanded
    path.write_text("\n".join(lines) + "\norganisations: *a9\n")
    assert problems(path) == ["bomb.yaml: line 2: the alias *a0 refers to another part of the file; aliases are not "
                              "accepted in a dataset (write the values out)"]


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_deep_nesting_is_refused(tmp_path, suffix):
    path = tmp_path / f"deep.{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000)
    found = problems(path)
    assert len(found) == 1 and "nested" in found[0] and found[0].startswith(f"deep.{suffix}: ")


@pytest.mark.parametrize("suffix", ["json", "yaml", "csv"])
def test_a_4300_digit_integer_is_refused_at_its_cell(tmp_path, suffix):
    digits = "9" * 5000
    if suffix == "json":
        path = tmp_path / "d.json"
        path.write_text('{"organisations": [{"id": "a", "name": "A", "sector": "vcs", "count": ' + digits + "}]}")
        where = "d.json, table 'organisations', item 1"
    elif suffix == "yaml":
        path = tmp_path / "d.yaml"
        path.write_text("organisations:\n- {id: a, name: A, sector: vcs, count: " + digits + "}\n")
        where = "d.yaml, table 'organisations', item 1"
    else:
        path = tmp_path / "d"
        path.mkdir()
        (path / "organisations.csv").write_text("id,name,sector,count\na,A,vcs," + digits + "\n")
        where = "organisations.csv, row 2"
    assert problems(path) == [f"{where}, column count, value '99999999999999999999...': is too large: whole numbers "
                              f"in a dataset are at most 1,000,000,000,000"]


def test_huge_counts_and_nan_and_infinity_are_refused_at_validate_time(tmp_path):
    path = tmp_path / "d.json"
    path.write_text('{"organisations": [{"id": "a", "name": "A", "sector": "vcs", "count": 10000000000000},'
                    ' {"id": "b", "name": "B", "sector": "vcs", "count": NaN}],'
                    ' "partnerships": [{"id": "p", "name": "P", "level": "board", "min_vcs_share": "nan"},'
                    ' {"id": "q", "name": "Q", "level": "board", "min_vcs_share": Infinity}]}')
    assert problems(path) == [
        "d.json, table 'organisations', item 1, column count, value 10000000000000: is too large: whole numbers in a "
        "dataset are at most 1,000,000,000,000",
        "d.json, table 'organisations', item 2, column count, value nan: not a whole number",
        "d.json, table 'partnerships', item 1, column min_vcs_share, value 'nan': not a finite number (NaN and "
        "infinity are not amounts)",
        "d.json, table 'partnerships', item 2, column min_vcs_share, value inf: not a finite number (NaN and infinity "
        "are not amounts)"]


def test_a_gigabyte_row_of_commas_is_refused_without_reading_it_all(tmp_path):
    folder = tmp_path / "wide"
    folder.mkdir()

    path = folder / "organisations.csv"
    with open(path, "w") as f:
        f.write("id,name,sector\na,A,vcs\n")
        f.write("," * 50_000_000)  # 50 MB; the limit fires after the first megabyte
    assert problems(folder) == ["organisations.csv, row 3: this row has more than 1000 cells; at most 1000 are "
                                "allowed, so the rest of the file was not read"]


def test_a_very_long_line_is_refused(tmp_path, monkeypatch):
    import graphmodel.importers.csv_reader as csv_reader

    monkeypatch.setattr(csv_reader, "MAX_LINE_BYTES", 3 * 1024 * 1024)
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name,sector\na,A,vcs\nb,B," + "x" * 5_000_000 + "\n")
    assert problems(folder) == ["organisations.csv, row 3: this row is longer than 3 MB, more than any table needs, "
                                "so the rest of the file was not read"]


def test_a_bad_byte_is_reported_at_its_true_row(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    rows = [b"o%d,O,vcs\n" % i for i in range(2, 2000)]
    rows[498] = b"o500,\xff,vcs\n"  # row 500
    (folder / "organisations.csv").write_bytes(b"id,name,sector\n" + b"".join(rows))
    assert problems(folder) == ["organisations.csv, row 500: this row is not UTF-8 text, so the rest of the file was "
                                "not read; in Excel save the file as 'CSV UTF-8 (Comma delimited)'"]


def test_old_mac_line_ends_still_read(tmp_path):
    folder = tmp_path / "mac"
    folder.mkdir()
    (folder / "organisations.csv").write_bytes(b"id,name,sector\ra,A,vcs\rb,B,vcs\r")
    assert [o.id for o in read_dataset(folder).dataset.organisations] == ["a", "b"]


@pytest.mark.parametrize("kind", ["fifo", "device", "fifo in a folder"])
def test_special_files_are_refused_without_hanging(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "x.json"
        os.mkfifo(path)
    elif kind == "device":
        path = tmp_path / "x.json"
        path.symlink_to("/dev/zero")
    else:
        path = tmp_path / "d"
        path.mkdir()
        os.mkfifo(path / "organisations.csv")
    message = validate(path)
    what = "a device" if kind == "device" else "a FIFO (named pipe)"
    assert f"this is {what}, not a" in message


def _stale_workbook(path, rows=50):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "organisations"
    sheet.append(["id", "name", "sector"])
    for i in range(rows):
        sheet.append([f"o{i}", f"O{i}", "vcs"])
    fresh = path.with_name("fresh.xlsx")
    book.save(fresh)
    with zipfile.ZipFile(fresh) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:A2"/>', data)
                assert n == 1
            zout.writestr(item, data)
    return path


def test_a_stale_dimension_workbook_yields_every_row(tmp_path):
    path = _stale_workbook(tmp_path / "stale.xlsx")
    dataset = read_dataset(path).dataset
    assert [o.id for o in dataset.organisations] == [f"o{i}" for i in range(50)]
    assert dataset.organisations[-1].name == "O49"


def test_an_xlsx_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<c><is><t>" + b"A" * 120_000_000 + b"</t></is></c>")
    message = validate(path)
    assert "bomb.xlsx: this workbook would unpack to 120,000,031 bytes" in message and "zip bomb" in message


def test_an_overlong_xlsx_cell_is_refused_at_its_row(tmp_path, monkeypatch):
    import graphmodel.importers.xlsx_reader as xlsx_reader
    from openpyxl import Workbook

    monkeypatch.setattr(xlsx_reader, "MAX_CELL_CHARS", 100)
    book = Workbook()
    book.active.title = "organisations"
    book.active.append(["id", "name", "sector"])
    book.active.append(["a", "A", "vcs"])
    book.active.append(["b", "B" * 101, "vcs"])
    book.save(tmp_path / "long.xlsx")
    assert problems(tmp_path / "long.xlsx") == [
        "long.xlsx, sheet 'organisations', row 3: a cell in this row is longer than 100 characters, which is more "
        "than any table cell needs, so the rest of the sheet was not read"]


@pytest.mark.parametrize("content", [b"PK\x03\x04garbage", b"id,name\n", None])
def test_a_fake_xlsx_is_one_sentence(tmp_path, content):
    path = tmp_path / "fake.xlsx"
    if content is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "not a workbook")
    else:
        path.write_bytes(content)
    message = validate(path)
    assert message.startswith("error: fake.xlsx: this ") and message.count("error:") == 1


def test_a_folder_where_a_file_is_wanted(tmp_path):
    folder = tmp_path / "grants.csv"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["import", "360giving", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "is a directory" in result.output


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_duplicate_keys_are_refused_with_their_line(tmp_path, suffix):
    path = tmp_path / f"dup.{suffix}"
    if suffix == "json":
        path.write_text('{"organisations": [{"id": "a", "name": "A", "sector": "vcs"}],\n"organisations": []}')
        assert problems(path) == ["dup.json: line 2: the key 'organisations' appears twice in one object; the first "
                                  "would be lost"]
    else:
        path.write_text("organisations:\n- {id: a, name: A, sector: vcs, name: B}\n")
        assert problems(path) == ["dup.yaml: line 2: the key 'name' appears twice in one mapping; the first would "
                                  "be lost"]


@pytest.mark.parametrize("container", ["json", "csv"])
def test_a_newline_inside_an_id_is_rejected(tmp_path, container):
    if container == "json":
        path = tmp_path / "d.json"
        path.write_text(json.dumps({"organisations": [{"id": "a\nb", "name": "A", "sector": "vcs"},
                                                      {"id": "c", "name": "C", "sector": "vcs"}]}))
    else:
        path = tmp_path / "d"
        path.mkdir()
        (path / "organisations.csv").write_text('id,name,sector\n"a\nb",A,vcs\nc,C,vcs\n')
    found = problems(path)
    assert len(found) == 1 and "value 'a\\nb': not a valid id" in found[0]


def test_error_messages_never_quote_a_people_value(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"organisations": [{"id": "a", "name": "A", "sector": "vcs"}],
                                "people": [{"id": "p1", "name": ["Ada", "Lovelace"], "organisation": "a"},
                                           {"id": "p2", "name": "Grace Hopper", "notes": {"about": "Hopper"},
                                            "organisation": "nowhere"}]}))
    stderr = validate(path)
    assert "Lovelace" not in stderr and "Hopper" not in stderr
    assert "d.json, table 'people', item 1, column name: expected a single value, found a list" in stderr
    assert "d.json, table 'people', item 2, column notes: expected a single value, found a dict" in stderr


def test_neo4j_query_params_named_text_or_self_are_parameters():
    from graphmodel.store import Neo4jStore

    from contextlib import nullcontext

    class Driver:  # records what a session's transaction is asked to run
        def session(self, **options):
            return nullcontext(self)

        def begin_transaction(self):
            return nullcontext(self)

        def run(self, query, parameters=None, **kwparameters):  # the driver's Transaction.run
            self.params = {**(parameters or {}), **kwparameters}
            return []

    store = Neo4jStore("neo4j://x", "u", "p", driver=Driver())
    assert store.read("RETURN $text, $self, $query, $parameters", text="1", self="2", query="3", parameters="4") == []
    assert store.driver.params == {"text": "1", "self": "2", "query": "3", "parameters": "4"}
    with pytest.raises(EngagemapError, match="unknown: self, text"):  # a named query names its parameters
        store.query("reach", {"text": "1", "self": "2", "partnership": "b", "dataset": "d"})


def test_an_io_error_while_reading_is_one_sentence(tmp_path, monkeypatch):
    import graphmodel.importers.csv_reader as csv_reader

    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name,sector\n" + "".join(f"o{i},O,vcs\n" for i in range(100)))
    real = csv_reader._lines

    def failing(handle, delimiter=b","):
        for i, line in enumerate(real(handle, delimiter)):
            if i == 10:
                raise OSError(5, "Input/output error")
            yield line

    monkeypatch.setattr(csv_reader, "_lines", failing)
    assert problems(folder) == ["organisations.csv, row 11: the file could not be read from this row on "
                                "(Input/output error), so the rest was not read"]


def test_a_header_wider_than_the_limit_is_one_sentence(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "organisations.csv").write_text(",".join(f"c{i}" for i in range(3000)) + "\n")
    assert problems(folder) == ["organisations.csv: the header row has 3000 cells; at most 1000 columns are "
                                "allowed, so the table was not read"]


@pytest.mark.parametrize("uri", ["neo4j://user:secret@[::1", "neo4j://user:secret@h:99999", "nonsense"])
def test_a_malformed_neo4j_uri_is_one_sentence_that_does_not_repeat_the_password(uri):
    result = CliRunner().invoke(cli, ["neo4j", "query", "reach", "--dataset", "d", "--uri", uri,
                                      "--param", "partnership=b"], env={"NEO4J_PASSWORD": "x"})
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot use the Neo4j address"), lines
    assert "secret" not in result.output
