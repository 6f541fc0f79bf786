"""engagemap diff: two versions of each example (the second made by editing a copy), exact results."""

import csv
import json
import shutil

import pytest
from click.testing import CliRunner

from graphmodel import Dataset, diff, gaps, build_graph, load_dataset
from graphmodel.cli import cli
from graphmodel.exporting import export
from graphmodel.model import TABLES

EXAMPLES = ("gloucester", "hackney", "islington")


def read(folder, table):
    with open(folder / f"{table}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write(folder, table, rows):
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def edited_copy(examples_dir, tmp_path, name):
    """A second version: the first filled VCS seat vacated, the first membership dropped, one
    organisation added, one network renamed. Returns (folder, what was done)."""
    new = tmp_path / f"{name}-new"
    shutil.copytree(examples_dir / name, new)
    seats = read(new, "seats")
    vacated = next(s for s in seats if s["sector"] == "vcs" and s["holder"])
    done = {"seat": vacated["id"], "holder": vacated["holder"], "person": vacated.get("person") or None,
            "partnership": vacated["partnership"]}
    vacated["holder"] = ""
    vacated["person"] = ""
    write(new, "seats", seats)
    members = read(new, "memberships")
    done["membership"] = f"{members[0]['member']}->{members[0]['network']}"
    write(new, "memberships", members[1:])
    orgs = read(new, "organisations")
    orgs.append({**{k: "" for k in orgs[0]}, "id": "new-group", "name": "New Group", "sector": "vcs"})
    write(new, "organisations", orgs)
    networks = read(new, "networks")
    done["network"], done["old_name"] = networks[0]["id"], networks[0]["name"]
    networks[0]["name"] = "Renamed Forum"
    write(new, "networks", networks)
    return new, done


@pytest.mark.parametrize("name", EXAMPLES)
def test_two_versions_of_each_example(examples_dir, tmp_path, name):
    new, done = edited_copy(examples_dir, tmp_path, name)
    old_ds, new_ds = load_dataset(examples_dir / name), load_dataset(new)
    d = diff(old_ds, new_ds)
    assert d.added == {t: ["new-group"] if t == "organisations" else [] for t in TABLES}
    assert d.removed["memberships"] == [done["membership"]]
    assert all(not ids for t, ids in d.removed.items() if t != "memberships")
    fields = {"holder": [done["holder"], None]}
    if done["person"]:
        fields["person"] = [done["person"], None]
    assert [c.as_dict() for c in d.changed["seats"]] == [{"id": done["seat"], "fields": fields}]
    assert [c.as_dict() for c in d.changed["networks"]] == [
        {"id": done["network"], "fields": {"name": [done["old_name"], "Renamed Forum"]}}]
    assert all(not cs for t, cs in d.changed.items() if t not in ("seats", "networks"))
    # the gaps part against gaps() of each version
    before = {p.id: p for p in gaps(build_graph(old_ds)).partnerships}
    after = {p.id: p for p in gaps(build_graph(new_ds)).partnerships}
    assert [g.partnership for g in d.gaps] == sorted(before)
    for g in d.gaps:
        assert g.newly_unrepresented == sorted(set(after[g.partnership].unrepresented)
                                               - set(before[g.partnership].unrepresented))
        assert g.newly_represented == []
        assert g.resolved_breaches == []
    holder_name = {o.id: o.name for o in old_ds.organisations}[done["holder"]]
    sentences = d.sentences()
    assert any(s.startswith(f"{holder_name} lost") and f"seat {done['seat']} is now vacant" in s
               for s in sentences), sentences
    assert "New organisation: New Group (new-group)." in sentences


def test_gloucester_loses_its_bme_representation(examples_dir, tmp_path):
    """Vacate both seats that speak for BME communities on the executive: the executive's
    bme:1 rule is newly broken and bme and its narrower communities newly unrepresented."""
    new = tmp_path / "glos"
    shutil.copytree(examples_dir / "gloucester", new)
    seats = read(new, "seats")
    for s in seats:
        if s["id"] in ("exec-rec", "exec-community-1"):
            s["holder"] = ""
    write(new, "seats", seats)
    d = diff(load_dataset(examples_dir / "gloucester"), load_dataset(new))
    executive = next(g for g in d.gaps if g.partnership == "executive")
    assert executive.newly_unrepresented == ["bme", "chinese-women", "hindu"]
    assert executive.new_breaches == [
        {"rule": "required", "detail": "bme must hold at least 1 filled seat of the group 'community reps'; it holds 0"}
    ]
    board = next(g for g in d.gaps if g.partnership == "gloucester-partnership")
    assert board.newly_unrepresented == ["bme", "chinese-women", "hindu"]  # the executive feeds into it
    # and back again: the breach is resolved
    back = diff(load_dataset(new), load_dataset(examples_dir / "gloucester"))
    executive = next(g for g in back.gaps if g.partnership == "executive")
    assert executive.newly_represented == ["bme", "chinese-women", "hindu"]
    assert executive.resolved_breaches == [{"rule": "required",
                                           "detail": "bme must hold at least 1 filled seat of the group 'community reps'; it holds 0"}]
    assert "Race Equality Council for Gloucestershire lost its only seat on Gloucester Partnership Executive " \
           "(seat exec-rec is now vacant)." in d.sentences()


def test_same_dataset_in_another_container_has_no_changes(examples_dir, tmp_path):
    ds = load_dataset(examples_dir / "hackney")
    export(ds, "xlsx", tmp_path / "hackney.xlsx")
    d = diff(ds, load_dataset(tmp_path / "hackney.xlsx"))
    assert d.empty and d.sentences() == []


def test_whole_rows_changed_role_is_removed_and_added():
    base = dict(organisations=[{"id": "a", "name": "A", "sector": "vcs"}],
                networks=[{"id": "n", "name": "N", "led_by": "vcs"}])
    old = Dataset(**base, memberships=[{"member": "a", "network": "n", "role": "member"}])
    new = Dataset(**base, memberships=[{"member": "a", "network": "n", "role": "chair"}],
)
    d = diff(old, new)
    assert d.removed["memberships"] == ["a->n"] and d.added["memberships"] == ["a->n"]


def test_people_names_withheld_unless_asked():
    base = dict(organisations=[{"id": "a", "name": "A", "sector": "vcs"}])
    old = Dataset(**base, people=[{"id": "p1", "name": "Jo Bloggs"}])
    new = Dataset(**base, people=[{"id": "p1", "name": "Jo Smith"}])
    assert diff(old, new).changed["people"][0].fields == {"name": ["(withheld)", "(withheld)"]}
    assert diff(old, new, include_people=True).changed["people"][0].fields == {"name": ["Jo Bloggs", "Jo Smith"]}
    assert "Jo" not in " ".join(diff(old, new).sentences())


def test_cli_formats(examples_dir, tmp_path):
    new, done = edited_copy(examples_dir, tmp_path, "islington")
    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["diff", str(examples_dir / "islington"), str(new), "--format", "json"]).output)
    assert set(data) >= {"added", "removed", "changed", "gaps"}
    assert data["added"]["organisations"] == ["new-group"]
    table = runner.invoke(cli, ["diff", str(examples_dir / "islington"), str(new)])
    assert table.exit_code == 0
    assert "  - New organisation: New Group (new-group)." in table.output
    assert "lost" in table.output
    rows = runner.invoke(cli, ["diff", str(examples_dir / "islington"), str(new), "--format", "csv"]).output
    assert "added,organisations,new-group,,," in rows.splitlines()
    assert f"removed,memberships,{done['membership']},,," in rows.splitlines()
    same = runner.invoke(cli, ["diff", str(examples_dir / "islington"), str(examples_dir / "islington")])
    assert same.output.splitlines()[-1] == "  - No changes."


