"""A model card with every section, but Limitations moved to the very end."""

REJECTED_BY = ["test_model_card_sections_come_in_order"]

_full_model_card = model_card  # noqa: F821 (defined in the solution above)


def model_card(evaluation: dict[str, float | str]) -> str:
    card = _full_model_card(evaluation)
    before, _, rest = card.partition("## Limitations")
    limitations, _, ethics = rest.partition("## Ethical considerations")
    return before + "## Ethical considerations" + ethics + "\n## Limitations" + limitations
