"""engagemap report: the health check as HTML and PDF, each section present, names left out, escaped."""

import csv
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.healthcheck import SECTIONS


def text_of(page: str) -> str:
    """The visible text of a page (tags dropped, entities kept as written)."""
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    return re.sub(r"\( ", "(", re.sub(r" ([.,;:)])", r"\1", text))


@pytest.fixture
def gloucester(examples_dir, tmp_path):
    """The Gloucester example with a named person on a seat and a hostile organisation name."""
    folder = tmp_path / "gloucester"
    shutil.copytree(examples_dir / "gloucester", folder)
    with open(folder / "people.csv", "w", encoding="utf-8", newline="") as f:
        f.write("id,name,organisation\nchair-person,Margaret Example-Holder,gloucester-city-council\n")
    with open(folder / "seats.csv", encoding="utf-8", newline="") as f:
        seats = list(csv.DictReader(f))
    for s in seats:
        if s["id"] == "exec-chair":
            s["person"] = "chair-person"
        if s["id"] == "exec-community-4":
            s["term_end"] = "2025-02-01"
    with open(folder / "seats.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(seats[0]))
        writer.writeheader()
        writer.writerows(seats)
    with open(folder / "links.csv", encoding="utf-8", newline="") as f:
        links = [row for row in csv.DictReader(f)
                 if not (row["source"] == "exec-chair" and row["kind"] == "reports_back")]
    with open(folder / "links.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(links[0]))
        writer.writeheader()
        writer.writerows(links)
    (folder / "reports.csv").write_text("from,to,date,channel\nexec-community-1,cvs-networks,2024-11-05,newsletter\n"
                                        "exec-community-1,cvs-networks,2024-06-01,meeting\n", encoding="utf-8")
    orgs = (folder / "organisations.csv").read_text(encoding="utf-8")
    (folder / "organisations.csv").write_text(
        orgs.replace("Gloucestershire Police", "Police <script>alert(1)</script> & Co"), encoding="utf-8")
    return folder


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_html_has_every_section_and_no_names(gloucester, tmp_path):
    out = tmp_path / "exec.html"
    result = run("report", gloucester, "-p", "executive", "-o", out, "--as-of", "2025-01-01")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    text = text_of(page)
    for title in SECTIONS:
        assert f"<h2>{title}</h2>" in page
    assert "Margaret" not in page and "Example-Holder" not in page
    assert "a named person" in text
    assert "<script>" not in page and "Police &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    # what the sections say, for this dataset
    assert "13 seats, 13 filled; 8 for the VCS (62%)." in text
    assert "Represented by nobody: Westgate ward (westgate)." in text
    assert "exec-community-4: term ends 2025-02-01 (in 31 days); next holder elected by Gloucester CVS" in text
    assert "Gloucester CVS networks and VCS conference (cvs-networks) network 391 of 404" in text
    assert "No earlier version was given" in text
    # reporting back: routes, audience, and the evidence of the reports table
    assert ("exec-community-1 Gloucester CVS networks and VCS conference (cvs-networks) 399 organisations "
            "2024-11-05") in text
    assert "exec-community-2 Gloucester CVS networks and VCS conference (cvs-networks) 399 organisations never" in text
    assert "exec-chair no recorded route back not recorded" in text
    # offline: nothing to fetch
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', page)
    assert "<svg" in page


def test_include_people(gloucester, tmp_path):
    out = tmp_path / "exec.html"
    run("report", gloucester, "-p", "executive", "-o", out, "--include-people")
    assert "Margaret Example-Holder" in out.read_text(encoding="utf-8")


def test_since_names_what_changed(gloucester, examples_dir, tmp_path):
    out = tmp_path / "exec.html"
    seats = (gloucester / "seats.csv").read_text(encoding="utf-8")
    (gloucester / "seats.csv").write_text(seats.replace(
        "exec-rec,executive,vcs,bme,race-equality-council,standing,race-equality-council",
        "exec-rec,executive,vcs,bme,race-equality-council,standing,"), encoding="utf-8")
    result = run("report", gloucester, "-p", "executive", "-o", out, "--since", examples_dir / "gloucester")
    assert result.exit_code == 0, result.output
    text = text_of(out.read_text(encoding="utf-8"))
    assert "Since gloucester:" in text
    assert ("Race Equality Council for Gloucestershire lost its only seat on Gloucester Partnership Executive "
            "(seat exec-rec is now vacant).") in text


def test_all_partnerships(gloucester, tmp_path):
    out = tmp_path / "all.html"
    assert run("report", gloucester, "--all", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.count('<article class="partnership"') == 5
    assert page.count("<h2>Single points of failure</h2>") == 5


def test_usage_and_bad_output(gloucester, tmp_path):
    assert run("report", gloucester, "-o", tmp_path / "x.html").exit_code == 2
    bad = run("report", gloucester, "-p", "executive", "-o", tmp_path / "x.docx")
    assert bad.exit_code == 2 and "written as .html or .pdf" in bad.output
    assert not (tmp_path / "x.docx").exists()
    unknown = run("report", gloucester, "-p", "exec", "-o", tmp_path / "x.html")
    assert unknown.exit_code == 2 and "no partnership with id 'exec'" in unknown.output


def test_pdf_without_chromium_is_one_clear_sentence(gloucester, tmp_path, monkeypatch):
    import graphmodel.viz.render as render

    monkeypatch.setattr(render, "find_chromium", lambda: None)
    result = run("report", gloucester, "-p", "executive", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: a PDF needs Chromium")
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.browser
def test_pdf_has_the_sections(gloucester, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    from graphmodel.viz.render import find_chromium

    if find_chromium() is None:
        pytest.skip("no Chromium at /usr/bin/chromium")
    out = tmp_path / "exec.pdf"
    result = run("report", gloucester, "-p", "executive", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for title in SECTIONS:
        assert title in text
    assert "Margaret" not in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "(A4)" in info


def test_stale_reporting_and_deputies(gloucester, tmp_path):
    seats = (gloucester / "seats.csv").read_text(encoding="utf-8").splitlines()
    header = seats[0].split(",")
    extra = {k: "" for k in header}
    extra.update(id="exec-sub", partnership="executive", sector="vcs", voting="no")
    seats.append(",".join(extra[k] for k in header))
    (gloucester / "seats.csv").write_text("\n".join(seats) + "\n", encoding="utf-8")
    out = tmp_path / "exec.html"
    result = run("report", gloucester, "-p", "executive", "-o", out, "--as-of", "2025-12-01")
    assert result.exit_code == 0, result.output
    text = text_of(out.read_text(encoding="utf-8"))
    assert "14 seats, 13 filled; 9 for the VCS (64%); 13 voting, 8 of them for the VCS (62%)." in text
    assert "2024-11-05 (stale)" in text  # more than 6 months before 2025-12-01
