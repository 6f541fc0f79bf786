"""Big or broken input, interrupted writes, and personal data: what must never go wrong."""

import signal
import subprocess
import sys
import time

from click.testing import CliRunner
from helpers import small_network, write_dataset

from graphmodel import read_dataset
from graphmodel.cli import cli


def test_a_ten_megabyte_cell_is_refused_with_a_clear_message(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    with open(folder / "organisations.csv", "w", encoding="utf-8") as f:
        f.write("id,name,sector,notes\na,A,vcs,ok\nb,B,vcs,\"" + "x" * 10_000_000 + "\"\nc,C,vcs,\n")
    problems = read_dataset(folder).problems
    assert [str(p) for p in problems] == [
        "organisations.csv, row 3: a cell in this row is longer than 1,000,000 characters, which is more than any "
        "table cell needs, so the rest of the file was not read"]


def test_a_row_with_ten_thousand_columns_is_refused(tmp_path):
    folder = tmp_path / "wide"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name,sector\na,A,vcs\n" + ",".join(["x"] * 10_000) + "\n")
    problems = read_dataset(folder).problems
    assert len(problems) == 1
    assert str(problems[0]).startswith("organisations.csv, row 3: this row has 10000 cells; at most 1000 are allowed")


def _interrupt_synth(tmp_path, sig):
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("the previous output")
    proc = subprocess.Popen([sys.executable, "-m", "graphmodel.cli", "synth", "--areas", "40", "--seed", "1", "--force", "-o",
                             str(target)], stderr=subprocess.PIPE,
                            # a test runner may ignore SIGINT, and a child inherits that: give it the default back
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    # signal as soon as the first table is in the temporary folder: the write is under way
    while time.time() < deadline and not any(p.name.endswith(".part") and any(p.iterdir())
                                             for p in tmp_path.iterdir()):
        time.sleep(0.005)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return target


def test_ctrl_c_mid_write_leaves_nothing_partial_and_the_old_output_untouched(tmp_path):
    target = _interrupt_synth(tmp_path, signal.SIGINT)
    assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the temporary folder is gone too


def test_a_killed_write_never_touches_the_old_output(tmp_path):
    target = _interrupt_synth(tmp_path, signal.SIGKILL)
    assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]  # (a killed process cannot tidy its temp)


def test_no_output_shows_a_person_s_name_unless_asked(tmp_path, examples_dir):
    data = small_network()  # people: Ada Example, holding a seat
    dataset = write_dataset(tmp_path, data)
    name = "Ada Example"
    runner = CliRunner()
    printed = [
        ["validate", dataset], ["summary", dataset, "--format", "json"],
        ["reach", dataset, "-p", "board", "--format", "json"], ["gaps", dataset, "--format", "json"],
        ["gaps", dataset, "--format", "csv"], ["paths", dataset, "--seat", "s-board-vcs", "--format", "json"],
        ["paths", dataset, "-p", "board", "--format", "csv"], ["plan", dataset, "-p", "board", "--format", "json"],
        ["feeds", dataset, "-o", "cvs", "--format", "json"],
    ]
    for args in printed:
        result = runner.invoke(cli, [str(a) for a in args])
        assert result.exit_code == 0 and name not in result.output, args
    files = {"map.html": ["map"], "map.svg": ["map"], "e.csv": ["export", "--to", "csv"],
             "e.xlsx": ["export", "--to", "xlsx"], "e.graphml": ["export", "--to", "graphml"],
             "e.gexf": ["export", "--to", "gexf"], "e.json": ["export", "--to", "popolo"]}
    for out, args in files.items():
        target = tmp_path / out
        assert runner.invoke(cli, [args[0], str(dataset), *args[1:], "-o", str(target)]).exit_code == 0
        content = b"".join(p.read_bytes() for p in ([target] if target.is_file() else target.iterdir()))
        if out.endswith(".xlsx"):
            import zipfile

            with zipfile.ZipFile(target) as z:
                content = b"".join(z.read(n) for n in z.namelist())
        assert name.encode() not in content, out
    asked = tmp_path / "named.html"
    runner.invoke(cli, ["map", str(dataset), "--show-people", "-o", str(asked)])
    assert name in asked.read_text()
    runner.invoke(cli, ["export", str(dataset), "--to", "csv", "--include-people", "-o", str(tmp_path / "named")])
    assert name in (tmp_path / "named" / "people.csv").read_text()
