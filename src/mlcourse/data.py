"""Build, check and load the course datasets.

The pipeline stage behind every notebook and exercise:

    data/raw/pokemon_cards_tcgplayer_prices.csv  (one row per card, prices side by side)
        -> build_cards / build_sets                (reshape, one row per card x finish)
        -> CARDS_SCHEMA / SETS_SCHEMA              (validate)
        -> data/cards.csv, data/sets.csv           (written byte-for-byte reproducibly)
        -> load_cards / load_sets                  (what learners use)

Rebuild the committed files and print their sha256 with `uv run python -m mlcourse.data`.
The checksums are listed in `data/README.md` and a test rebuilds and compares them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from mlcourse.paths import data_dir
from mlcourse.schemas import CARDS_SCHEMA, FINISHES, SETS_SCHEMA

RAW_FILE = "raw/pokemon_cards_tcgplayer_prices.csv"  # relative to data_dir()
CARDS_FILE = "cards.csv"
SETS_FILE = "sets.csv"
FLOAT_FORMAT = "%.2f"  # prices are whole cents, so two decimals write them back exactly
DATE = "datetime64[ns]"  # how loaders return date columns

# Card attributes copied from the raw file as they are (`id` is renamed `card_id`).
ATTRIBUTES: dict[str, str] = {
    "card_id": "str",
    "set_id": "str",
    "number": "str",  # collector number; text because of numbers such as "TG05"
    "name": "str",
    "set_name": "str",
    "set_release_date": "str",
    "series": "str",
    "rarity": "str",
    "supertype": "str",
    "subtypes": "str",  # several values joined with "|", e.g. "Basic|V"
    "hp": "Int64",
    "types": "str",  # several values joined with "|"
    "pokedex_number": "Int64",
    "retreat_cost": "Int64",
    "artist": "str",
}
PRICE_FIELDS: dict[str, str] = {
    "finish": "str",
    "market_price": "float64",  # the target, USD, snapshot of 2025-03-01
    "low_price": "float64",  # listing prices of the same finish: leak the target
    "high_price": "float64",
    "prev_market_price": "float64",  # snapshot of 2025-02-22: leaks the target
    "price_date": "str",
    "prev_price_date": "str",
}

CARDS_DTYPES: dict[str, str] = {
    **ATTRIBUTES,
    **PRICE_FIELDS,
    "set_release_date": DATE,
    "price_date": DATE,
    "prev_price_date": DATE,
}
"""Column -> dtype of the table `load_cards()` returns, in column order."""

SETS_DTYPES: dict[str, str] = {
    "set_id": "str",
    "set_name": "str",
    "series": "str",
    "release_date": DATE,
    "n_cards": "int64",
    "n_priced_cards": "int64",
    "max_number": "Int64",
}
"""Column -> dtype of the table `load_sets()` returns, in column order."""


def _raw_dtypes() -> dict[str, str]:
    dtypes = {"id": "str", **{k: v for k, v in ATTRIBUTES.items() if k != "card_id"}}
    dtypes["price_date"] = "str"
    for finish in FINISHES:
        for kind in ("market", "low", "high"):
            dtypes[f"tcgplayer_{finish}_{kind}"] = "float64"
    dtypes["prev_price_date"] = "str"
    for finish in FINISHES:
        dtypes[f"prev_tcgplayer_{finish}_market"] = "float64"
    return dtypes


def read_typed_csv(path: Path, dtypes: dict[str, str]) -> pd.DataFrame:
    """Read a CSV as text, then convert each column to its declared dtype.

    Only an empty field counts as missing (so no name can turn into NaN by accident), and
    numbers go through Python's correctly rounded float parsing.
    """
    text = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    if list(text.columns) != list(dtypes):
        raise ValueError(f"{path}: columns {list(text.columns)}, expected {list(dtypes)}")
    return _apply_dtypes(text, dtypes)


def _apply_dtypes(frame: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    columns = {}
    for column, dtype in dtypes.items():
        if dtype == DATE:
            parsed = pd.to_datetime(frame[column], format="%Y-%m-%d")
            columns[column] = parsed.astype(DATE)
        else:
            columns[column] = frame[column].astype(dtype)
    return pd.DataFrame(columns, index=frame.index)


def load_raw() -> pd.DataFrame:
    """Read the raw price file: one row per card, the three finishes' prices side by side.

    Returns:
        The 29 raw columns; dates as ISO text, prices as float64 (NaN = no price),
        `hp`, `pokedex_number` and `retreat_cost` as nullable Int64, the rest as text.
    """
    return read_typed_csv(data_dir() / RAW_FILE, _raw_dtypes())


def _finish_rows(raw: pd.DataFrame, finish: str) -> pd.DataFrame:
    attributes = raw.rename(columns={"id": "card_id"})[list(ATTRIBUTES)]
    return attributes.assign(
        finish=finish,
        market_price=raw[f"tcgplayer_{finish}_market"],
        low_price=raw[f"tcgplayer_{finish}_low"],
        high_price=raw[f"tcgplayer_{finish}_high"],
        prev_market_price=raw[f"prev_tcgplayer_{finish}_market"],
        price_date=raw["price_date"],
        prev_price_date=raw["prev_price_date"],
    )


def build_cards(raw: pd.DataFrame) -> pd.DataFrame:
    """Reshape the raw file to one row per card x finish that has a market price.

    Args:
        raw: The table from `load_raw()`.

    Returns:
        The cards table with the columns of `CARDS_DTYPES`, dates still as ISO text,
        sorted by `card_id` then `finish`, with a fresh 0..n-1 index.
    """
    long = pd.concat([_finish_rows(raw, finish) for finish in FINISHES], ignore_index=True)
    priced = long[long["market_price"].notna()]
    ordered = priced.sort_values(["card_id", "finish"], kind="stable", ignore_index=True)
    return _apply_dtypes(ordered, {**ATTRIBUTES, **PRICE_FIELDS})


def build_sets(raw: pd.DataFrame) -> pd.DataFrame:
    """Summarise the raw file to one row per set.

    Args:
        raw: The table from `load_raw()`.

    Returns:
        The sets table with the columns of `SETS_DTYPES` (release date as ISO text),
        sorted by `release_date` then `set_id`. `max_number` is the largest purely
        numeric collector number in the set (missing when there is none).
    """
    market = [f"tcgplayer_{finish}_market" for finish in FINISHES]
    numeric = raw["number"].where(raw["number"].str.fullmatch(r"\d+"))
    facts = raw.assign(
        release_date=raw["set_release_date"],
        priced=raw[market].notna().any(axis=1),
        numeric_number=numeric.astype("Int64"),
    )
    # Grouping by every per-set attribute makes an inconsistent set show up as a
    # duplicated set_id, which SETS_SCHEMA rejects.
    sets = facts.groupby(["set_id", "set_name", "series", "release_date"], as_index=False).agg(
        n_cards=("id", "size"),
        n_priced_cards=("priced", "sum"),
        max_number=("numeric_number", "max"),
    )
    ordered = sets.sort_values(["release_date", "set_id"], kind="stable", ignore_index=True)
    return _apply_dtypes(ordered, {**SETS_DTYPES, "release_date": "str"})


def _check_whole_cents(frame: pd.DataFrame) -> None:
    for column in frame.select_dtypes("float").columns:
        values = frame[column].dropna().to_numpy()
        if not np.array_equal(np.round(values * 100) / 100, values):
            raise ValueError(f"{column} has sub-cent values that {FLOAT_FORMAT} would round")


def _write_csv(frame: pd.DataFrame, path: Path) -> Path:
    _check_whole_cents(frame)
    frame.to_csv(path, index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
    return path


def build_all(out_dir: Path | None = None) -> dict[str, Path]:
    """Build, validate and write `cards.csv` and `sets.csv`.

    The same raw file always gives the same bytes: fixed column order and sort, "\\n" line
    endings and two-decimal prices.

    Args:
        out_dir: Folder to write into (created if needed); defaults to `data_dir()`.

    Returns:
        File name -> path written.

    Raises:
        pandera.errors.SchemaErrors: if a table breaks its schema (nothing is written).
    """
    raw = load_raw()
    cards, sets = build_cards(raw), build_sets(raw)
    CARDS_SCHEMA.validate(_apply_dtypes(cards, CARDS_DTYPES), lazy=True)
    SETS_SCHEMA.validate(_apply_dtypes(sets, SETS_DTYPES), lazy=True)
    out = data_dir() if out_dir is None else Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {
        CARDS_FILE: _write_csv(cards, out / CARDS_FILE),
        SETS_FILE: _write_csv(sets, out / SETS_FILE),
    }


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def load_cards() -> pd.DataFrame:
    """Load the committed `data/cards.csv`: one row per card x finish with a market price.

    Each call reads the file again, so changing the result never affects the next call.

    Returns:
        A DataFrame with the columns and dtypes of `CARDS_DTYPES`: text as `str`
        (missing = NaN), `hp`, `pokedex_number` and `retreat_cost` as nullable `Int64`
        (missing = <NA>), prices as `float64` (USD), and `set_release_date`,
        `price_date`, `prev_price_date` as `datetime64[ns]`.

    Example:
        >>> cards = load_cards()
        >>> cards[["card_id", "finish", "market_price"]].head(1)  # doctest: +SKIP
    """
    return read_typed_csv(data_dir() / CARDS_FILE, CARDS_DTYPES)


def load_sets() -> pd.DataFrame:
    """Load the committed `data/sets.csv`: one row per set.

    Each call reads the file again, so changing the result never affects the next call.

    Returns:
        A DataFrame with the columns and dtypes of `SETS_DTYPES`: `set_id`, `set_name`,
        `series` as `str`, `release_date` as `datetime64[ns]`, `n_cards` and
        `n_priced_cards` as `int64`, `max_number` as nullable `Int64`.
    """
    return read_typed_csv(data_dir() / SETS_FILE, SETS_DTYPES)


def main() -> None:
    """Rebuild the committed datasets and print each file's sha256."""
    for name, path in build_all().items():
        print(f"{sha256_file(path)}  {name}")


if __name__ == "__main__":
    main()
