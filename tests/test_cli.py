"""The ``dk-clusters`` command line.

Errors, exit codes and the console script are tested on the installed script in a
subprocess, as a user meets them; output is tested in-process, which is quicker.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import dk_clusters
import dk_clusters._commands
from dk_clusters.cli import main

SCRIPT = Path(sys.executable).parent / "dk-clusters"


def run_script(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


def run(
    *args: str, stdin: str | None = None, columns: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`main` in this process, with what a subprocess would have given.

    Output goes to a pipe, as it were: tables wrap only when `columns` (``COLUMNS``) is given.
    """
    out, err = io.StringIO(), io.StringIO()
    stdin_bytes = io.TextIOWrapper(io.BytesIO((stdin or "").encode()), encoding="utf-8")
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(sys, "stdin", stdin_bytes)
        if columns is None:
            patch.delenv("COLUMNS", raising=False)
        else:
            patch.setenv("COLUMNS", str(columns))
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
        lines = run(*args, columns=80).stdout.splitlines()
        too_wide = [line for line in lines if len(line) > 80 and "://" not in line]
        assert not too_wide, (args, too_wide)


def test_show_and_check_in_danish() -> None:
    result = run("check", "D2i", "--on", "2017-09", "--lang", "da", columns=80)
    assert result.returncode == 4  # the outcome is unknown
    assert result.stdout.startswith(
        "D2i – Design to Innovate: ukendt (Syddansk Vækstforum, 2017-09)"
    )
    assert "opfyldt" in result.stdout
    shown = run("show", "dansk materiale netvaerk").stdout
    assert "Esbjerg, Syddanmark" in shown


def test_stats_json_reproduces_the_press_release() -> None:
    stats = json.loads(run("stats", "--on", "2017-09", "--label", "gold", "--json").stdout)
    assert stats["clusters"] == 11
    assert stats["by_backer"] == {"syddansk-vaekstforum": 5, "unknown": 6}
    assert stats["by_region"]["DK-83"] == 5
    assert stats["by_label"] == {"gold": 11}
    assert stats["share_of_european_gold"] == 11 / 86
    # Of all 65 organisations of the time, 52 have a label the data cannot settle.
    everyone = json.loads(run("stats", "--on", "2017-09", "--json").stdout)
    assert everyone["by_label"] == {"gold": 11, "silver": 2, "unknown": 52}
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
    assert header.startswith(
        "id,name,name_en,aliases[],region,region_name,municipality,municipality_name,sectors[]"
    )


def test_a_registry_of_ones_own(tmp_path: Path) -> None:
    own = tmp_path / "own.json"
    own.write_text(
        json.dumps({"snapshot": "2024", "clusters": [{"id": "x", "name": "X", "region": "DK-81"}]}),
        encoding="utf-8",
    )
    result = run("list", "--registry", str(own), "--json")
    assert [c["id"] for c in json.loads(result.stdout)] == ["x"]
    assert run("--registry", str(own)).stdout.startswith("1 clusters as of 2024")


# --- errors: one line on stderr, exit 1 for data and lookups, 2 for the command line --------


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
        (
            ["show", " "],
            2,
            "dk-clusters show: error: argument NAME_OR_ID: a cluster name or id must not be blank",
        ),
        (
            ["list", "--region", ""],
            2,
            "dk-clusters list: error: argument --region: a region must not be blank",
        ),
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


# --- the terminal: width, language, version, standard input ------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout == f"dk-clusters {dk_clusters.__version__}\n"


def test_tables_take_the_terminal_width_and_do_not_wrap_in_a_pipe() -> None:
    damrc = "damrc                        DAMRC – Danish Advanced Manufacturing Research Center"
    piped = run("list", "--label", "gold", "--on", "2018-06").stdout
    assert f"\n{damrc}  unknown      gold\n" in piped  # no name cut in a pipe
    narrow = run("list", "--label", "gold", "--on", "2018-06", columns=80).stdout
    assert "\ndamrc                        DAMRC – Danish Advanced  unknown      gold\n" in narrow
    wide = run("list", "--label", "gold", "--on", "2018-06", columns=120).stdout
    assert f"\n{damrc}  unknown      gold\n" in wide
    assert max(map(len, wide.splitlines())) <= 120
    shown = run("show", "clean", "--on", "2017-09").stdout
    assert "Formed on 9 May 2014 by the merger of Lean Energy Cluster (Sønderborg) and" in shown


