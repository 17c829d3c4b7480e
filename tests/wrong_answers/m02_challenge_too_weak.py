"""Submits only rarity and finish to the challenge: honest, but no better than the baseline."""

import pandas as pd

REJECTED_BY = ["test_challenge_beats_the_baseline_by_35_percent_on_the_hidden_split"]


def challenge_features(cards: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"rarity": cards["rarity"], "finish": cards["finish"]}, index=cards.index)
