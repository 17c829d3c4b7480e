"""Graders for module 07, team collaboration and code review.

Run them with `uv run pytest exercises/test_exercises_07.py`. The three pull requests are
graded by what the fixed code does: features that must not move when the test cards change,
a tuning function watched by a spy model that records every fit and prediction, and an app
that is sent bad requests. Expected values come from pandas, numpy and scikit-learn, or from
tables written by hand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler

from mlcourse.data import load_cards
from mlcourse.grading import LearnerError, expect, expect_close, expect_type
from mlcourse.quality import RARITIES
from mlcourse.schemas import SNAPSHOT_DATE
from mlcourse.splits import group_split

SEED = 7

# Exercise 1: what goes into git ----------------------------------------------------------

KEEP: dict[str, str] = {
    "src/pokemarket/features.py": "Source code is what the repository is for.",
    "src/pokemarket/queries/top_sellers.sql": "A query the code runs is source code.",
    "notebooks/02_eda.py": "A marimo notebook is a plain Python file: commit and review it.",
    "notebooks/03_baselines.ipynb": "A notebook is source too (strip its outputs first).",
    "tests/test_features.py": "Tests are code the whole team runs.",
    "configs/train.yaml": "Configuration decides what a run does: it must be versioned.",
    "pyproject.toml": "It declares the project's dependencies.",
    "uv.lock": "The lock file pins every version; without it nobody gets your environment.",
    "README.md": "Documentation lives next to the code it documents.",
    "docs/model_card.md": "A model card is documentation.",
    ".gitignore": "The ignore rules themselves must be shared.",
    ".env.example": "A template with variable names and no values tells teammates what to set.",
    ".github/workflows/ci.yml": "CI configuration is code.",
    "Dockerfile": "How the service is built must be reviewed and versioned.",
    "dvc.lock": "It records which data and parameters produced each output.",
}
KEEP_DATA: dict[str, str] = {
    "data/README.md": "The data's documentation (source, license, checksums) is small text.",
    "data/reference/rarity_tiers.csv": "A small, hand-kept reference table is reviewed like "
    "code: rule 5 commits tables in data/reference/.",
    "tests/fixtures/ten_cards.csv": "A small fixture the tests need: rule 5 commits tables "
    "under tests/.",
    "data/raw/cards.csv.dvc": "A DVC pointer file is a few lines naming the data's version; "
    "the data itself lives in storage.",
    "data/reference/": "The folder of small reference tables is committed.",
}
SECRETS: dict[str, str] = {
    ".env": "It holds secrets (API keys, passwords); once pushed they are in history for ever.",
    ".env.production": "Every `.env.<anything>` holds real values, except the templates.",
    "services/api/.env.local": "A `.env` file in a subfolder is still a secret.",
    "deploy/tls/server.key": "A private key: whoever has it can impersonate the server.",
    "deploy/tls/server.pem": "A certificate or key file belongs in a secret store.",
}
MODELS_AND_RUNS: dict[str, str] = {
    "mlflow.db": "MLflow's SQLite store: a binary everyone changes, which git can't merge.",
    "mlruns/": "Local MLflow runs: personal and large; share a tracking server instead.",
    "mlruns/0/meta.yaml": "A YAML file, but inside mlruns/: it is tracking output.",
    "mlartifacts/1/4f2a/artifacts/model/MLmodel": "MLflow artifacts are tracking output.",
    "wandb/run-20250301/files/config.yaml": "Weights & Biases run folders are tracking output.",
    "models/price_model.pkl": "A model binary belongs in a registry, and a pickle runs code "
    "when loaded.",
    "models/hgb_v3.joblib": "A model binary belongs in the model registry.",
    "artifacts/model.onnx": "Exported models are build outputs.",
    "checkpoints/epoch_12.ckpt": "Training checkpoints are large binaries.",
    "models/PRICE_MODEL.PKL": "Extensions match in any case.",
}
ENVIRONMENTS: dict[str, str] = {
    ".venv/lib/python3.11/site-packages/sklearn/__init__.py": "A .py file, but inside the "
    "virtual environment: `uv sync` rebuilds it from the lock file.",
    ".venv/": "The virtual environment is rebuilt from the lock file.",
    "src/pokemarket/__pycache__/features.cpython-311.pyc": "Compiled bytecode is rebuilt.",
    "notebooks/__marimo__/session/02_eda.py.json": "marimo's session cache is per machine.",
    "notebooks/.ipynb_checkpoints/03_baselines-checkpoint.ipynb": "Jupyter's autosaves.",
    ".pytest_cache/v/cache/nodeids": "A cache of the last test run.",
    ".DS_Store": "macOS folder metadata.",
}
DATA_DUMPS: dict[str, str] = {
    "data/raw/tcgplayer_prices_2025-03-01.csv": "Raw data is large and versioned with DVC or "
    "storage, not git: outside data/reference/ and tests/, tables stay out.",
    "data/interim/cards_clean.csv": "Intermediate data is regenerated by the pipeline.",
    "data/processed/features.parquet": "Parquet is a binary data format.",
    "data/external/sales.json": "Inside data/, only docs, .dvc pointers and data/reference/ "
    "are committed.",
    "data/raw/": "The raw data folder as a whole stays out.",
    "exports/predictions_march.csv": "A generated table outside data/reference/ and tests/.",
    "dumps/marketplace_2025.sql.gz": "A compressed database dump.",
    "logs/train.log": "Logs are run output.",
    "features.npy": "A numpy array dump is data.",
}


def _verdict(ex, path: str) -> Any:
    got = ex.should_commit(path)
    expect_type(got, bool, f"should_commit({path!r})")
    return got


def test_should_commit_answers_with_a_bool(ex):
    for path in ("uv.lock", "mlflow.db", ".env", "data/README.md"):
        _verdict(ex, path)


def _expect_verdicts(ex, table: dict[str, str], expected: bool) -> None:
    """Check every path of `table`; list each wrong verdict with the reason it is wrong."""
    wrong = [f"- `{path}`: {reason}" for path, reason in table.items()
             if _verdict(ex, path) != expected]
    verdict = "commits" if expected else "keeps out of git"
    expect(not wrong, f"should_commit got {len(wrong)} of these {len(table)} paths wrong; "
                      f"PokeMarket's rules say each one {verdict}:\n" + "\n".join(wrong))


def test_should_commit_keeps_code_configs_and_docs(ex):
    _expect_verdicts(ex, KEEP, True)


def test_should_commit_keeps_small_reference_data_and_pointers(ex):
    _expect_verdicts(ex, KEEP_DATA, True)


def test_should_commit_never_shares_secrets(ex):
    _expect_verdicts(ex, SECRETS, False)


def test_should_commit_leaves_out_models_and_experiment_stores(ex):
    _expect_verdicts(ex, MODELS_AND_RUNS, False)


def test_should_commit_leaves_out_environments_and_caches(ex):
    _expect_verdicts(ex, ENVIRONMENTS, False)


def test_should_commit_leaves_out_large_and_generated_data(ex):
    _expect_verdicts(ex, DATA_DUMPS, False)


# Exercise 2, pull request #41: features that learn nothing from the test cards -----------

FEATURE_COLUMNS = ["set_price_level", "hp_scaled", "age_scaled"]
PRICE_COLUMNS = ["market_price", "low_price", "high_price", "prev_market_price"]
NEW_SET_ROWS = 40  # rows of a set that only the test side has: a new release


@pytest.fixture(scope="module")
def cards_split() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train and test cards from a few sets, plus a set that only appears in test."""
    cards = load_cards()
    sets = cards.groupby("set_id").size().loc[lambda n: n > NEW_SET_ROWS].index[:6]
    train, test = group_split(cards[cards["set_id"].isin(sets[:5])], test_size=0.3, seed=SEED)
    new_set = cards[cards["set_id"] == sets[5]].head(NEW_SET_ROWS)
    return train, pd.concat([test, new_set])


