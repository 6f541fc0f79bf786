"""The synthetic dataset generator."""

import hashlib

from click.testing import CliRunner

from graphmodel import gaps, load_dataset, summary
from graphmodel.cli import cli
from graphmodel.graph import build_graph


def digest(folder):
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir())}


def test_same_seed_same_bytes_and_another_seed_differs(tmp_path):
    runner = CliRunner()
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        result = runner.invoke(cli, ["synth", "--areas", "2", "--seed", str(seed), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_one_area_has_the_shape_of_a_borough(tmp_path):
    CliRunner().invoke(cli, ["synth", "--areas", "1", "--seed", "1", "-o", str(tmp_path / "b")])
    ds = load_dataset(tmp_path / "b")
    counts = summary(ds)
    assert 1990 <= counts.tables["organisations"] <= 2010
    assert 55 <= counts.tables["networks"] <= 65
    assert 40 <= counts.tables["partnerships"] <= 46
    assert 250 <= counts.tables["seats"] <= 350
    assert counts.tables["communities"] == 25
    assert counts.vacant_seats and counts.inactive_organisations
    assert any(o.kind == "placeholder" and o.count > 1 for o in ds.organisations)
    assert {n.led_by.value for n in ds.networks} == {"vcs", "statutory", "joint"}
    assert any(c.part_of for c in ds.communities)
    networks = {n.id for n in ds.networks}
    assert any(m.member in networks for m in ds.memberships)  # networks of networks
    result = gaps(build_graph(ds))
    assert any(p.expired_seats for p in result.partnerships)
    assert any(p.seats_without_reporting_back for p in result.partnerships)


def test_areas_share_county_bodies(tmp_path):
    CliRunner().invoke(cli, ["synth", "--areas", "12", "--seed", "1", "-o", str(tmp_path / "n")])
    ds = load_dataset(tmp_path / "n")
    assert {p.id for p in ds.partnerships if p.id.startswith("county")} == {"county01-board", "county02-board"}
    assert sum(1 for p in ds.partnerships if "county01-board" in p.feeds_into) == 10
