"""A copy of the cards table with planted, documented data-quality problems (module 01).

    data/cards.csv -> load_cards() -> build_raw(cards, seed=SEED)
        -> data/cards_raw.csv           (the messy table learners clean)
        -> data/cards_raw_problems.csv  (which row carries which problem: the answer key)

Five problems are planted, each in its own rows (a row carries at most one problem):

- `duplicate`: an exact copy of a row, or a re-listing of the same card and finish whose
  listing prices (`low_price`, `high_price`) moved. The copy comes later in the file.
- `inconsistent_spelling`: `rarity`, `finish` or `supertype` in another case, with extra
  spaces, hyphens instead of spaces, or without the accent of "Pokémon".
- `price_as_text`: the four prices of a row written as `$1,234.50`, `USD 1,234.50` or
  `1.234,50 $` (a German-locale export), all in US dollars.
- `impossible_value`: a release date in the future or before 1996, a market price of zero
  or below, or a hit-point value outside 10..400.
- `missing_value`: a blank name (empty or only spaces) or no market price.

Rebuild both files and print their sha256 with `uv run python -m mlcourse.quality`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from mlcourse.data import CARDS_DTYPES, load_cards, read_typed_csv, sha256_file
from mlcourse.paths import data_dir

SEED = 1  # the one seed behind every planted problem
RAW_CARDS_FILE = "cards_raw.csv"
PROBLEMS_FILE = "cards_raw_problems.csv"
PROBLEMS = ("duplicate", "inconsistent_spelling", "price_as_text", "impossible_value",
            "missing_value")  # fmt: skip
PRICE_COLUMNS = ("market_price", "low_price", "high_price", "prev_market_price")
SPELLING_COLUMNS = ("rarity", "finish", "supertype")
RARITIES = (
    "ACE SPEC Rare", "Amazing Rare", "Common", "Double Rare", "Hyper Rare",
    "Illustration Rare", "Promo", "Radiant Rare", "Rare", "Rare Holo", "Rare Holo V",
    "Rare Holo VMAX", "Rare Holo VSTAR", "Rare Rainbow", "Rare Secret", "Rare Shiny",
    "Rare Ultra", "Shiny Rare", "Shiny Ultra Rare", "Special Illustration Rare",
    "Trainer Gallery Rare Holo", "Ultra Rare", "Uncommon",
)  # fmt: skip
"""Every rarity spelled as the pokemontcg.io API spells it: the reference vocabulary."""

EARLIEST_RELEASE = pd.Timestamp("1996-01-01")  # the card game launched in Japan in 1996
HP_RANGE = (10, 400)  # inclusive; the cards in this data have 10 to 340 hit points

# Rows planted per problem and variant.
N_DUPLICATES = {"exact": 80, "near_exact": 40}
N_SPELLING_PER_COLUMN = 100
N_PRICE_TEXT = {"with_thousands": 30, "other": 220}
N_IMPOSSIBLE = {"set_release_date": 50, "market_price": 50, "hp": 50}
N_MISSING = {"name_recoverable": 50, "name_single_row": 10, "market_price": 60}

RAW_DTYPES = {"row_id": "int64", **CARDS_DTYPES} | dict.fromkeys(PRICE_COLUMNS, "str")
"""Column -> dtype of `load_cards_raw()` (before `row_id` becomes the index): prices are text."""

MANIFEST_COLUMNS = ("row_id", "problem", "column", "detail", "clean_value", "duplicate_of")

_SPELLINGS = {
    "lower": str.lower,
    "upper": str.upper,
    "title": lambda v: v.replace("_", " ").title(),
    "padded": lambda v: f" {v}  ",
    "hyphenated": lambda v: v.replace(" ", "-").replace("_", "-"),
    "double_spaced": lambda v: v.replace(" ", "  ").replace("_", "  "),
    "unaccented": lambda v: v.replace("é", "e"),
}


def respell(value: str, rng: np.random.Generator) -> tuple[str, str]:
    """Spell `value` another way, as a careless data entry would.

    Returns:
        (kind, new spelling), e.g. ("hyphenated", "reverse-holofoil"); the new spelling
        always differs from `value`.
    """
    options = {kind: f(value) for kind, f in _SPELLINGS.items() if f(value) != value}
    kind = str(rng.choice(sorted(options)))
    return kind, options[kind]


def format_price(text: str, style: str) -> str:
    """Write a price given as plain text ("1234.50") in one of the planted styles.

    Styles: `us` -> "$1,234.50", `currency_code` -> "USD 1,234.50",
    `german` -> "1.234,50 $" (the amount is still in US dollars).
    """
    us = f"{float(text):,.2f}"
    if style == "us":
        return f"${us}"
    if style == "currency_code":
        return f"USD {us}"
    if style == "german":
        return us.translate(str.maketrans(",.", ".,")) + " $"
    raise ValueError(f"unknown price style {style!r}")


def as_text(cards: pd.DataFrame) -> pd.DataFrame:
    """The cards table as `cards.csv` writes it: ISO dates, two-decimal prices, "" = missing."""
    text = pd.DataFrame(index=cards.index)
    for column in cards.columns:
        values = cards[column]
        if column in ("set_release_date", "price_date", "prev_price_date"):
            values = values.dt.strftime("%Y-%m-%d")
        elif column in PRICE_COLUMNS:
            values = values.map(lambda x: "" if pd.isna(x) else f"{x:.2f}")
        text[column] = values.astype(object).where(values.notna(), "").astype(str)
    return text


class _Planter:
    """Picks disjoint rows for each problem and records what it changed."""

    def __init__(self, text: pd.DataFrame, rng: np.random.Generator) -> None:
        self.text = text
        self.rng = rng
        self.free = pd.Series(True, index=text.index)
        self.records: list[dict[str, object]] = []

    def take(self, candidates: pd.Series, n: int) -> list[int]:
        pool = np.flatnonzero((candidates & self.free).to_numpy())
        chosen = sorted(self.text.index[self.rng.choice(pool, size=n, replace=False)])
        self.free[chosen] = False
        return chosen

    def set(self, row: int, column: str, value: str, problem: str, detail: str) -> None:
        clean = self.text.at[row, column]
        record = {"row": row, "problem": problem, "column": column, "detail": detail}
        self.records.append(record | {"clean_value": clean, "duplicate_of": ""})
        self.text.at[row, column] = value


def _plant_spelling(p: _Planter) -> None:
    for column in SPELLING_COLUMNS:
        for row in p.take(p.text[column] != "", N_SPELLING_PER_COLUMN):
            kind, variant = respell(p.text.at[row, column], p.rng)
            p.set(row, column, variant, "inconsistent_spelling", kind)


def _plant_price_text(p: _Planter) -> None:
    prices = p.text[list(PRICE_COLUMNS)].replace("", "0").astype(float)
    big = prices.max(axis=1) >= 1000
    rows = p.take(big, N_PRICE_TEXT["with_thousands"]) + p.take(~big, N_PRICE_TEXT["other"])
    styles = ("us", "currency_code", "german")
    for row, style in zip(rows, p.rng.permutation(np.arange(len(rows)) % 3), strict=True):
        for column in PRICE_COLUMNS:
            if p.text.at[row, column]:
                value = format_price(p.text.at[row, column], styles[style])
                p.set(row, column, value, "price_as_text", styles[style])


def _plant_impossible(p: _Planter) -> None:
    everything = pd.Series(True, index=p.text.index)
    for i, row in enumerate(p.take(everything, N_IMPOSSIBLE["set_release_date"])):
        date = p.text.at[row, "set_release_date"]
        century_typo = f"{int(date[:4]) + 100}{date[4:]}"
        # Future: a typo in the century or a placeholder. Before 1996: what a zero
        # timestamp becomes in Unix time and in spreadsheets.
        detail, options = [("future", [century_typo, "2099-12-31"]),
                           ("before_1996", ["1970-01-01", "1900-01-01"])][i % 2]  # fmt: skip
        p.set(row, "set_release_date", str(p.rng.choice(options)), "impossible_value", detail)
    for i, row in enumerate(p.take(everything, N_IMPOSSIBLE["market_price"])):
        clean = p.text.at[row, "market_price"]
        detail, value = ("negative", f"-{clean}") if i % 2 == 0 else ("zero", "0.00")
        p.set(row, "market_price", value, "impossible_value", detail)
    strong = p.text["hp"].replace("", "0").astype(int) >= 50  # x10 then exceeds HP_RANGE
    for row in p.take(strong, N_IMPOSSIBLE["hp"]):
        variants = [("typo_x10", f"{p.text.at[row, 'hp']}0"), ("placeholder", "9999"),
                    ("zero", "0")]  # fmt: skip
        detail, value = variants[int(p.rng.integers(3))]
        p.set(row, "hp", value, "impossible_value", detail)


def _plant_missing(p: _Planter) -> None:
    rows_per_card = p.text.groupby("card_id")["card_id"].transform("size")
    first_of_card = ~p.text["card_id"].duplicated()  # at most one blank name per card
    recoverable = p.take(first_of_card & (rows_per_card > 1), N_MISSING["name_recoverable"])
    single = p.take(rows_per_card == 1, N_MISSING["name_single_row"])
    for row in recoverable + single:
        detail, value = ("whitespace", "  ") if p.rng.random() < 1 / 3 else ("empty", "")
        p.set(row, "name", value, "missing_value", detail)
    for row in p.take(p.text["market_price"] != "", N_MISSING["market_price"]):
        p.set(row, "market_price", "", "missing_value", "empty")


def _near_copy(row: pd.Series, rng: np.random.Generator) -> pd.Series:
    """The same listing scraped again later: listing prices moved, the market price did not."""
    low = max(0.01, round(float(row["low_price"]) * rng.uniform(0.8, 1.25), 2))
    high = max(low, round(float(row["high_price"]) * rng.uniform(0.8, 1.25), 2))
    if (f"{low:.2f}", f"{high:.2f}") == (row["low_price"], row["high_price"]):
        high += 0.01
    copy = row.copy()
    copy["low_price"], copy["high_price"] = f"{low:.2f}", f"{high:.2f}"
    return copy


def build_raw(cards: pd.DataFrame, seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Plant the five problems in a text copy of `cards`.

    Args:
        cards: The clean table from `load_cards()`.
        seed: Seed of every random choice; the same seed gives the same bytes.

    Returns:
        (raw, manifest): `raw` is the text of `cards_raw.csv` with `row_id` first; `manifest`
        has one row per planted (row, column) with the columns of `MANIFEST_COLUMNS`
        (`column`, `clean_value` empty and `duplicate_of` set for duplicates).
    """
    rng = np.random.default_rng(seed)
    planter = _Planter(as_text(cards.reset_index(drop=True)), rng)
    for plant in (_plant_spelling, _plant_price_text, _plant_impossible, _plant_missing):
        plant(planter)
    text, n = planter.text, len(planter.text)
    untouched = planter.free.copy()
    exact = planter.take(untouched, N_DUPLICATES["exact"])
    near = planter.take(untouched, N_DUPLICATES["near_exact"])
    copies = [text.loc[r] for r in exact] + [_near_copy(text.loc[r], rng) for r in near]
    # A copy lands at a random place after its original: originals keep their order.
    sources = np.array(exact + near)
    position = np.concatenate([np.arange(n, dtype=float), rng.uniform(sources + 1, n)])
    order = np.argsort(position, kind="stable")
    row_id = np.empty(len(position), dtype=int)
    row_id[order] = np.arange(len(position))
    combined = pd.concat([text, pd.DataFrame(copies)], ignore_index=True)
    raw = combined.iloc[order].reset_index(drop=True)
    raw.insert(0, "row_id", raw.index.astype(str))

    records = [{**r, "row": row_id[int(r["row"])]} for r in planter.records]
    kinds = ["exact"] * len(exact) + ["near_exact"] * len(near)
    for j, (source, kind) in enumerate(zip(sources, kinds, strict=True)):
        record = {"row": row_id[n + j], "problem": "duplicate", "column": "", "detail": kind}
        records.append(record | {"clean_value": "", "duplicate_of": str(row_id[source])})
    manifest = pd.DataFrame(records).rename(columns={"row": "row_id"})
    manifest = manifest.sort_values(["row_id", "column"], ignore_index=True)
    manifest["row_id"] = manifest["row_id"].astype(str)
    return raw, manifest[list(MANIFEST_COLUMNS)]


