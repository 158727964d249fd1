"""The ``dk-clusters`` command line.

Errors, exit codes and the console script are tested on the installed script in a
subprocess, as a user meets them; output is tested in-process, which is quicker.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import dk_clusters
from dk_clusters.cli import main

SCRIPT = Path(sys.executable).parent / "dk-clusters"


def run_script(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`main` in this process, with what a subprocess would have given."""
    out, err = io.StringIO(), io.StringIO()
    stdin_bytes = io.TextIOWrapper(io.BytesIO((stdin or "").encode()), encoding="utf-8")
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(sys, "stdin", stdin_bytes)
        try:
            code = main(list(args))
        except SystemExit as e:
            code = int(e.code or 0)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def test_script_and_module_are_the_same_program() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "dk_clusters", "stats"], capture_output=True, text=True, check=True
    )
    assert run_script("stats").stdout == module.stdout


def test_no_command_prints_the_summary(tmp_path: Path) -> None:
    result = run()
    assert result.returncode == 0
    assert result.stdout.startswith("80 clusters as of 2026-12\n")
    assert "\n  Hovedstaden      8  17.0%   8/47\n" in result.stdout  # of the 47 existing then
    assert "Members of programmes (2026-12):" in result.stdout
    past = tmp_path / "2017.json"
    past.write_text(dk_clusters.load().as_of("2017-09").to_json(), encoding="utf-8")
    then = run("--registry", str(past))
    assert "Backed by Syddansk Vækstforum: 5 of 65" in then.stdout


def test_list_filters() -> None:
    result = run("list", "--region", "Syddanmark", "--label", "gold", "--on", "2017-09", "--json")
    assert result.returncode == 0
    ids = [c["id"] for c in json.loads(result.stdout)]
    assert ids == [
        "odense-robotics",
        "welfare-tech",
        "d2i",
        "offshoreenergy-dk",
        "dansk-materiale-netvaerk",
    ]
    backed = json.loads(
        run("list", "--backer", "syddansk-vaekstforum", "--on", "2017-09", "--json").stdout
    )
    assert [c["id"] for c in backed] == [
        "clean",
        "odense-robotics",
        "welfare-tech",
        "d2i",
        "offshoreenergy-dk",
    ]
    mid_2018 = json.loads(run("list", "--label", "gold", "--on", "2018-06", "--json").stdout)
    assert [c["id"] for c in mid_2018] == [
        "odense-robotics",
        "dansk-materiale-netvaerk",
        "gate-21",
        "medicon-valley-alliance",
        "damrc",  # gold awarded after the press release
        "maritime-development-center",
    ]
    assert json.loads(run("list", "--label", "gold", "--json").stdout) == []  # none certain now


def test_tables_fit_in_80_columns() -> None:
    for args in (
        ["list"],
        ["stats"],
        ["check", "d2i"],
        ["regions"],
        ["show", "clean"],
        ["check", "d2i", "--lang", "da"],
    ):
        lines = run(*args).stdout.splitlines()
        too_wide = [line for line in lines if len(line) > 80 and "://" not in line]
        assert not too_wide, (args, too_wide)


def test_show_and_check_in_danish() -> None:
    result = run("check", "D2i", "--on", "2017-09", "--lang", "da")
    assert result.returncode == 0
    assert result.stdout.startswith(
        "D2i – Design to Innovate: ukendt (Syddansk Vækstforum, 2017-09)"
    )
    assert "opfyldt" in result.stdout
    shown = run("show", "dansk materiale netvaerk").stdout
    assert "Esbjerg, Syddanmark" in shown


def test_stats_json_reproduces_the_press_release() -> None:
    stats = json.loads(run("stats", "--on", "2017-09", "--label", "gold", "--json").stdout)
    assert stats["clusters"] == 11
    assert stats["by_backer"] == {"syddansk-vaekstforum": 5, "null": 6}
    assert stats["by_region"]["DK-83"] == 5
    assert stats["by_label"] == {"gold": 11}
    assert stats["share_of_european_gold"] == "11/86"
    # Of all 65 organisations of the time, 52 have a label the data cannot settle.
    everyone = json.loads(run("stats", "--on", "2017-09", "--json").stdout)
    assert everyone["by_label"] == {"gold": 11, "silver": 2, "null": 52}
    assert everyone["share_of_european_gold"] is None


def test_regions_and_municipality() -> None:
    regions = json.loads(run("regions", "--json").stdout)
    assert [r["iso_code"] for r in regions] == ["DK-84", "DK-85", "DK-83", "DK-82", "DK-81"]
    assert run("municipality", "Århus").stdout == "0751  Aarhus Kommune  (Central Denmark Region)\n"
    assert json.loads(run("municipality", "751", "--json").stdout)["name"] == "Aarhus"