def test_danish_translates_headings_labels_and_numbers() -> None:
    stats = run("stats", "--on", "2017-09", "--label", "gold", "--lang", "da").stdout
    assert "\n  region       antal   andel\n  Hovedstaden      3  27,3 %  3/11\n" in stats
    assert "\n  mærke  antal    andel\n  guld      11  100,0 %  11/11\n" in stats
    assert stats.endswith("Andel af Europas guld (2017-09): 11/86 (12,8 %)\n")
    listed = run("list", "--on", "2017-09", "--region", "Syddanmark", "--lang", "da").stdout
    assert listed.startswith("id")
    assert listed.splitlines()[0].split() == ["id", "navn", "region", "mærke", "2017-09"]
    assert "\nodense-robotics " in listed
    assert "  guld\n" in listed
    assert "ukendt" in listed
    shown = run("show", "Odense Robotics", "--on", "2017-09", "--lang", "da").stdout
    for danish in ("felt", "beliggenhed", "forretningsområde", "mærke 2017-09", "tildelt"):
        assert danish in shown
    assert "\nkilder:\n" in shown
    assert "\nguld   2017-05" in shown
    for english in ("field ", "location", "business area", "awarded", "sources:", "\ngold "):
        assert english not in shown
    regions = run("regions", "--lang", "da").stdout.splitlines()[0].split()
    assert regions == ["ISO", "NUTS", "DAGI", "region", "sæde", "kommuner"]
    past = run("history", "gate-21", "--lang", "da").stdout
    assert past.splitlines()[1].split() == ["hvornår", "hvad", "kilder"]
    assert "\n2009              stiftet     founded (udledt)" in past  # the texts stay English
    assert "\nkom fra:   Energiklyngecenter Sjælland (merger, 2016-07-01)\n" in past
    assert "came from" not in past


def test_a_registry_from_standard_input() -> None:
    document = dk_clusters.load().as_of("2017-09").filter(label="gold").to_json()
    listed = run("list", "--registry", "-", "--json", stdin=document)
    assert listed.returncode == 0
    assert len(json.loads(listed.stdout)) == 11
    assert run("--registry", "-", stdin=document).stdout.startswith("11 clusters as of 2017-09\n")


# --- stats and check ------------------------------------------------------------------------


def test_stats_shows_europe_s_labelled_count_beside_its_gold_count() -> None:
    stats = run("stats", "--on", "2017-09", "--label", "gold").stdout
    assert stats.endswith(
        "Europe, as counted then: 86 gold (2017-09), 956 labelled (2017-09)\n"
        "Share of Europe's gold (2017-09): 11/86 (12.8%)\n"
    )


def _keys(value: object) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in _keys(v))]
    return []


def test_stats_json_has_numbers_and_no_null_keys() -> None:
    stats = json.loads(run("stats", "--on", "2017-09", "--json").stdout)
    assert stats["european_gold_count"] == 86
    assert stats["european_gold_count_qualifier"] == "exactly"
    assert stats["european_labelled_count"] == 956
    assert stats["european_labelled_count_date"] == "2017-09"
    assert stats["by_region"]["unknown"] == 23
    assert "null" not in _keys(stats)
    later = json.loads(run("stats", "--on", "2018-06", "--label", "gold", "--json").stdout)
    assert later["european_gold_count"] == 66  # "more than 66"
    assert later["european_gold_count_qualifier"] == "more than"
    assert later["share_of_european_gold"] is None
    assert "null" not in _keys(later)


def _own_registry(tmp_path: Path) -> Path:
    """A registry of three clusters in 2024 whose checks pass, fail and cannot tell."""
    clusters = [
        {
            "id": "passes",
            "name": "Passes",
            "region": "DK-83",
            "business_area": "offshore",
            "open_nationwide": True,
            "business_led": True,
            "innovation_network": True,
            "labels_complete": True,
            "certifications": [{"label": "gold", "awarded": "2023-11"}],
        },
        {"id": "fails", "name": "Fails", "region": "DK-83", "open_nationwide": False},
        {
            "id": "undecided",
            "name": "Undecided",
            "region": "DK-83",
            "certifications": [{"label": "gold", "awarded": "2023-11"}],
        },
    ]
    path = tmp_path / "own.json"
    path.write_text(json.dumps({"snapshot": "2024-06", "clusters": clusters}), encoding="utf-8")
    return path


