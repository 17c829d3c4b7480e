"""A model card with the numbers of one evaluation typed in, not taken from `evaluation`."""

REJECTED_BY = ["test_model_card_quotes_the_numbers"]

_full_model_card = model_card  # noqa: F821 (defined in the solution above)


def model_card(evaluation: dict[str, float | str]) -> str:
    return _full_model_card({
        "model": "Gradient boosting on log price", "train_rows": 8345, "test_rows": 2097,
        "mae_log": 0.3711, "within_25": 0.505, "floor_mae_log": 0.1059,
        "worst_segment": "Promo", "worst_segment_mae_log": 1.0331,
    })