def test_cli_bad_dataset(examples_dir, tmp_path):
    result = CliRunner().invoke(cli, ["diff", str(examples_dir / "islington"), str(tmp_path / "nope")])
    assert result.exit_code == 2


def test_reports_compared_as_whole_rows():
    base = dict(organisations=[{"id": "a", "name": "A", "sector": "vcs"}],
                networks=[{"id": "n", "name": "Forum", "led_by": "vcs"}],
                partnerships=[{"id": "p", "name": "Board", "level": "board"}],
                seats=[{"id": "s", "partnership": "p", "sector": "vcs", "holder": "a"}],
                links=[{"source": "s", "target": "n", "kind": "reports_back"}])
    old = Dataset(**base, reports=[{"from": "s", "to": "n", "date": "2025-01-10"}])
    new = Dataset(**base, reports=[{"from": "s", "to": "n", "date": "2025-01-10"},
                                   {"from": "s", "to": "n", "date": "2025-04-10", "channel": "meeting"}])
    d = diff(old, new)
    assert d.added["reports"] == ["s->n"] and d.removed["reports"] == []
    assert d.sentences() == ["New report: s to Forum on 2025-04-10."]


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_command_reads_rows_and_gives_the_librarys_answer(examples_dir, tmp_path, name):
    """``engagemap diff`` compares the rows as read (no models, graphmodel.diffing.diff_rows): its
    answer is the one :func:`diff` gives for the two loaded datasets, a changed ``required`` rule included."""
    from graphmodel.output import to_json

    new, _ = edited_copy(examples_dir, tmp_path, name)
    parts = read(new, "partnerships")
    parts[-1]["required"] = "older-people:2@community reps; bme:1"
    write(new, "partnerships", parts)
    communities = read(new, "communities")
    if not any(c["id"] == "older-people" for c in communities):
        communities.append({**{k: "" for k in communities[0]}, "id": "older-people", "name": "Older people"})
        write(new, "communities", communities)
    done = CliRunner().invoke(cli, ["diff", str(examples_dir / name), str(new), "--format", "json",
                                    "--as-of", "2025-06-01"])
    assert done.exit_code == 0, done.output
    expected = diff(load_dataset(examples_dir / name), load_dataset(new), as_of=__import__("datetime").date(2025, 6, 1))
    assert done.stdout == to_json(expected.as_dict()) + "\n"
    changed = {c["id"]: c["fields"] for c in json.loads(done.stdout)["changed"]["partnerships"]}
    assert changed[parts[-1]["id"]]["required"][1] == ["older-people:2@community reps", "bme:1"]


def test_one_dataset_given_twice_is_read_once_and_its_warnings_shown_for_each(tmp_path):
    from graphmodel.diffing import diff_rows
    from graphmodel.load import read_rows

    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name,sector,colour\na,A,vcs,red\n")
    done = CliRunner().invoke(cli, ["diff", str(folder), str(folder), "--format", "json"])
    assert done.exit_code == 0
    warned = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warned) == 2 and warned[0] == warned[1] and "colour" in warned[0]
    name, rows, _ = read_rows(folder)
    assert diff_rows(name, rows, name, rows).as_dict() == diff(load_dataset(folder), load_dataset(folder)).as_dict()
