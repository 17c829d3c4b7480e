"""Lower-cases and strips every category instead of mapping to the canonical spelling:
"Pokémon" becomes "pokémon", "Rare Holo" becomes "rare holo", and hyphens stay."""

import pandas as pd

REJECTED_BY = [
    "test_normalise_categories_maps_a_spelling_to_its_canonical_form",
    "test_normalise_categories_fixes_the_planted_spellings_and_nothing_else",
]


def normalise_categories(raw: pd.DataFrame) -> pd.DataFrame:
    fixed = raw.copy()
    for column in ("rarity", "finish", "supertype"):
        fixed[column] = raw[column].str.strip().str.lower()
    return fixed