def test_export_json_validates(tmp_path: Path) -> None:
    exported = run("export", "--format", "json")
    assert exported.stdout == dk_clusters.load().to_json()
    checked = run("validate", "-", stdin=exported.stdout)
    assert checked.returncode == 0
    assert checked.stdout == "<stdin>: a valid registry of 80 clusters as of 2026-12\n"


def test_export_csv_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "clusters.csv"
    assert run("export", "--format", "csv", "--output", str(out)).returncode == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,name,name_en,aliases[],region,municipality,sectors[]")


def test_a_registry_of_ones_own(tmp_path: Path) -> None:
    own = tmp_path / "own.json"
    own.write_text(
        json.dumps({"snapshot": "2024", "clusters": [{"id": "x", "name": "X", "region": "DK-81"}]}),
        encoding="utf-8",
    )
    result = run("list", "--registry", str(own), "--json")
    assert [c["id"] for c in json.loads(result.stdout)] == ["x"]
    assert run("--registry", str(own)).stdout.startswith("1 clusters as of 2024")


# --- errors: one line on stderr, exit 1 for data and lookups, 2 for usage -----------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["show", "Odense Robotcs"],
            1,
            "dk-clusters: error: no cluster matches 'Odense Robotcs'; did you mean 'Odense Robotics'?",
        ),
        (
            ["list", "--region", "Syddanmrk"],
            1,
            "dk-clusters: error: no region matches 'Syddanmrk'; did you mean 'Syddanmark'?",
        ),
        (
            ["municipality", "Odnse"],
            1,
            "dk-clusters: error: no municipality matches 'Odnse'; did you mean 'Odense'",
        ),
        (
            ["list", "--registry", "/nonexistent/registry.json"],
            1,
            "dk-clusters: error: /nonexistent/registry.json: cannot read the file (No such file or directory)",
        ),
        (
            ["validate", "/nonexistent/registry.json"],
            1,
            "dk-clusters: error: /nonexistent/registry.json is not a valid registry (1 problem)",
        ),
        (
            ["list", "--on", "2017-13"],
            2,
            "dk-clusters list: error: argument --on: '2017-13' is not a date",
        ),
        (["frobnicate"], 2, "dk-clusters: error: argument COMMAND: invalid choice: 'frobnicate'"),
        (["show", " "], 2, "dk-clusters: error: a cluster name or id must not be blank"),
    ],
)
def test_errors_are_one_line(args: list[str], code: int, message: str) -> None:
    result = run_script(*args)
    assert result.returncode == code
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_malformed_registry_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    document = json.loads(dk_clusters.load().to_json())
    document["clusters"][3]["certifications"][0]["awarded"] = "2017-13"
    document["clusters"][1]["nmae"] = "typo"
    bad.write_text(json.dumps(document), encoding="utf-8")
    listed = run_script("list", "--registry", str(bad))
    assert listed.returncode == 1
    assert listed.stderr.count("\n") == 1
    assert listed.stderr.startswith(
        'dk-clusters: error: clusters[1] ("odense-robotics").nmae: unknown key'
    )
    validated = run_script("validate", str(bad))
    assert validated.returncode == 1
    assert validated.stdout.splitlines() == [
        f'{bad}: clusters[1] ("odense-robotics").nmae: unknown key (a typo?)',
        f"{bad}: clusters[3] (\"d2i\").certifications[0].awarded: '2017-13' is not a date: month must be in 1..12, got 13",
    ]
    not_json = tmp_path / "not.json"
    not_json.write_text("{", encoding="utf-8")
    assert run("validate", str(not_json)).stdout.startswith(f"{not_json}: $: not valid JSON")


@pytest.mark.parametrize(
    "command", ["list", "show", "stats", "check", "regions", "municipality", "export", "validate"]
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "example:\n  dk-clusters " + command in result.stdout


def test_show_on_a_date_keeps_the_lineage_and_check_says_when_a_cluster_is_gone() -> None:
    shown = run("show", "gate-21", "--on", "2017-09").stdout
    assert "came from      Energiklyngecenter Sjælland (merger, 2016-07-01)" in shown
    checked = run("check", "d2i")  # D2i ended in 2019; the registry's date is 2026-12
    assert checked.stdout.rstrip().endswith(
        "Note: D2i – Design to Innovate did not exist on 2026-12; use --on DATE."
    )
    assert "Note:" not in run("check", "d2i", "--on", "2017-09").stdout
