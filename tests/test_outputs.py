"""Outputs never destroy what engagemap did not write (issue 10, "do no harm")."""

import json
import os
import stat
import threading

import pytest
from click.testing import CliRunner
from helpers import small_network, write_dataset

from graphmodel import load_dataset
from graphmodel.cli import cli
from graphmodel.exceptions import OutputError
from graphmodel.files import MANIFEST, atomic_folder, atomic_path

GRANTS_HEADER = ["Identifier", "Title", "Currency", "Amount Awarded", "Award Date", "Recipient Org:Identifier",
                 "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name"]


def _inputs(tmp_path):
    """One input for every folder-writing command, and the command lines that write ``out``."""
    dataset = write_dataset(tmp_path, small_network())
    popolo = tmp_path / "p.json"
    assert CliRunner().invoke(cli, ["export", str(dataset), "--to", "popolo", "-o", str(popolo)]).exit_code == 0
    grants = tmp_path / "grants.csv"
    grants.write_text(",".join(GRANTS_HEADER) + "\n360G-1,Lunch,GBP,100,2024-04-01,GB-CHC-1,Club,GB-LAE-HCK,Council\n")
    extract = tmp_path / "ccew"
    extract.mkdir()
    (extract / "publicextract.charity.json").write_text(json.dumps([{
        "organisation_number": 1, "registered_charity_number": 1000001, "linked_charity_number": 0,
        "charity_name": "Elders Club", "charity_type": "Other", "charity_registration_status": "Registered",
        "charity_activities": "Lunch"}]))
    (extract / "publicextract.charity_classification.json").write_text("[]")
    (extract / "publicextract.charity_area_of_operation.json").write_text(json.dumps([{
        "organisation_number": 1, "registered_charity_number": 1000001, "linked_charity_number": 0,
        "geographic_area_type": "Local Authority", "geographic_area_description": "Hackney"}]))
    return {
        "export": ["export", str(dataset), "--to", "csv"],
        "import popolo": ["import", "popolo", str(popolo)],
        "import 360giving": ["import", "360giving", str(grants)],
        "import charity-commission": ["import", "charity-commission", "--extract", str(extract), "--area", "Hackney"],
        "synth": ["synth", "--areas", "1"],
    }


class FakeStore:
    def __init__(self, data):
        self.data = data

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def pull(self, name, *, include_people=False):
        return self.data


def _commands(tmp_path, monkeypatch):
    commands = _inputs(tmp_path)
    monkeypatch.setattr("graphmodel.cli.database.open_store", lambda *a, **k: FakeStore(load_dataset(
        write_dataset(tmp_path, small_network(), name="pulled"))))
    commands["neo4j pull"] = ["neo4j", "pull", "--dataset", "x"]
    return commands


def test_a_folder_holding_a_foreign_file_survives_every_folder_writing_command(tmp_path, monkeypatch):
    for name, args in _commands(tmp_path, monkeypatch).items():
        out = tmp_path / ("out-" + name.replace(" ", "-"))
        out.mkdir()
        (out / "thesis.docx").write_text("years of work")
        result = CliRunner().invoke(cli, [*args, "-o", str(out)])
        assert result.exit_code == 2, (name, result.output)
        assert "error: " in result.stderr and "did not write" in result.stderr and "Traceback" not in result.output
        assert [p.name for p in out.iterdir()] == ["thesis.docx"], name
        assert (out / "thesis.docx").read_text() == "years of work"
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], name  # nothing left beside it


def test_force_adds_the_output_and_keeps_foreign_files_and_a_rewrite_keeps_them_too(tmp_path):
    args = _inputs(tmp_path)["export"]
    out = tmp_path / "out"
    out.mkdir()
    (out / "thesis.docx").write_text("mine")
    (out / "organisations.csv").write_text("replaced by --force")
    assert CliRunner().invoke(cli, [*args, "-o", str(out), "--force"]).exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([MANIFEST, "thesis.docx", "communities.csv", "links.csv", "memberships.csv",
                            "networks.csv", "organisations.csv", "partnerships.csv", "people.csv", "reports.csv", "seats.csv"])
    assert "thesis.docx" not in (out / MANIFEST).read_text()
    assert CliRunner().invoke(cli, [*args, "-o", str(out)]).exit_code == 0  # engagemap wrote it: no --force needed
    assert (out / "thesis.docx").read_text() == "mine"
    assert load_dataset(out).organisations[0].id == "council"


def test_a_folder_engagemap_wrote_is_rewritten_replacing_only_what_it_listed(tmp_path):
    out = tmp_path / "out"
    with atomic_folder(out) as tmp:
        (tmp / "a.csv").write_text("1")
        (tmp / "b.csv").write_text("1")
    (out / "notes.txt").write_text("mine")
    with atomic_folder(out) as tmp:
        (tmp / "a.csv").write_text("2")
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "a.csv", "notes.txt"]
    assert (out / "a.csv").read_text() == "2"


def test_an_empty_folder_and_an_absent_one_are_written(tmp_path):
    for out in (tmp_path / "empty", tmp_path / "new" / "deeper"):
        if out.name == "empty":
            out.mkdir()
        with atomic_folder(out) as tmp:
            (tmp / "a.csv").write_text("1")
        assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "a.csv"]