@pytest.mark.parametrize(("cluster", "code"), [("passes", 0), ("fails", 3), ("undecided", 4)])
def test_check_exits_with_its_outcome(tmp_path: Path, cluster: str, code: int) -> None:
    own = str(_own_registry(tmp_path))
    result = run("check", cluster, "--registry", own)
    assert result.returncode == code
    outcome = {0: "pass", 3: "fail", 4: "unknown"}[code]
    assert result.stdout.startswith(f"{cluster.title()}: {outcome} (Syddansk Vækstforum, 2024-06)")
    assert run("check", cluster, "--registry", own, "--json").returncode == code
    assert result.stderr == ""


def test_check_documents_its_exit_statuses() -> None:
    helped = run("check", "--help").stdout
    assert "  0  every criterion is met (outcome pass)\n" in helped
    assert "  3  a criterion is not met (outcome fail)\n" in helped
    assert "  4  none fails, but the data cannot tell for at least one" in helped
    assert "  3   check: a criterion is not met\n" in run("--help").stdout


# --- faults: internal errors, empty registries, encodings, control characters, pipes -----


def test_an_internal_error_is_no_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> object:
        raise ValueError("something inside went wrong")

    monkeypatch.setitem(dk_clusters._commands.COMMANDS, "list", broken)
    result = run("list")
    assert result.returncode == 70
    assert result.stderr == (
        "dk-clusters: error: internal error: ValueError: something inside went wrong"
        " (a bug in dk-clusters; please report it)\n"
    )


def test_an_empty_registry_prints_empty_tables() -> None:
    empty = '{"snapshot": "2024", "clusters": []}'
    listed = run("list", "--registry", "-", stdin=empty)
    assert (listed.returncode, listed.stdout) == (0, "id  name  region  label 2024\n")
    stats = run("stats", "--registry", "-", stdin=empty)
    assert stats.returncode == 0, stats.stderr
    assert "By backer (growth forum):\n  backer  count  share\n\n" in stats.stdout
    assert "Share of Europe's gold (2024): unknown\n" in stats.stdout
    summary = run("--registry", "-", stdin=empty)
    assert (
        summary.stdout
        == "0 clusters as of 2024\n\nBy region of secretariat (2024):\n  region  count  share\n"
    )
    exported = run("export", "--format", "csv", "--registry", "-", stdin=empty)
    assert exported.stdout.count("\n") == 1  # the header


def test_output_the_encoding_cannot_hold_is_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    ascii_out = io.TextIOWrapper(raw, encoding="ascii", newline="\n")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["list", "--on", "2017-09", "--region", "Syddanmark", "--label", "gold"]) == 0
    ascii_out.flush()
    text = raw.getvalue().decode("ascii")
    assert "\nd2i                       D2i \\u2013 Design to Innovate  Syddanmark  gold\n" in text
    assert "Dansk Materiale Netv\\xe6rk" in text


def test_output_to_an_ascii_terminal_in_a_subprocess() -> None:
    def ascii_run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [str(SCRIPT), *args],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "ascii"},
            timeout=60,
            check=False,
        )

    shown = ascii_run("show", "d2i")
    assert shown.returncode == 0, shown.stderr
    assert b"D2i \\u2013 Design to Innovate" in shown.stdout
    helped = ascii_run("--help")
    assert helped.returncode == 0, helped.stderr
    assert b"check against Syddansk V\\xe6kstforum's or another rule set" in helped.stdout


def _registry_with(tmp_path: Path, **fields: object) -> str:
    path = tmp_path / "own.json"
    cluster = {"id": "x", "region": "DK-81", **fields}
    path.write_text(json.dumps({"snapshot": "2024", "clusters": [cluster]}), encoding="utf-8")
    return str(path)


def test_control_characters_from_a_registry_are_shown_escaped(tmp_path: Path) -> None:
    own = _registry_with(tmp_path, name="Red\x1b[31m Alert\x9b2J", note="a\x07b")
    listed = run("list", "--registry", own).stdout
    assert "Red\\x1b[31m Alert\\x9b2J" in listed
    shown = run("show", "x", "--registry", own).stdout
    assert "a\\x07b" in shown
    as_json = run("list", "--registry", own, "--json").stdout
    assert "Red\\u001b[31m Alert\\u009b2J" in as_json
    assert json.loads(as_json)[0]["name"] == "Red\x1b[31m Alert\x9b2J"
    for text in (listed, shown, as_json):
        assert not {"\x1b", "\x9b", "\x07"} & set(text)