def _features(ex, train: pd.DataFrame, test: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    got = ex.add_price_features(train, test)
    expect(isinstance(got, tuple) and len(got) == 2,
           f"add_price_features should return (train_features, test_features), not {got!r:.80}")
    for side, frame, rows in (("train", got[0], train), ("test", got[1], test)):
        expect_type(frame, pd.DataFrame, f"the {side} features")
        expect(frame.index.equals(rows.index),
               f"The {side} features should have one row per {side} card, with the same index "
               f"({len(rows)} rows); they have {len(frame)}.")
    return got


def _changed(frame: pd.DataFrame, how: str) -> pd.DataFrame:
    """The test cards with their prices, their attributes, or their number changed."""
    changed = frame.copy()
    if how == "prices":
        changed[PRICE_COLUMNS] = changed[PRICE_COLUMNS] * 7.5
    elif how == "attributes":
        changed["hp"] = changed["hp"].fillna(0) + 120
        changed["set_release_date"] = changed["set_release_date"] - pd.Timedelta(days=3650)
        changed["set_id"] = changed["set_id"].iloc[0]
    else:
        changed = changed.iloc[::3]
    return changed


def _same_values(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return list(a.columns) == list(b.columns) and np.allclose(
        a.to_numpy(dtype=float), b.to_numpy(dtype=float), rtol=1e-12, atol=1e-12, equal_nan=True
    )


def test_fixed_features_have_exactly_the_promised_columns(ex, cards_split):
    train_x, test_x = _features(ex, *cards_split)
    for side, frame in (("train", train_x), ("test", test_x)):
        extra = sorted(set(frame.columns) - set(FEATURE_COLUMNS))
        missing = [c for c in FEATURE_COLUMNS if c not in frame.columns]
        why = " `last_price` is last week's price: a new listing has none." if (
            "last_price" in extra) else ""
        expect(not extra and not missing,
               f"The {side} features should have exactly {FEATURE_COLUMNS}; missing {missing}, "
               f"extra {extra}.{why} Fix the leaks, don't delete the features.")


def test_fixed_features_learn_nothing_from_test_rows(ex, cards_split):
    train, test = cards_split
    before, _ = _features(ex, train, test)
    for how in ("prices", "attributes", "fewer_rows"):
        after, _ = _features(ex, train, _changed(test, how))
        changed = [c for c in before.columns if c in after.columns
                   and not _same_values(before[[c]], after[[c]])]
        expect(not changed and list(before.columns) == list(after.columns),
               f"Changing the test cards ({how.replace('_', ' ')}) changed the training "
               f"features {changed}: something is fitted on train + test together. Fit every "
               "statistic (set means, scaler) on the training rows only.")


def test_fixed_features_ignore_test_prices(ex, cards_split):
    train, test = cards_split
    _, before = _features(ex, train, test)
    _, after = _features(ex, train, _changed(test, "prices"))
    changed = [c for c in before.columns if not _same_values(before[[c]], after[[c]])]
    expect(not changed,
           f"Changing only the test cards' prices changed their features {changed}. A new "
           "listing has no price yet: its features must come from its attributes and from "
           "statistics of the training cards.")


def test_fixed_features_need_no_prices_for_new_cards(ex, cards_split):
    train, test = cards_split
    listing_only = test.drop(columns=PRICE_COLUMNS)
    history_free = train.drop(columns=PRICE_COLUMNS[1:])  # keeps the target, market_price
    try:
        _features(ex, history_free, listing_only)
    except LearnerError as error:
        if isinstance(error.original, KeyError):
            expect(False, f"Your features read the column {error.original}, which the cards "
                          "don't have here: new listings have no market, listing or earlier "
                          "price, and training must not need the listing or earlier prices.")
        raise


def test_set_price_level_comes_from_training_prices(ex, cards_split):
    train, test = cards_split
    train_x, test_x = _features(ex, train, test)
    log_price = np.log(train["market_price"].to_numpy())
    means = {s: log_price[(train["set_id"] == s).to_numpy()].mean()
             for s in train["set_id"].unique()}
    for side, cards, frame in (("train", train, train_x), ("test", test, test_x)):
        expect("set_price_level" in frame.columns, f"The {side} features have no "
                                                   "`set_price_level`.")
        expected = cards["set_id"].map(lambda s: means.get(s, log_price.mean())).to_numpy()
        got = frame["set_price_level"].to_numpy(dtype=float)
        wrong = np.flatnonzero(~np.isclose(got, expected, rtol=1e-9, atol=1e-9))
        if wrong.size:
            row = wrong[0]
            card = cards.iloc[row]
            unseen = card["set_id"] not in means
            why = (" That set has no training cards (a new release): give it the mean log "
                   "price of all training cards." if unseen else
                   " It should be the mean log price of the training cards of that set.")
            expect(False, f"{side} card {card['card_id']} (set {card['set_id']}): "
                          f"set_price_level is {got[row]:.4f}, expected {expected[row]:.4f}."
                          f"{why} ({wrong.size} of {len(got)} {side} rows differ.)")


def _scaler_inputs(cards: pd.DataFrame) -> np.ndarray:
    age = (SNAPSHOT_DATE - cards["set_release_date"]).dt.days / 365.25
    return np.column_stack([cards["hp"].fillna(0).astype(float), age])


def test_scaled_columns_use_training_statistics(ex, cards_split):
    train, test = cards_split
    scaler = StandardScaler().fit(_scaler_inputs(train))
    train_x, test_x = _features(ex, train, test)
    for side, cards, frame in (("train", train, train_x), ("test", test, test_x)):
        expected = scaler.transform(_scaler_inputs(cards))
        for position, column in enumerate(["hp_scaled", "age_scaled"]):
            expect(column in frame.columns, f"The {side} features have no `{column}`.")
            got = frame[column].to_numpy(dtype=float)
            expect(np.allclose(got, expected[:, position], rtol=1e-9, atol=1e-9),
                   f"`{column}` of the {side} cards is not standardised with the training "
                   f"cards' mean and standard deviation (its mean on {side} is "
                   f"{np.nanmean(got):.3f}, expected {expected[:, position].mean():.3f}). Fit "
                   "one scaler on the training rows and use it, unchanged, on both sides.")


# Exercise 2, pull request #42: the test set is used once, after choosing ------------------

ALPHAS = (0.01, 0.1, 1.0, 10.0, 100.0, 1000.0)
DATASETS = [1, 5]  # seeds where cross-validation, the test set and training error disagree


@dataclass
class Event:
    """One call the learner's code made on a model built by `make_model`."""

    kind: str  # "fit" or "predict"
    X: np.ndarray
    alpha: float
    fitted_on: np.ndarray | None = None  # for "predict": the rows the model was fitted on
    prediction: np.ndarray | None = None


def spy_factory(events: list[Event]):
    """A `make_model` whose Ridge models record every fit and predict in `events`."""

    class SpyRidge(Ridge):
        def fit(self, X, y, sample_weight=None):
            events.append(Event("fit", np.asarray(X), self.alpha))
            self.fitted_on_ = np.asarray(X)
            return super().fit(X, y, sample_weight)

        def predict(self, X):
            prediction = super().predict(X)
            events.append(Event("predict", np.asarray(X), self.alpha, self.fitted_on_,
                                prediction))
            return prediction

    return lambda alpha: SpyRidge(alpha=alpha)


def regression_data(seed: int) -> tuple[np.ndarray, ...]:
    """60 noisy training rows and 40 test rows with 30 features: regularisation matters."""
    rng = np.random.default_rng(seed)
    coef = rng.normal(0, 0.3, 30)
    X = rng.normal(size=(100, 30))
    y = X @ coef + rng.normal(0, 1.5, 100)
    return X[:60], y[:60], X[60:], y[60:]


def cv_maes(X: np.ndarray, y: np.ndarray, seed: int) -> list[float]:
    """Mean 5-fold MAE of each alpha, computed fold by fold."""
    folds = list(KFold(5, shuffle=True, random_state=seed).split(X))
    return [
        float(np.mean([np.mean(np.abs(Ridge(alpha=a).fit(X[t], y[t]).predict(X[v]) - y[v]))
                       for t, v in folds]))
        for a in ALPHAS
    ]


def _tuned(ex, data_seed: int) -> tuple[dict, list[Event], tuple[np.ndarray, ...]]:
    data = regression_data(data_seed)
    events: list[Event] = []
    got = ex.tune_and_report(*data, make_model=spy_factory(events), alphas=ALPHAS,
                             seed=data_seed)
    expect_type(got, dict, "tune_and_report's result")
    keys = {"alpha", "cv_mae", "test_mae"}
    expect(set(got) == keys, f"The result's keys should be {sorted(keys)}, not "
                             f"{sorted(map(str, got))}.")
    return got, events, data


def _is_test(event: Event, X_test: np.ndarray) -> bool:
    return event.X.shape == X_test.shape and np.array_equal(event.X, X_test)


@pytest.mark.parametrize("data_seed", DATASETS)
def test_fixed_training_touches_the_test_set_once_at_the_end(ex, data_seed):
    _, events, (_, _, X_test, _) = _tuned(ex, data_seed)
    on_test = [i for i, e in enumerate(events) if e.kind == "predict" and _is_test(e, X_test)]
    expect(len(on_test) == 1,
           f"Your code predicted the test set {len(on_test)} times. Score it exactly once, "
           "with the final model: every extra look is a chance to choose by it, and a score "
           "you chose by is no longer an honest estimate. (Use the models from `make_model`.)")
    later_fits = sum(e.kind == "fit" for e in events[on_test[0]:])
    expect(later_fits == 0,
           f"{later_fits} model(s) were fitted after the test set was scored. The choice must "
           "be finished before the test set is touched.")


@pytest.mark.parametrize("data_seed", DATASETS)
def test_fixed_training_chooses_alpha_by_cross_validation(ex, data_seed):
    got, _, (X_train, y_train, X_test, y_test) = _tuned(ex, data_seed)
    maes = cv_maes(X_train, y_train, data_seed)
    best = int(np.argmin(maes))
    on_test = [np.mean(np.abs(Ridge(alpha=a).fit(X_train, y_train).predict(X_test) - y_test))
               for a in ALPHAS]
    by_test = ALPHAS[int(np.argmin(on_test))]
    why = ("That alpha is the best on the test set: it was chosen by looking at the test set."
           if got["alpha"] == by_test else
           "That is the smallest alpha, the best on the training rows themselves."
           if got["alpha"] == ALPHAS[0] else "")
    expect(got["alpha"] == ALPHAS[best],
           f"Chose alpha={got['alpha']!r}; 5-fold cross-validation on the training rows (KFold "
           f"with shuffle=True, random_state=seed) picks {ALPHAS[best]!r}. {why}")
    expect_close(got["cv_mae"], maes[best], rel=1e-6, what='result["cv_mae"]',
                 why="It is the mean of the five fold MAEs of the chosen alpha.")


@pytest.mark.parametrize("data_seed", DATASETS)
def test_fixed_training_refits_the_chosen_model_on_all_training_rows(ex, data_seed):
    got, events, (X_train, _, X_test, _) = _tuned(ex, data_seed)
    final = [e for e in events if e.kind == "predict" and _is_test(e, X_test)]
    expect(bool(final), "No model built with `make_model` predicted the test set.")
    model = final[-1]
    expect(model.alpha == got["alpha"],
           f"The model that scored the test set has alpha={model.alpha!r}, but you report "
           f"alpha={got['alpha']!r}.")
    expect(model.fitted_on is not None and model.fitted_on.shape == X_train.shape
           and np.array_equal(model.fitted_on, X_train),
           "The model that scored the test set was not fitted on all the training rows "
           f"({len(model.fitted_on) if model.fitted_on is not None else 0} rows instead of "
           f"{len(X_train)}). After choosing alpha, fit a fresh model on the whole training set.")


@pytest.mark.parametrize("data_seed", DATASETS)
def test_fixed_training_reports_the_single_test_score(ex, data_seed):
    got, events, (X_train, y_train, X_test, y_test) = _tuned(ex, data_seed)
    final = [e for e in events if e.kind == "predict" and _is_test(e, X_test)]
    expect(len(final) == 1, f"The test set should be predicted once, not {len(final)} times.")
    assert final[0].prediction is not None
    expected = float(np.mean(np.abs(final[0].prediction - y_test)))
    why = ("That is the cross-validated MAE: the test MAE is measured on the test set."
           if np.isclose(got["test_mae"], got["cv_mae"]) else "")
    expect_close(got["test_mae"], expected, rel=1e-6, what='result["test_mae"]', why=why)


# Exercise 2, pull request #43: bad requests get a 4xx that says why, never a 500 ----------

MAX_QUANTITY = 100
MAX_CARD_ID_LENGTH = 40
FINISH_FACTOR = {"normal": 1.0, "holofoil": 2.0, "reverse_holofoil": 1.5}
JSON = {"content-type": "application/json"}


def unit_price(rarity: str, finish: str) -> float:
    """A stand-in pricing model: easy to work out by hand, and it raises on unknown values."""
    return round(0.25 * (1 + RARITIES.index(rarity)) * FINISH_FACTOR[finish], 2)


def quote(**changes: Any) -> dict[str, Any]:
    """A valid request body, with `changes` applied (a value of ... removes the field)."""
    body = {"card_id": "base1-4", "rarity": "Rare Holo", "finish": "holofoil", "quantity": 2}
    body |= changes
    return {k: v for k, v in body.items() if v is not ...}


def _client(ex) -> TestClient:
    app = ex.create_quote_app(unit_price)
    expect(isinstance(app, FastAPI), f"create_quote_app should return the FastAPI app, not "
                                     f"{app!r:.80}.")
    return TestClient(app, raise_server_exceptions=False)


def _post(client: TestClient, body: Any) -> Any:
    content = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    return client.post("/quote", content=content, headers=JSON)


VALID = {
    "holofoil_pair": quote(),
    "one_copy": quote(quantity=1, rarity="Common", finish="normal"),
    "the_most_copies": quote(quantity=MAX_QUANTITY, finish="reverse_holofoil"),
    "longest_card_id": quote(card_id="x" * MAX_CARD_ID_LENGTH, rarity=RARITIES[-1]),
    "unicode_card_id": quote(card_id="sv3pt5-ニャース"),
}


def test_fixed_endpoint_quotes_a_valid_request(ex):
    with _client(ex) as client:
        for name, body in VALID.items():
            response = _post(client, body)
            expect(response.status_code == 200,
                   f"A valid request ({name}: {body}) got {response.status_code}: "
                   f"{response.text[:300]}. Check your limits against the docstring: 1 to "
                   f"{MAX_QUANTITY} copies, card ids up to {MAX_CARD_ID_LENGTH} characters.")
            got = response.json()
            price = unit_price(body["rarity"], body["finish"])
            expect(isinstance(got, dict) and got.get("card_id") == body["card_id"],
                   f"The answer should repeat the card_id {body['card_id']!r}: {got!r:.200}.")
            expect_close(got.get("unit_price"), price, rel=1e-9, what=f'{name}: "unit_price"')
            expect_close(got.get("total"), round(price * body["quantity"], 2), abs_tol=0.005,
                         what=f'{name}: "total"',
                         why="It is the unit price times the quantity, in cents.")


# name -> (body, the field the answer should name; None when the whole body is wrong)
BAD: dict[str, tuple[Any, str | None]] = {
    "missing_quantity": (quote(quantity=...), "quantity"),
    "missing_rarity": (quote(rarity=...), "rarity"),
    "quantity_as_words": (quote(quantity="two"), "quantity"),
    "fractional_quantity": (quote(quantity=1.5), "quantity"),
    "zero_quantity": (quote(quantity=0), "quantity"),
    "negative_quantity": (quote(quantity=-3), "quantity"),
    "too_many_copies": (quote(quantity=MAX_QUANTITY + 1), "quantity"),
    "unknown_rarity": (quote(rarity="Super Duper Rare"), "rarity"),
    "rarity_as_number": (quote(rarity=7), "rarity"),
    "unknown_finish": (quote(finish="gold"), "finish"),
    "empty_card_id": (quote(card_id=""), "card_id"),
    "huge_card_id": (quote(card_id="x" * 5_000), "card_id"),
    "extra_field": (quote(discount=0.5), "discount"),
    "list_body": ([quote()], None),
    "null_body": (None, None),
    "not_json": (b"card_id=base1-4&quantity=2", None),
    "empty_body": (b"", None),
}


def _problem(name: str, response: Any, field: str | None) -> str | None:
    """What is wrong with the answer to the bad request `name`, or None if nothing."""
    status = response.status_code
    if status >= 500:
        return (f"`{name}` crashed your app ({status}): an unchecked body reaches code that "
                "raises. Declare the body as a pydantic model.")
    if status < 400:
        return (f"`{name}` got {status}. A 2xx tells the page the quote worked: catching the "
                "error and answering 200 with an error text hides it. Answer with a 4xx.")
    try:
        text = json.dumps(response.json(), ensure_ascii=False)
    except ValueError:
        text = ""
    if len(text) <= 2:
        return (f"`{name}` got {status} with no JSON message ({response.text[:60]!r}): say "
                'what is wrong, e.g. {"detail": ...}.')
    if field is not None and field not in text:
        return f"`{name}` got {status}, but the message doesn't name `{field}`: {text[:200]}"
    return None


def test_fixed_endpoint_rejects_bad_input_with_a_4xx_and_a_message(ex):
    with _client(ex) as client:
        problems = [problem for name, (body, field) in BAD.items()
                    if (problem := _problem(name, _post(client, body), field))]
    expect(not problems, f"{len(problems)} of {len(BAD)} bad requests were not answered with "
                         "a 4xx and a message that says what is wrong:\n- "
                         + "\n- ".join(problems))


_VALID_FIELDS = b'"card_id": "base1-4", "rarity": "Rare Holo", "finish": "holofoil", '
GARBAGE: dict[str, bytes] = {
    "quantity NaN": b"{" + _VALID_FIELDS + b'"quantity": NaN}',
    "quantity 1e999 (infinity)": b"{" + _VALID_FIELDS + b'"quantity": 1e999}',
    "quantity -Infinity": b"{" + _VALID_FIELDS + b'"quantity": -Infinity}',
    "every field the wrong type": b'{"card_id": {"a": [1]}, "rarity": null, "finish": [], '
    b'"quantity": {}}',
    "half a JSON object": b"{",
    "bytes that are not UTF-8": b"\xff\xfe\x00",
    "a JSON string": b'"two copies of base1-4, please"',
    "quantity 10**30": json.dumps(quote(quantity=10**30)).encode(),
}


def test_fixed_endpoint_never_answers_500_to_garbage(ex):
    with _client(ex) as client:
        crashes = [f"{name} -> {r.status_code}" for name, body in GARBAGE.items()
                   if (r := _post(client, body)).status_code >= 500]
    expect(not crashes,
           "These bodies crashed your app (5xx) instead of getting a 4xx:\n  "
           + "\n  ".join(crashes)
           + "\nWith NaN or Infinity, FastAPI's own 422 answer repeats the value back and "
           "can't be written as JSON: register a RequestValidationError handler that leaves "
           "the value out.")


# Exercise 3: the pull request description ---------------------------------------------------

SECTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("Summary", ("summary", "overview", "tl;dr")),
    ("Motivation", ("motivation", "why", "context", "background", "problem")),
    ("Changes", ("change",)),
    ("How tested", ("test",)),
    ("Metrics", ("metric", "result", "before")),
    ("Risks and rollback", ("risk", "rollback", "roll back", "revert")),
    ("Checklist", ("checklist", "check list", "to do")),
]
PULL_REQUESTS: dict[str, dict[str, Any]] = {
    "pr41": {
        "title": "Fit set-level features on training rows only",
        "why": "The set means and the scaler were fitted on the test cards too, and last "
        "week's price was a feature, so the reported error was far too good.",
        "metrics_before": {"test MAE (log price)": 0.1873, "within 25%": 0.7712},
        "metrics_after": {"test MAE (log price)": 0.5521, "within 25%": 0.3268},
        "commands": ["uv run pytest tests/test_features.py",
                     "uv run python -m pokemarket.train --seed 42"],
        "changed_files": ["src/pokemarket/features.py", "tests/test_features.py"],
    },
    "pr43": {
        "title": "Validate quote requests",
        "why": "Malformed quote requests crashed the endpoint with a 500.",
        "metrics_before": {"5xx per 1,000 requests": 31.0, "p95 latency (ms)": 42.5},
        "metrics_after": {"5xx per 1,000 requests": 0.0, "p95 latency (ms)": 43.1},
        "commands": ["uv run pytest tests/test_api.py -k quote",
                     "uv run python scripts/fuzz_quotes.py --requests 5000"],
        "changed_files": ["src/pokemarket/api.py", "src/pokemarket/schemas.py",
                          "tests/test_api.py"],
    },
}
HEADING = re.compile(r"^#{2,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def _description(ex, pr: str) -> str:
    text = ex.pr_description(**PULL_REQUESTS[pr])
    expect_type(text, str, "pr_description's result")
    return text


def _sections(text: str) -> dict[str, str]:
    """Required section -> its text, matched in order; fails naming a missing section."""
    headings = list(HEADING.finditer(text))
    found: dict[str, str] = {}
    position = 0
    for name, words in SECTIONS:
        match = next((i for i, h in enumerate(headings[position:], start=position)
                      if any(w in h.group(1).lower() for w in words)), None)
        titles = [h.group(1) for h in headings]
        expect(match is not None,
               f"No `## {name}` section after the ones before it (the headings found are "
               f"{titles}). The sections must come in this order: "
               f"{', '.join(n for n, _ in SECTIONS)}.")
        end = headings[match + 1].start() if match + 1 < len(headings) else len(text)
        found[name] = text[headings[match].end():end].strip()
        position = match + 1
    return found


@pytest.mark.parametrize("pr", list(PULL_REQUESTS))
def test_pr_description_has_every_section_in_order(ex, pr):
    sections = _sections(_description(ex, pr))
    empty = [name for name, body in sections.items() if len(body.split()) < 2]
    expect(not empty, f"These sections are empty: {empty}.")
    why = " ".join(PULL_REQUESTS[pr]["why"].split())
    expect(why in " ".join(sections["Motivation"].split()),
           "The Motivation section should say why the change is needed: include `why`.")


@pytest.mark.parametrize("pr", list(PULL_REQUESTS))
def test_pr_description_lists_every_changed_file(ex, pr):
    changes = _sections(_description(ex, pr))["Changes"]
    missing = [f for f in PULL_REQUESTS[pr]["changed_files"] if f not in changes]
    expect(not missing, f"The Changes section doesn't name {missing}. A reviewer should see "
                        "which files to read; use the `changed_files` you were given.")


def _code(text: str) -> str:
    fenced = re.findall(r"```[^\n]*\n(.*?)```", text, flags=re.DOTALL)
    outside = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    return "\n".join(fenced + re.findall(r"`([^`\n]+)`", outside))


@pytest.mark.parametrize("pr", list(PULL_REQUESTS))
def test_pr_description_shows_the_test_commands_as_code(ex, pr):
    tested = _sections(_description(ex, pr))["How tested"]
    code = _code(tested)
    missing = [c for c in PULL_REQUESTS[pr]["commands"] if c not in code]
    expect(not missing, f"How tested should show each command as code (`...` or a ``` block) "
                        f"so a reviewer can rerun it; missing: {missing}.")


def _has_value(line: str, value: float) -> bool:
    numbers = [float(n.replace(",", "")) for n in NUMBER.findall(line)]
    return any(abs(n - value) <= 0.005 * max(1.0, abs(value)) + 1e-9 for n in numbers)


@pytest.mark.parametrize("pr", list(PULL_REQUESTS))
def test_pr_description_reports_each_metric_before_and_after(ex, pr):
    metrics = _sections(_description(ex, pr))["Metrics"]
    before, after = PULL_REQUESTS[pr]["metrics_before"], PULL_REQUESTS[pr]["metrics_after"]
    for name in before:
        lines = [line for line in metrics.splitlines() if name in line]
        expect(bool(lines), f"The Metrics section has no line naming `{name}`.")
        expect(any(_has_value(line, before[name]) and _has_value(line, after[name])
                   for line in lines),
               f"The line for `{name}` should show its value before ({before[name]}) and "
               f"after ({after[name]}), to at least two decimals: {lines[0].strip()!r}. Use "
               "the numbers you were given; don't write them by hand.")


@pytest.mark.parametrize("pr", list(PULL_REQUESTS))
def test_pr_description_says_how_to_roll_back(ex, pr):
    risks = _sections(_description(ex, pr))["Risks and rollback"]
    expect(any(w in risks.lower() for w in ("revert", "roll back", "rollback", "roll-back")),
           "Risks and rollback should say how to undo the change (revert the PR, redeploy the "
           "previous model, ...).")
    expect(len(risks.split()) >= 15,
           f"Risks and rollback has {len(risks.split())} words: name what could go wrong as "
           "well as how to undo it.")


@pytest.mark.parametrize("pr", list(PULL_REQUESTS))
def test_pr_description_ends_with_a_task_list(ex, pr):
    checklist = _sections(_description(ex, pr))["Checklist"]
    items = re.findall(r"^\s*[-*][ \t]+\[[ xX]\][ \t]+\S", checklist, flags=re.MULTILINE)
    expect(len(items) >= 3, f"The Checklist has {len(items)} task-list items; write at least "
                            "three, each as `- [x] ...` or `- [ ] ...` so GitHub renders "
                            "checkboxes.")


# Exercise 4: the review checklist -----------------------------------------------------------

TOPICS: dict[str, tuple[str, ...]] = {
    "data leakage": ("leak", "training rows only", "train only", "fitted on train",
                     "fit on train", "training data only", "training set only"),
    "reproducibility": ("seed", "random_state", "reproduc", "determinis", "pinned",
                        "lock file", "uv.lock"),
    "tests": ("pytest", "unit test", "tests", "tested"),
    "data validation": ("schema", "pandera", "validate the data", "validates the data",
                        "data validation", "input data", "data quality", "missing values"),
    "metrics on the right split": ("test set", "held-out", "held out", "holdout", "hold-out",
                                   "cross-validat", "validation set", "right split"),
    "secrets": ("secret", "credential", "password", "token", "api key", ".env"),
    "documentation": ("docstring", "readme", "documentation", "documented", "model card",
                      "changelog"),
    "large files kept out of git": ("large file", "binar", "mlflow.db", "model file",
                                    "gitignore", "data file", "dvc", "git lfs"),
}
MIN_WORDS = 5  # a check is a sentence a reviewer can answer, not a keyword


def _checklist(ex) -> dict[str, list[str]]:
    got = ex.review_checklist()
    expect_type(got, dict, "review_checklist()")
    return got


def test_checklist_is_categories_of_specific_checks(ex):
    got = _checklist(ex)
    expect(len(got) >= 3, f"Group the checks into at least 3 categories, not {len(got)}.")
    checks = []
    for category, items in got.items():
        expect(isinstance(category, str) and category.strip() != "",
               f"Category names should be text, not {category!r}.")
        expect(isinstance(items, list) and items and all(isinstance(i, str) for i in items),
               f"Category {category!r} should be a non-empty list of checks (strings).")
        checks += items
    expect(len(checks) >= 8, f"{len(checks)} checks are too few to cover the topics; write 8 "
                             "or more.")
    short = [c for c in checks if len(c.split()) < MIN_WORDS]
    expect(not short, f"These checks are too vague to answer yes or no: {short[:4]}. Write "
                      f"each as a specific sentence of {MIN_WORDS} words or more.")
    repeated = len(checks) - len({c.strip().lower() for c in checks})
    expect(repeated == 0, f"{repeated} check(s) are repeated word for word.")


def test_checklist_covers_every_topic(ex):
    checks = [c.lower() for items in _checklist(ex).values() if isinstance(items, list)
              for c in items if isinstance(c, str)]
    missing = [f"- {topic} (words such as {', '.join(words[:3])})"
               for topic, words in TOPICS.items()
               if not any(word in check for check in checks for word in words)]
    expect(not missing, "No check covers these topics; add one a reviewer can verify in the "
                        "diff for each:\n" + "\n".join(missing))


# Exercise 5: undocumented public functions -----------------------------------------------

MODULE_FUNCTIONS: dict[str, tuple[str, list[str]]] = {
    "empty_module": ("", []),
    "one_function": ("def f():\n    pass\n", ["f"]),
    "documented": ('def f():\n    """Fit it."""\n', []),
    "async_function": ("async def fetch():\n    pass\n", ["fetch"]),
    "decorated": ("@cache\ndef load():\n    pass\n", ["load"]),
    "empty_docstring": ('def f():\n    """   """\n    return 1\n', ["f"]),
    "comment_is_not_a_docstring": ("def f():\n    # Fit it.\n    pass\n", ["f"]),
    "string_not_first": ('def f():\n    x = 1\n    "too late"\n', ["f"]),
    "source_order": ("def zeta():\n    pass\n\n\nasync def mid():\n    pass\n\n\n"
                     "def alpha():\n    pass\n", ["zeta", "mid", "alpha"]),
}
SKIPPED: dict[str, tuple[str, list[str]]] = {
    "private": ("def _helper():\n    pass\n", []),
    "nested_in_documented": ('def outer():\n    """Doc."""\n\n    def inner():\n'
                             "        pass\n\n    return inner\n", []),
    "nested_in_undocumented": ("def outer():\n    def inner():\n        pass\n", ["outer"]),
    "dunder_methods": ('class Model:\n    """Doc."""\n\n    def __init__(self):\n'
                       "        pass\n\n    def __repr__(self):\n        return ''\n", []),
    "private_class": ("class _Cache:\n    def get(self, key):\n        pass\n", []),
    "class_inside_function": ('def make():\n    """Doc."""\n\n    class Local:\n'
                              "        def run(self):\n            pass\n\n"
                              "    return Local\n", []),
    "function_inside_method": ('class Job:\n    def run(self):\n        """Doc."""\n\n'
                               "        def step():\n            pass\n", []),
}
METHODS: dict[str, tuple[str, list[str]]] = {
    "method": ("class Model:\n    def fit(self, X):\n        pass\n", ["Model.fit"]),
    "class_docstring_is_not_enough": ('class Model:\n    """A model."""\n\n'
                                      "    def predict(self, X):\n        pass\n",
                                      ["Model.predict"]),
    "async_method": ("class Client:\n    async def get(self):\n        pass\n", ["Client.get"]),
    "static_method": ("class Tools:\n    @staticmethod\n    def parse(text):\n        pass\n",
                      ["Tools.parse"]),
    "property_and_setter": ("class Card:\n    @property\n    def price(self):\n"
                            "        return 1.0\n\n    @price.setter\n"
                            "    def price(self, value):\n        pass\n", ["Card.price"]),
    "documented_property": ('class Card:\n    @property\n    def price(self):\n'
                            '        """In dollars."""\n        return 1.0\n\n'
                            "    @price.deleter\n    def price(self):\n        pass\n", []),
    "functions_and_methods_in_order": (
        'def load():\n    pass\n\n\nclass Model:\n    def fit(self):\n        pass\n\n'
        '    def _prepare(self):\n        pass\n\n    def score(self):\n        """R2."""\n\n\n'
        "def save():\n    pass\n",
        ["load", "Model.fit", "save"],
    ),
}


def _expect_found(ex, table: dict[str, tuple[str, list[str]]], why: str) -> None:
    """Run the finder on every case of `table`; show the first case it gets wrong."""
    for case, (source, expected) in table.items():
        got = ex.undocumented_public_functions(source)
        expect_type(got, list, "undocumented_public_functions' result")
        expect(got == expected, f"Case `{case}`: for this source\n{source}\nexpected "
                                f"{expected}, got {got}. {why}")


def test_finder_reports_undocumented_module_functions(ex):
    _expect_found(ex, MODULE_FUNCTIONS,
                  "Count `def` and `async def` written directly in the module, in source "
                  "order; an empty docstring or a comment is no documentation.")


def test_finder_skips_private_and_nested_functions(ex):
    _expect_found(ex, SKIPPED,
                  "Names starting with `_` are private (that includes `__init__`), and "
                  "functions nested in functions are not part of the module's interface: walk "
                  "only the module's body and its public classes' bodies, not `ast.walk`.")


def test_finder_reports_methods_of_public_classes(ex):
    _expect_found(ex, METHODS,
                  "Methods are reported as `Class.method`; a class docstring doesn't document "
                  "its methods; a property's setter and deleter are documented by its getter.")