def test_o_dot_is_refused_cleanly_when_the_folder_is_not_engagemap_s_and_works_when_empty(tmp_path, monkeypatch):
    args = _inputs(tmp_path)["export"]
    here = tmp_path / "here"
    here.mkdir()
    (here / "keep.txt").write_text("x")
    monkeypatch.chdir(here)
    result = CliRunner().invoke(cli, [*args, "-o", "."])
    assert result.exit_code == 2 and "did not write" in result.stderr
    assert [p.name for p in here.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    (here / "keep.txt").unlink()
    assert CliRunner().invoke(cli, [*args, "-o", "."]).exit_code == 0
    assert (here / "organisations.csv").exists() and os.getcwd() == str(here)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("kind", ["fifo", "symlink", "symlink to a folder", "device"])
@pytest.mark.parametrize("to", ["csv", "xlsx", "graphml", "gexf", "popolo"])
def test_o_a_special_file_is_refused_and_left_as_it_was(tmp_path, kind, to):
    args = _inputs(tmp_path)["export"][:2]
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(victim)
    elif kind == "symlink to a folder":
        (tmp_path / "folder").mkdir()
        target.symlink_to(tmp_path / "folder")
    else:  # a device node of our own (never a real one such as /dev/null: a broken check would replace it)
        try:
            os.mknod(target, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    before = os.lstat(target)
    result = CliRunner().invoke(cli, [*args, "--to", to, "-o", str(target)])
    assert result.exit_code == 2 and "will not replace it" in result.stderr, result.output
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)
    assert victim.read_text() == "precious"
    if kind == "symlink to a folder":
        assert list((tmp_path / "folder").iterdir()) == []


@pytest.mark.parametrize("to", ["xlsx", "graphml", "gexf", "popolo"])
def test_a_folder_where_a_file_is_wanted_and_a_file_where_a_folder_is_wanted(tmp_path, to):
    args = _inputs(tmp_path)["export"][:2]
    folder = tmp_path / "afolder"
    folder.mkdir()
    result = CliRunner().invoke(cli, [*args, "--to", to, "-o", str(folder)])
    assert result.exit_code == 2 and f"{folder} is a folder; engagemap writes only regular files" in result.stderr
    afile = tmp_path / "afile"
    afile.write_text("x")
    result = CliRunner().invoke(cli, [*args, "--to", "csv", "-o", str(afile)])
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr and afile.read_text() == "x"
    result = CliRunner().invoke(cli, [*args, "--to", to, "-o", str(afile / "inside")])
    assert result.exit_code == 2 and "a part of its path is a file" in result.stderr, result.output


@pytest.mark.parametrize("container,to", [("csv", "csv"), ("json", "popolo"), ("xlsx", "xlsx"),
                                          ("csv", "xlsx")])
def test_export_onto_its_own_input_is_refused_and_the_input_is_byte_identical(tmp_path, container, to):
    dataset = write_dataset(tmp_path, small_network(), container)
    if container == "csv":
        (dataset / "README").write_text("about this folder")
    files = sorted(dataset.rglob("*")) if dataset.is_dir() else [dataset]
    before = {p: p.read_bytes() for p in files}
    target = dataset if to != "xlsx" or container == "xlsx" else dataset / "inside.xlsx"
    result = CliRunner().invoke(cli, ["export", str(dataset), "--to", to, "-o", str(target), "--force"])
    assert result.exit_code == 2 and "the output" in result.stderr and "input" in result.stderr, result.output
    assert {p: p.read_bytes() for p in (sorted(dataset.rglob("*")) if dataset.is_dir() else [dataset])} == before


def test_import_onto_its_own_input_is_refused(tmp_path):
    args = _inputs(tmp_path)["import popolo"]
    before = (tmp_path / "p.json").read_bytes()
    result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path), "--force"])
    assert result.exit_code == 2 and "would hold the input" in result.stderr
    assert (tmp_path / "p.json").read_bytes() == before


def test_concurrent_writers_to_one_target_one_wins_whole_the_other_fails_cleanly(tmp_path):
    for kind in ("folder", "file"):
        target = tmp_path / f"out-{kind}"
        both_written = threading.Barrier(2)
        outcomes = {}

        def write(label):
            try:
                if kind == "folder":
                    with atomic_folder(target) as tmp:
                        for i in range(5):
                            (tmp / f"t{i}.csv").write_text(label)
                        both_written.wait(timeout=10)
                else:
                    with atomic_path(target) as tmp:
                        tmp.write_text(label)
                        both_written.wait(timeout=10)
                outcomes[label] = "ok"
            except OutputError as err:
                outcomes[label] = str(err)

        threads = [threading.Thread(target=write, args=(label,)) for label in ("A", "B")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        winners = [k for k, v in outcomes.items() if v == "ok"]
        assert len(winners) == 1, outcomes
        loser = ({"A", "B"} - set(winners)).pop()
        assert "changed while engagemap was writing it" in outcomes[loser]
        if kind == "folder":
            assert {p.read_text() for p in target.glob("*.csv")} == set(winners)
            assert len(list(target.glob("*.csv"))) == 5
        else:
            assert target.read_text() == winners[0]
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_full_disk_is_one_sentence_and_leaves_nothing(tmp_path):
    target = tmp_path / "out.json"
    with pytest.raises(OutputError, match="cannot write .*out.json: No space left on device"):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise OSError(28, "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_running_out_of_memory_is_one_sentence_and_exit_2(tmp_path, monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr("graphmodel.counts.summary_of_rows", exhausted)  # what the command calls
    result = CliRunner().invoke(cli, ["summary", str(write_dataset(tmp_path, small_network()))])
    assert result.exit_code == 2
    assert result.stderr == "error: this machine ran out of memory before the command could finish; nothing was " \
                            "written\n"