def test_a_closed_pipe_ends_quietly() -> None:
    with subprocess.Popen(
        [str(SCRIPT), "export", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # as `| head -1` does once it has its line
        error = process.stderr.read()
        code = process.wait(timeout=60)
    assert code == 1
    assert error == b""
    piped = subprocess.run(
        ["bash", "-c", f'set -o pipefail; "{SCRIPT}" list | head -1'],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert piped.stdout.split() == ["id", "name", "region", "label", "2026-12"]
    assert "Traceback" not in piped.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_ends_with_one_line() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [str(SCRIPT), "export", "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert (
        result.stderr == "dk-clusters: error: cannot write the output (No space left on device)\n"
    )


def test_a_full_disk_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["regions"]) == 1
    assert (
        err.getvalue() == "dk-clusters: error: cannot write the output (No space left on device)\n"
    )


# --- CSV ----------------------------------------------------------------------------------


def test_csv_carries_labels_and_names() -> None:
    exported = run("export", "--format", "csv", "--on", "2017-09", "--label", "gold").stdout
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(exported))}
    robotics = rows["odense-robotics"]
    assert robotics["region"] == "DK-83"
    assert robotics["region_name"] == "Region of Southern Denmark"
    assert (robotics["municipality"], robotics["municipality_name"]) == ("0461", "Odense")
    assert (robotics["label"], robotics["label_awarded"], robotics["label_valid_until"]) == (
        "gold",
        "2017-05",
        "2019-05",  # two years after the award
    )
    assert robotics["sectors[]"] == "robotics|drones|automation"
    assert (rows["d2i"]["label"], rows["d2i"]["label_awarded"]) == ("gold", "")  # award unknown
    assert rows["clean"]["region_name"] == ""  # where CLEAN sat in 2017 is unknown
    danish = run("export", "--format", "csv", "--on", "2017-09", "--lang", "da").stdout
    assert ",DK-83,Region Syddanmark,0461,Odense," in danish
    later = run("export", "--format", "csv", "--on", "2022-06").stdout
    made = next(r for r in csv.DictReader(io.StringIO(later)) if r["id"] == "made")
    assert (made["label"], made["label_awarded"], made["label_valid_until"]) == (
        "gold",
        "2021",
        "2023-10-31",  # as the source gives it
    )


def test_csv_neutralises_formulas(tmp_path: Path) -> None:
    own = _registry_with(
        tmp_path,
        name='=HYPERLINK("http://example.com","x")',
        aliases=["+1", "@SUM(A1)", "-2", "'=quoted", "plain"],
        note="\tTabbed",
    )
    exported = run("export", "--format", "csv", "--registry", own).stdout
    row = next(csv.DictReader(io.StringIO(exported)))
    assert row["name"] == '\'=HYPERLINK("http://example.com","x")'
    assert row["aliases[]"] == "'+1|@SUM(A1)|-2|'=quoted|plain"
    assert row["note"] == "'\tTabbed"
    from dk_clusters._flat import read_csv

    again = read_csv(exported)[0]
    assert again["name"] == '=HYPERLINK("http://example.com","x")'
    assert again["aliases"] == ("+1", "@SUM(A1)", "-2", "'=quoted", "plain")
    assert again["note"] == "\tTabbed"


def test_csv_for_danish_excel(tmp_path: Path) -> None:
    out = tmp_path / "klynger.csv"
    args = ["export", "--format", "csv", "--dialect", "excel-da", "--on", "2017-09", "-o", str(out)]
    assert run(*args).returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;name;name_en;aliases[];region;region_name;")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[-1] == ""
    robotics = next(line for line in lines if line.startswith("odense-robotics;"))
    assert ";DK-83;Region of Southern Denmark;0461;Odense;robotics|drones|automation;" in robotics
    assert robotics.endswith(";false;gold;2017-05;2019-05")


