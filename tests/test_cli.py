"""The command line."""

from __future__ import annotations

import io
import json
import sys

import pytest

from namematch.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_resolve_prints_id_label_confidence(capsys):
    code, out, _ = run(capsys, "resolve", "يونس بك يفكيروف")
    assert code == 0
    entity_id, label, confidence = out.strip().split("\t")
    assert entity_id == "person:yunus-bek-yevkurov" and label == "Yunus-Bek Yevkurov" and 0.5 <= float(confidence) <= 1


def test_resolve_json(capsys):
    code, out, _ = run(capsys, "resolve", "Sergueï Choïgou", "--json")
    assert code == 0 and json.loads(out)["entity_id"] == "person:sergei-shoigu"


def test_batch_from_stdin_writes_json_lines(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Poutine\n\nSanaa Amir\n"))
    code, out, _ = run(capsys, "resolve", "-")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["entity_id"] for r in records] == ["person:vladimir-putin", None]


def test_batch_from_file(capsys, tmp_path):
    path = tmp_path / "mentions.txt"
    path.write_text("Kremlin\nFAAL\n", encoding="utf-8")
    code, out, _ = run(capsys, "resolve", "--file", str(path))
    assert code == 0 and [json.loads(l)["entity_id"] for l in out.splitlines()] == ["org:kremlin", "org:libyan-national-army"]


def test_custom_gazetteer(capsys, tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("id,kind,name,lang,prior\nx:1,person,Ada Lovelace,en,\n", encoding="utf-8")
    code, out, _ = run(capsys, "resolve", "Лавлейс, Ада", "--gazetteer", str(path))
    assert code == 0 and out.startswith("x:1\t")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["resolve", "x", "--gazetteer", "/no/such.csv"], "cannot read"),
        (["resolve", "x", "--at", "2023-13-01"], "ISO date"),
        (["resolve", "--file", "/no/such.txt"], "cannot read"),
        (["resolve", "x", "--tenures", "t.csv"], "--tenures needs --gazetteer"),
    ],
)
def test_bad_input_is_a_message_and_exit_2(capsys, args, words):
    code, _, err = run(capsys, *args)
    assert code == 2 and words in err and "Traceback" not in err


def test_bad_gazetteer_row_is_reported_with_its_line(capsys, tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("id,kind,name,lang,prior\nx:1,alien,Zorg,en,\n", encoding="utf-8")
    code, _, err = run(capsys, "resolve", "Zorg", "--gazetteer", str(path))
    assert code == 2 and f"{path}, line 2" in err and "alien" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["resolve"])
    assert raised.value.code == 2


def test_explain_prints_the_evidence(capsys):
    assert main(["resolve", "Choïgou", "--explain"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("person:sergei-shoigu")
    assert "word pairs" in out and "log-odds" in out


def test_explain_on_a_nil_mention_shows_the_best_candidate(capsys):
    assert main(["resolve", "Sanaa Amir", "--explain"]) == 0
    out = capsys.readouterr().out
    assert "NIL" in out and "best candidate, under the threshold" in out


def test_explain_in_json_carries_the_evidence(capsys):
    assert main(["resolve", "ANL", "--explain", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["evidence"]["pairs"][0]["name"] == "anl"


def test_index_saved_then_read_by_a_batch(capsys, tmp_path):
    index = tmp_path / "default.nmi"
    code, out, _ = run(capsys, "index", str(index))
    assert code == 0 and "entities" in out and index.exists()
    mentions = tmp_path / "mentions.txt"
    mentions.write_text("Poutine\nСергей Шойгу\nSanaa Amir\n" * 300, encoding="utf-8")
    code, out, _ = run(capsys, "resolve", "--index", str(index), "--file", str(mentions), "--workers", "2")
    ids = [json.loads(line)["entity_id"] for line in out.splitlines()]
    assert code == 0 and ids == ["person:vladimir-putin", "person:sergei-shoigu", None] * 300


def test_a_bad_index_is_a_clear_error(capsys, tmp_path):
    bad = tmp_path / "bad.nmi"
    bad.write_bytes(b"not an index")
    code, _, err = run(capsys, "resolve", "--index", str(bad), "Poutine")
    assert code == 2 and "not a namematch index" in err and "Traceback" not in err
    code, _, err = run(capsys, "resolve", "--index", str(bad), "--gazetteer", "g.csv", "Poutine")
    assert code == 2 and "not both" in err
    with pytest.raises(SystemExit) as exit_:
        main(["resolve", "--workers", "0", "-"])
    assert exit_.value.code == 2 and "--workers must be >= 1" in capsys.readouterr().err


def test_a_role_at_a_date_shows_its_holder(capsys):
    code, out, _ = run(capsys, "resolve", "ministre russe de la Défense", "--at", "2023-09-26")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("role:minister-of-defence-of-russia\t")
    assert lines[1].split("\t")[1] == "person:sergei-shoigu"
    code, out, _ = run(capsys, "resolve", "ministre russe de la Défense", "--at", "2025-05-10", "--json")
    assert json.loads(out)["holder"] == "person:andrei-belousov"


def test_namesakes_are_listed_with_the_answer(capsys, tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("id,kind,name,lang,prior\np:1,person,Tobias Wrenfield,en,\np:2,person,Tobias Wrenfield,en,\n"
                    "p:3,person,Maria Lopez,en,\n", encoding="utf-8")
    code, out, _ = run(capsys, "resolve", "Tobias Wrenfield", "--gazetteer", str(path))
    assert code == 0
    answer, namesakes = out.splitlines()[:2]
    assert answer.startswith("p:1\t") and namesakes.startswith("  namesakes\tp:2\tone of them 0.9")
    # Candidates met alike say so, with the probability of the group.
    code, out, _ = run(capsys, "resolve", "Tobias Wrenfield", "--gazetteer", str(path), "--candidates", "2")
    candidates = [line for line in out.splitlines() if line.startswith("  candidate")]
    assert len(candidates) == 2 and all(line.split("\t")[-1].startswith("one of 2 0.9") for line in candidates)
