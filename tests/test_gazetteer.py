"""Loading and validating gazetteer and tenure files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from namematch import (
    BadDateError,
    BadPriorError,
    ConflictingKindError,
    EmptyNameError,
    Gazetteer,
    GazetteerError,
    Kind,
    MissingColumnError,
    UnknownIdError,
    UnknownKindError,
)

HEADER = "id,kind,name,lang,prior\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_gazetteer_loads_with_tenures():
    gazetteer = Gazetteer.default()
    assert len(gazetteer) >= 150
    shoigu = gazetteer["person:sergei-shoigu"]
    assert shoigu.kind is Kind.PERSON and shoigu.label == "Sergei Shoigu"
    assert {n.lang for n in shoigu.names} >= {"en", "fr", "ar", "ru"}
    assert gazetteer.tenures_of_role("role:minister-of-defence-of-russia")


def test_first_row_gives_label_and_prior_on_any_row(tmp_path):
    path = write(tmp_path, "g.csv", HEADER + "p:1,person,Khalifa Haftar,en,\np:1,person,خليفة حفتر,ar,7\n")
    entity = Gazetteer.from_csv(path)["p:1"]
    assert entity.label == "Khalifa Haftar"
    assert entity.prior == 7.0
    assert [n.lang for n in entity.names] == ["en", "ar"]


@pytest.mark.parametrize(
    ("text", "error", "line", "words"),
    [
        ("id,kind,lang\n", MissingColumnError, 1, "name"),
        ("", MissingColumnError, 1, "empty"),
        (HEADER + "p:1,person,A B,en,\np:2,planet,Mars,en,\n", UnknownKindError, 3, "planet"),
        (HEADER + "p:1,person,,en,\n", EmptyNameError, 2, "empty name"),
        (HEADER + ",person,A,en,\n", EmptyNameError, 2, "empty id"),
        (HEADER + "p:1,person,A,en,\np:1,org,A Corp,en,\n", ConflictingKindError, 3, "line 2"),
        (HEADER + "p:1,person,A,en,-1\n", BadPriorError, 2, "-1"),
        (HEADER + "p:1,person,A,en,lots\n", BadPriorError, 2, "lots"),
    ],
)
def test_bad_gazetteer_rows_name_file_line_and_problem(tmp_path, text, error, line, words):
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(error) as raised:
        Gazetteer.from_csv(path)
    assert raised.value.line == line
    assert str(path) in str(raised.value) and words in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_missing_file_is_a_gazetteer_error(tmp_path):
    with pytest.raises(GazetteerError, match="cannot read"):
        Gazetteer.from_csv(tmp_path / "absent.csv")


def test_institution_is_read_as_org(tmp_path):
    path = write(tmp_path, "g.csv", HEADER + "o:1,institution,United Democratic Front,,\n")
    assert Gazetteer.from_csv(path)["o:1"].kind is Kind.ORG


@pytest.mark.parametrize(
    ("row", "error", "words"),
    [
        ("p:x,r:1,2020-01-01,\n", UnknownIdError, "p:x"),
        ("r:1,r:1,2020-01-01,\n", UnknownIdError, "not a person"),
        ("p:1,r:1,2020-02-30,\n", GazetteerError, "bad start date"),
        ("p:1,r:1,2020-01-01,yesterday\n", GazetteerError, "bad end date"),
        ("p:1,r:1,2020-01-01,2019-01-01\n", GazetteerError, "before it starts"),
    ],
)
def test_bad_tenures_are_refused_whole(tmp_path, row, error, words):
    gazetteer = write(tmp_path, "g.csv", HEADER + "p:1,person,A B,en,\nr:1,role,Minister,en,\n")
    tenures = write(tmp_path, "t.csv", "person_id,role_id,start,end\np:1,r:1,2010-01-01,2011-01-01\n" + row)
    with pytest.raises(error) as raised:
        Gazetteer.from_csv(gazetteer, tenures=tenures)
    assert raised.value.line == 3 and words in str(raised.value)


def test_tenure_covers_its_days(tmp_path):
    gazetteer = write(tmp_path, "g.csv", HEADER + "p:1,person,A B,en,\nr:1,role,Minister,en,\n")
    tenures = write(tmp_path, "t.csv", "person_id,role_id,start,end\np:1,r:1,2010-01-01,\n")
    tenure = Gazetteer.from_csv(gazetteer, tenures=tenures).tenures_of_role("r:1")[0]
    assert tenure.end is None and tenure.covers(dt.date(2030, 1, 1)) and not tenure.covers(dt.date(2009, 12, 31))


def test_resolve_rejects_a_malformed_date(resolver):
    with pytest.raises(BadDateError):
        resolver.resolve("Poutine", at="26/09/2023")