def test_csv_items_holding_the_separator_are_a_data_error(tmp_path: Path) -> None:
    own = _registry_with(tmp_path, name="X", aliases=["a|b"])
    result = run("export", "--format", "csv", "--registry", own)
    assert result.returncode == 1
    assert result.stderr == (
        "dk-clusters: error: clusters[0] (\"x\").aliases: cannot write 'a|b' to CSV: "
        "an item of a list must not hold '|'\n"
    )


# --- rule sets ---------------------------------------------------------------------------------


def test_rules_lists_every_shipped_rule_set() -> None:
    listed = run("rules")
    assert listed.returncode == 0, listed.stderr
    for found in dk_clusters.rule_sets():
        assert found.id in listed.stdout
        assert found.name in listed.stdout
    as_json = json.loads(run("--json", "rules").stdout)
    assert [r["id"] for r in as_json] == [r.id for r in dk_clusters.rule_sets()]
    ik = next(r for r in as_json if r["id"] == "innovationskraft-2021-2024")
    assert (ik["start"], ik["end"], ik["programme"]) == (
        "2021-01-01",
        "2024-12-31",
        "innovationskraft-2021-2024",
    )


def test_rules_shows_one_rule_set_and_refuses_an_unknown_one() -> None:
    shown = run("rules", "cluster-catalogue")
    assert shown.returncode == 0
    assert "min-20-dedicated-companies" in shown.stdout
    assert "(inferred)" in shown.stdout
    missing = run("rules", "catalogue")
    assert missing.returncode == 1
    assert "no rule set matches 'catalogue'; did you mean 'cluster-catalogue'?" in missing.stderr


def test_check_with_rules_checks_one_cluster_against_that_rule_set() -> None:
    made = run(
        "--json", "check", "MADE", "--rules", "innovationskraft-2021-2024", "--on", "2022-06-30"
    )
    report = json.loads(made.stdout)
    assert report["rule_set"] == "innovationskraft-2021-2024"
    gold = next(v for v in report["verdicts"] if v["criterion"] == "gold-or-gold-action-plan")
    assert (gold["outcome"], gold["pending"]) == ("pass", False)
    assert made.returncode == 4  # other criteria read facts no source gives


def test_check_without_a_cluster_checks_the_programme_members_on_the_date() -> None:
    checked = run("check", "--rules", "innovationskraft-2021-2024", "--on", "2022-06-30")
    assert checked.returncode == 4
    members = dk_clusters.load().members("innovationskraft-2021-2024", on="2022-06-30")
    rows = [
        line
        for line in checked.stdout.splitlines()
        if line.split("  ")[0] in {c.name for c in members}
    ]
    assert len(rows) == len(members) == 13
    assert "…" in checked.stdout  # pending: not yet gold, and no deadline
    as_json = json.loads(
        run("--json", "check", "--rules", "innovationskraft-2021-2024", "--on", "2022-06-30").stdout
    )
    assert sorted(r["cluster"] for r in as_json) == sorted(c.id for c in members)


def test_check_with_an_unknown_rule_set_is_a_lookup_error() -> None:
    checked = run("check", "d2i", "--rules", "vaekstforum")
    assert checked.returncode == 1
    assert "did you mean 'vaekstforum-2017'" in checked.stderr


def test_check_over_dates_tabulates_a_criterion_for_the_members_on_each_date() -> None:
    dates = ["2021-06-30", "2022-06-30", "2023-06-30", "2024-06-30"]
    checked = run(
        "check",
        "--rules",
        "innovationskraft-2021-2024",
        "--criterion",
        "gold-or-gold-action-plan",
        "--dates",
        *dates,
    )
    assert checked.returncode == 4
    lines = checked.stdout.splitlines()
    assert lines[1].split() == ["cluster", *dates]
    made = next(line for line in lines if line.startswith("MADE "))
    assert made.split()[1:] == ["…", "✓", "✓", "…"]
    marlog = next(line for line in lines if line.startswith("MARLOG "))
    assert marlog.split()[1:] == ["…", "-", "-", "-"]
    assert "✗" not in "\n".join(lines[2:-3])  # the gold criterion never fails


def test_check_over_dates_names_an_unknown_criterion() -> None:
    checked = run(
        "check", "--rules", "innovationskraft-2021-2024", "--criterion", "gold", "--dates", "2021"
    )
    assert checked.returncode == 1
    assert "no criterion matches 'gold'" in checked.stderr
