"""Data tests for the committed datasets: each test names the property it checks."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa
import pytest

from mlcourse.data import (
    CARDS_DTYPES,
    CARDS_FILE,
    RAW_FILE,
    SETS_DTYPES,
    SETS_FILE,
    build_all,
    load_cards,
    load_sets,
    sha256_file,
)
from mlcourse.paths import data_dir
from mlcourse.quality import (
    HP_RANGE,
    PROBLEMS,
    PROBLEMS_FILE,
    RAW_CARDS_FILE,
    load_cards_raw,
    load_problems,
    write_raw,
)
from mlcourse.schemas import CARDS_SCHEMA, FINISHES, SETS_SCHEMA, SNAPSHOT_DATE

CHECKSUM_LINE = re.compile(r"^\| (\S+) \| ([0-9a-f]{64}) \|$", re.MULTILINE)
LOADERS = {"cards": (load_cards, CARDS_DTYPES), "sets": (load_sets, SETS_DTYPES)}


def _readme_checksums() -> dict[str, str]:
    text = (data_dir() / "README.md").read_text(encoding="utf-8")
    return dict(CHECKSUM_LINE.findall(text))


def _read_text(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def _failing_rows(cases: pd.DataFrame, check: str, column: str | None = None) -> set[int]:
    """Row indexes of the failure cases whose check name starts with `check`."""
    hit = cases["check"].str.startswith(check)
    if column is not None:
        hit &= cases["column"] == column
    return set(cases.loc[hit, "index"])


def test_reproducibility_rebuild_matches_committed_files(tmp_path):
    built = build_all(tmp_path) | write_raw(tmp_path)
    assert set(built) == {CARDS_FILE, SETS_FILE, RAW_CARDS_FILE, PROBLEMS_FILE}
    for name, path in built.items():
        assert sha256_file(path) == sha256_file(data_dir() / name), f"{name} differs on rebuild"


@pytest.mark.parametrize("name", [CARDS_FILE, SETS_FILE, RAW_FILE, RAW_CARDS_FILE, PROBLEMS_FILE])
def test_reproducibility_readme_checksum_matches_file(name):
    listed = _readme_checksums()
    assert name in listed, f"data/README.md has no checksum line for {name}"
    assert listed[name] == sha256_file(data_dir() / name)


@pytest.mark.parametrize(
    ("loader", "schema"), [(load_cards, CARDS_SCHEMA), (load_sets, SETS_SCHEMA)]
)
def test_schema_committed_table_is_valid(loader, schema):
    schema.validate(loader(), lazy=True)


def test_uniqueness_one_row_per_card_and_finish():
    cards = load_cards()
    assert not cards.duplicated(["card_id", "finish"]).any()
    assert set(cards["finish"]) == set(FINISHES)


def test_uniqueness_one_row_per_set():
    assert load_sets()["set_id"].is_unique


def test_coverage_row_and_set_counts():
    assert 10_000 <= len(load_cards()) <= 11_000
    assert len(load_sets()) == 45


def test_consistency_set_counts_match_raw_and_cards():
    sets, cards = load_sets(), load_cards()
    raw = _read_text(data_dir() / RAW_FILE)
    assert sets["n_cards"].sum() == len(raw)
    priced = cards.groupby("set_id")["card_id"].nunique()
    by_set = sets.set_index("set_id")["n_priced_cards"]
    assert by_set[by_set > 0].sort_index().to_dict() == priced.sort_index().to_dict()


def test_fidelity_market_prices_equal_raw_values():
    raw = _read_text(data_dir() / RAW_FILE)
    long = raw.melt(
        id_vars="id",
        value_vars=[f"tcgplayer_{finish}_market" for finish in FINISHES],
        var_name="finish",
        value_name="raw_price",
    ).dropna(subset="raw_price")
    long["finish"] = long["finish"].str.removeprefix("tcgplayer_").str.removesuffix("_market")
    cards = _read_text(data_dir() / CARDS_FILE)
    merged = cards.merge(
        long, left_on=["card_id", "finish"], right_on=["id", "finish"], how="outer"
    )
    assert merged["market_price"].notna().all(), "a raw price is missing from cards.csv"
    assert merged["raw_price"].notna().all(), "cards.csv has a price the raw file lacks"
    differs = merged["market_price"].map(float) != merged["raw_price"].map(float)
    assert not differs.any(), merged.loc[differs, ["card_id", "finish"]].head()


@pytest.mark.parametrize("table", sorted(LOADERS))
def test_loader_returns_documented_dtypes(table):
    loader, dtypes = LOADERS[table]
    frame = loader()
    assert list(frame.columns) == list(dtypes)
    assert frame.dtypes.astype(str).to_dict() == dtypes


@pytest.mark.parametrize("table", sorted(LOADERS))
def test_loader_returns_fresh_copy(table):
    loader, _ = LOADERS[table]
    first = loader()
    expected = loader()
    first.iloc[0, 0] = "changed"
    first.pop(first.columns[-1])
    pd.testing.assert_frame_equal(loader(), expected)


def test_schema_rejects_bad_rows_and_names_them():
    bad = load_cards().head(5).copy()
    bad.loc[0, "market_price"] = -1.0
    bad.loc[1, "finish"] = "foil"
    bad.loc[4, "low_price"] = bad.loc[4, "high_price"] + 1
    bad = pd.concat([bad, bad.iloc[[2]]], ignore_index=True)  # row 5 repeats row 2's key

    with pytest.raises(pa.errors.SchemaErrors) as caught:
        CARDS_SCHEMA.validate(bad, lazy=True)

    cases = caught.value.failure_cases
    assert _failing_rows(cases, "greater_than", column="market_price") == {0}
    assert _failing_rows(cases, "isin", column="finish") == {1}
    assert _failing_rows(cases, "low_price_le_high_price") == {4}
    assert _failing_rows(cases, "multiple_fields_uniqueness") == {2, 5}


def test_fidelity_raw_cards_revert_to_clean_cards_with_the_manifest():
    raw = _read_text(data_dir() / RAW_CARDS_FILE).set_index("row_id")
    raw.index = raw.index.astype(int)
    problems = load_problems()
    duplicates = problems.loc[problems["problem"] == "duplicate", "row_id"]
    reverted = raw.drop(index=duplicates)
    for row in problems[problems["problem"] != "duplicate"].itertuples():
        reverted.loc[row.row_id, row.column] = row.clean_value
    clean = _read_text(data_dir() / CARDS_FILE)
    pd.testing.assert_frame_equal(reverted.reset_index(drop=True), clean)


def test_planted_problems_each_in_their_own_rows():
    problems = load_problems()
    assert set(problems["problem"]) == set(PROBLEMS)
    assert problems.groupby("row_id")["problem"].nunique().max() == 1, "a row has two problems"
    rows = problems.groupby("problem")["row_id"].nunique().to_dict()
    assert rows == {
        "duplicate": 120,
        "inconsistent_spelling": 300,
        "price_as_text": 250,
        "impossible_value": 150,
        "missing_value": 120,
    }
    assert len(load_cards_raw()) == len(load_cards()) + rows["duplicate"]


def test_planted_values_break_the_documented_rules():
    raw, problems = load_cards_raw(), load_problems()
    at = {(p.row_id, p.column): p for p in problems.itertuples() if p.problem != "duplicate"}

    def planted(problem: str, column: str) -> pd.Series:
        rows = [r for (r, c), p in at.items() if p.problem == problem and c == column]
        return raw.loc[rows, column]

    dates = planted("impossible_value", "set_release_date")
    assert ((dates < pd.Timestamp("1996-01-01")) | (dates > SNAPSHOT_DATE)).all()
    assert (planted("impossible_value", "market_price").astype(float) <= 0).all()
    assert (~planted("impossible_value", "hp").between(*HP_RANGE)).all()
    assert planted("missing_value", "market_price").isna().all()
    assert planted("missing_value", "name").fillna("").str.strip().eq("").all()
    assert not planted("price_as_text", "market_price").str.fullmatch(r"-?\d+\.\d\d").any()
    for column in ("rarity", "finish", "supertype"):
        spelled = planted("inconsistent_spelling", column)
        clean = pd.Series([at[(r, column)].clean_value for r in spelled.index], spelled.index)
        assert (spelled != clean).all() and not spelled.isin(load_cards()[column]).any()


def test_uniqueness_duplicates_repeat_an_earlier_row_of_the_same_card_and_finish():
    raw, problems = load_cards_raw(), load_problems()
    duplicates = problems[problems["problem"] == "duplicate"]
    later = raw.loc[duplicates["row_id"], ["card_id", "finish"]].to_numpy()
    first = raw.loc[duplicates["duplicate_of"].astype(int), ["card_id", "finish"]].to_numpy()
    assert (later == first).all()
    assert (duplicates["duplicate_of"] < duplicates["row_id"]).all()
    assert raw.drop(index=duplicates["row_id"]).duplicated(["card_id", "finish"]).sum() == 0
