"""Unit tests of the reference splits in `mlcourse.splits`: leakage, proportions, determinism."""

from __future__ import annotations

import pandas as pd
import pytest

from mlcourse.data import load_cards
from mlcourse.splits import HIDDEN_SEED, HIDDEN_TEST_SIZE, group_split, hidden_split


@pytest.fixture(scope="module")
def cards() -> pd.DataFrame:
    return load_cards()


def _tiny(n_cards: int) -> pd.DataFrame:
    """n_cards cards, the first of each three with three finishes, the others with one."""
    ids = [f"c{i}" for i in range(n_cards) for _ in range(3 if i % 3 == 0 else 1)]
    return pd.DataFrame({"card_id": ids, "value": range(len(ids))})


@pytest.mark.parametrize(("n_cards", "test_size"), [(2, 0.5), (5, 0.2), (30, 0.3), (100, 0.25)])
def test_leakage_no_card_on_both_sides(n_cards: int, test_size: float) -> None:
    train, test = group_split(_tiny(n_cards), test_size=test_size, seed=0)
    assert not set(train["card_id"]) & set(test["card_id"])
    assert len(train) and len(test)


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_leakage_no_card_on_both_sides_of_the_real_data(cards: pd.DataFrame, seed: int) -> None:
    train, test = group_split(cards, test_size=0.2, seed=seed)
    assert not set(train["card_id"]) & set(test["card_id"])


def test_every_row_lands_on_exactly_one_side(cards: pd.DataFrame) -> None:
    train, test = group_split(cards, test_size=0.2, seed=0)
    assert len(train) + len(test) == len(cards)
    assert train.index.intersection(test.index).empty
    assert sorted([*train.index, *test.index]) == list(cards.index)


@pytest.mark.parametrize("test_size", [0.1, 0.2, 0.5])
def test_test_share_of_cards_matches_test_size(cards: pd.DataFrame, test_size: float) -> None:
    train, test = group_split(cards, test_size=test_size, seed=0)
    n_cards = cards["card_id"].nunique()
    assert test["card_id"].nunique() / n_cards == pytest.approx(test_size, abs=1 / n_cards)
    assert len(test) / len(cards) == pytest.approx(test_size, abs=0.02)  # rows: close, not exact


def test_sides_keep_the_input_order_index_and_columns(cards: pd.DataFrame) -> None:
    train, test = group_split(cards, test_size=0.2, seed=0)
    for side in (train, test):
        assert side.index.is_monotonic_increasing
        assert list(side.columns) == list(cards.columns)
        pd.testing.assert_frame_equal(side, cards.loc[side.index])


def test_determinism_same_seed_same_split(cards: pd.DataFrame) -> None:
    first, second = group_split(cards, 0.2, 7), group_split(cards, 0.2, 7)
    for a, b in zip(first, second, strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_different_seeds_give_different_splits(cards: pd.DataFrame) -> None:
    assert set(group_split(cards, 0.2, 1)[1]["card_id"]) != set(
        group_split(cards, 0.2, 2)[1]["card_id"]
    )


def test_sides_are_copies_that_leave_the_input_alone(cards: pd.DataFrame) -> None:
    before = cards.copy()
    train, _ = group_split(cards, test_size=0.2, seed=0)
    train["market_price"] = 0.0
    pd.testing.assert_frame_equal(cards, before)


def test_hidden_split_is_the_group_split_with_its_own_fixed_seed(cards: pd.DataFrame) -> None:
    hidden_train, hidden_test = hidden_split(cards)
    assert HIDDEN_SEED != 42  # the seed notebooks use must not reproduce the hidden split
    expected_train, expected_test = group_split(cards, HIDDEN_TEST_SIZE, HIDDEN_SEED)
    pd.testing.assert_frame_equal(hidden_train, expected_train)
    pd.testing.assert_frame_equal(hidden_test, expected_test)
    notebook_test = group_split(cards, HIDDEN_TEST_SIZE, 42)[1]
    assert set(hidden_test["card_id"]) != set(notebook_test["card_id"])
    assert not set(hidden_train["card_id"]) & set(hidden_test["card_id"])


@pytest.mark.parametrize(
    ("frame", "test_size", "message"),
    [
        (pd.DataFrame({"card_id": ["a", "b"]}), 0.0, "strictly between"),
        (pd.DataFrame({"card_id": ["a", "b"]}), 1.0, "strictly between"),
        (pd.DataFrame({"id": ["a", "b"]}), 0.5, "no 'card_id' column"),
        (pd.DataFrame({"card_id": ["a", "a"]}), 0.5, "at least two"),
    ],
)
def test_bad_arguments_raise_a_clear_error(
    frame: pd.DataFrame, test_size: float, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        group_split(frame, test_size=test_size, seed=0)
