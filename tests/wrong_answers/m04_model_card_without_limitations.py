"""A model card that reports its numbers but leaves out the Limitations section."""

REJECTED_BY = ["test_model_card_has_every_section", "test_model_card_quotes_the_numbers",
               "test_model_card_names_the_worst_segment_in_limitations"]

_full_model_card = model_card  # noqa: F821 (defined in the solution above)


def model_card(evaluation: dict[str, float | str]) -> str:
    card = _full_model_card(evaluation)
    before, _, rest = card.partition("## Limitations")
    _, _, after = rest.partition("## Ethical considerations")
    return before + "## Ethical considerations" + after