def write_raw(out_dir: Path | None = None) -> dict[str, Path]:
    """Build `cards_raw.csv` and `cards_raw_problems.csv` from `load_cards()` and write them.

    Args:
        out_dir: Folder to write into (created if needed); defaults to `data_dir()`.

    Returns:
        File name -> path written.
    """
    raw, manifest = build_raw(load_cards())
    out = data_dir() if out_dir is None else Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, frame in ((RAW_CARDS_FILE, raw), (PROBLEMS_FILE, manifest)):
        frame.to_csv(out / name, index=False, lineterminator="\n")
        written[name] = out / name
    return written


def load_cards_raw() -> pd.DataFrame:
    """Load the committed `data/cards_raw.csv`, the cards table with planted problems.

    Returns:
        A DataFrame indexed by `row_id` (its position in the file) with the columns of
        `load_cards()`: dates parsed, `hp`, `pokedex_number`, `retreat_cost` as `Int64`,
        but the four price columns as text exactly as written (e.g. "USD 0.35").

    Example:
        >>> raw = load_cards_raw()
        >>> raw.loc[[0], ["card_id", "finish", "market_price"]]  # doctest: +SKIP
    """
    return read_typed_csv(data_dir() / RAW_CARDS_FILE, RAW_DTYPES).set_index("row_id")


def load_problems() -> pd.DataFrame:
    """Load `data/cards_raw_problems.csv`: one row per planted (row, column).

    Returns:
        Columns `row_id` (int64, the index of `load_cards_raw()`), `problem` (one of
        `PROBLEMS`), `column` (missing for duplicates), `detail` (the variant, e.g. "zero"),
        `clean_value` (the value in `cards.csv`, as text) and `duplicate_of` (Int64, for a
        duplicate the `row_id` of the row it repeats).
    """
    dtypes = dict.fromkeys(MANIFEST_COLUMNS, "str") | {"row_id": "int64", "duplicate_of": "Int64"}
    return read_typed_csv(data_dir() / PROBLEMS_FILE, dtypes)


def main() -> None:
    """Rebuild `cards_raw.csv` and its problem manifest and print each file's sha256."""
    for name, path in write_raw().items():
        print(f"{sha256_file(path)}  {name}")


if __name__ == "__main__":
    main()
