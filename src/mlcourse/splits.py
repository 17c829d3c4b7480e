"""Leakage-safe train/test splits of the cards table, as the course uses them from module 02 on.

The rows of one card (its normal, holofoil and reverse-holofoil printings) share every
attribute except the finish and the prices. Split them row by row and the test set is full of
cards the model has already seen in another finish: the score looks better than it will be on
a card nobody has priced yet. Both helpers here keep all rows of a card on one side.

- `group_split(cards, test_size, seed)`: the split notebooks and exercises use. In module 01
  you write your own; from module 02 on this is the reference version.
- `hidden_split(cards)`: the split the module 02 feature challenge is scored on. It uses a
  different fixed seed (`HIDDEN_SEED`) that no notebook or exercise file uses, so choices
  you make while looking at your own `group_split` scores are tested on cards you did not
  tune on.

>>> from mlcourse.data import load_cards
>>> train, test = group_split(load_cards(), test_size=0.2, seed=42)
>>> set(train["card_id"]) & set(test["card_id"])
set()
"""

from __future__ import annotations

import pandas as pd
from sklearn.model_selection import GroupShuffleSplit

GROUP_COLUMN = "card_id"  # all rows sharing this value land on the same side
HIDDEN_SEED = 151  # the feature challenge's split; not used anywhere a learner tunes
HIDDEN_TEST_SIZE = 0.2  # share of cards in the challenge's test side


def group_split(
    cards: pd.DataFrame, test_size: float = 0.2, seed: int = 42
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split the cards table into train and test with every card on exactly one side.

    A thin wrapper around scikit-learn's `GroupShuffleSplit` with `card_id` as the group:
    `test_size` is the share of *cards* (groups) in the test side, so the share of rows is
    close to it but not exact (cards have one to three finishes).

    Args:
        cards: A table with a `card_id` column, e.g. `mlcourse.data.load_cards()`.
        test_size: Share of cards to put in the test side, strictly between 0 and 1.
        seed: Random seed; the same seed on the same table always gives the same split.

    Returns:
        `(train, test)`: copies of the rows of `cards`, in their original order and with
        their original index, so a row can be traced back to the input.

    Raises:
        ValueError: if `test_size` is not strictly between 0 and 1, `cards` has no
            `card_id` column, or it has fewer than two cards.

    >>> cards = pd.DataFrame({"card_id": ["a", "a", "b", "c", "d"], "finish": list("nhnnn")})
    >>> train, test = group_split(cards, test_size=0.25, seed=4)
    >>> list(test["card_id"]), len(train)
    (['a', 'a'], 3)
    """
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be strictly between 0 and 1, not {test_size!r}")
    if GROUP_COLUMN not in cards.columns:
        raise ValueError(f"the table has no {GROUP_COLUMN!r} column to group rows by")
    if cards[GROUP_COLUMN].nunique() < 2:
        raise ValueError("a split needs at least two different cards")
    splitter = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed)
    train_rows, test_rows = next(splitter.split(cards, groups=cards[GROUP_COLUMN]))
    # GroupShuffleSplit returns positions in no particular order: sort them so each side
    # keeps the input's row order.
    return cards.iloc[sorted(train_rows)].copy(), cards.iloc[sorted(test_rows)].copy()


def hidden_split(cards: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fixed split the module 02 feature challenge is scored on.

    The same as `group_split(cards, HIDDEN_TEST_SIZE, HIDDEN_SEED)`. Exercise files never
    call it: tune your features with `group_split` and your own seed, and let the grader
    tell you whether they carry over to cards you did not look at. (You can read the seed
    here, but tuning on this split would only fool yourself.)

    Args:
        cards: The cards table (`mlcourse.data.load_cards()`).

    Returns:
        `(train, test)`, as `group_split` returns them.
    """
    return group_split(cards, test_size=HIDDEN_TEST_SIZE, seed=HIDDEN_SEED)
