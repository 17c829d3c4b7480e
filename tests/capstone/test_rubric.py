"""The capstone rubric: the reference scores 100, untouched templates almost nothing, partial
capstones something in between with the right categories docked, and a broken file never
crashes it. Also: CAPSTONE_RUBRIC.md lists every check, and the reference documents quote
the numbers the code computes.

The reference run trains the full model (about a minute); the partial capstones train a
lighter version of it, or nothing, to keep the suite fast.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, background, build_course

from mlcourse import rubric
from mlcourse.loading import load_exercises
from mlcourse.paths import environment
from mlcourse.rubric import CATEGORIES, Report, score

SOLUTION = (ROOT / "solutions" / "exercises_08.py").read_text(encoding="utf-8")

# Fewer folds, trees and boosting rounds: the same code path, a fraction of the time.
LIGHT_TRAINING = """
N_FOLDS = 2
HGB_SETTINGS = dict(HGB_SETTINGS, max_iter=100)
ENSEMBLE_HGB = dict(ENSEMBLE_HGB, max_iter=100)
SEARCH_SPACE = dict(SEARCH_SPACE, max_iter=[60, 100, 140])
CANDIDATES = dict(CANDIDATES, random_forest=lambda: RandomForestRegressor(
    n_estimators=10, min_samples_leaf=3, max_features=0.4, random_state=SEED))
"""

NO_TRACKING = '''
def train_models(train: pd.DataFrame, tracking_uri: str, experiment: str = EXPERIMENT) -> dict:
    """Fit the default pipeline; compare nothing, log nothing."""
    X, y = build_features(train), np.log(train["market_price"].to_numpy())
    with threadpool_limits(limits=1):
        model = _fit(build_pipeline(), X, y, train["card_id"].to_numpy())
    return {"model": model, "run_id": None, "algorithm": "hist_gradient_boosting"}
'''

LEAKY_FEATURES = '''
NUMERIC_FEATURES = [*NUMERIC_FEATURES, "last_week_price"]
FEATURES = NUMERIC_FEATURES + CATEGORICAL_FEATURES + TARGET_ENCODED_FEATURES


def build_features(cards: pd.DataFrame) -> pd.DataFrame:
    """The attributes plus last week's price of the card, when the table has it."""
    last_week = cards["prev_market_price"] if "prev_market_price" in cards else float("nan")
    table = _listing_features(cards).assign(last_week_price=last_week)
    return table[FEATURES].astype(dict.fromkeys(NUMERIC_FEATURES, "float64"))
'''

UNVALIDATED_API = '''
def create_app(model: BaseEstimator) -> FastAPI:
    """Any JSON object goes straight to the model: no request model, no error handler."""
    app = FastAPI()

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.post("/predict")
    def predict(card: dict) -> dict:
        frame = pd.DataFrame([card])
        price = float(np.exp(model.predict(build_features(frame))[0]))
        return {"name": card["name"], "finish": card["finish"], "price": price}

    @app.post("/predict/batch")
    def predict_batch(batch: dict) -> dict:
        prices = np.exp(model.predict(build_features(pd.DataFrame(batch["cards"]))))
        return {"predictions": [{"price": float(p)} for p in prices]}

    return app
'''


def course_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, documents: bool = True
) -> Path:
    """A throwaway course whose learner capstone is `source` (and the reference documents)."""
    root = build_course(tmp_path, "08", source)
    if documents:
        shutil.copytree(ROOT / "solutions" / "capstone", root / "exercises" / "capstone")
    monkeypatch.setenv("MLCOURSE_ROOT", str(root))
    return root


def scored_in_a_subprocess(source: str | None) -> Report:
    """`mlcourse rubric` in a fresh process: on the reference (`source` None), or on a
    throwaway course whose capstone is `source`, with the reference documents."""
    with tempfile.TemporaryDirectory(prefix="capstone_") as tmp:
        env, command = environment(), ["rubric", "--json", str(Path(tmp) / "report.json")]
        if source is None:
            command.append("--solutions")
            env["MLCOURSE_ROOT"] = str(ROOT)
        else:
            root = build_course(Path(tmp) / "course", "08", source)
            shutil.copytree(ROOT / "solutions" / "capstone", root / "exercises" / "capstone")
            env |= {"MLCOURSE_ROOT": str(root), "MLCOURSE_TARGET": "exercises"}
        done = subprocess.run(
            [sys.executable, "-c", "from mlcourse.cli import main; raise SystemExit(main())",
             *command],
            cwd=tmp, env=env, capture_output=True, text=True, timeout=1200, check=False,
        )  # fmt: skip
        report = Path(tmp) / "report.json"
        assert report.is_file(), (
            f"mlcourse rubric wrote no report:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )
        return Report.from_dict(json.loads(report.read_text(encoding="utf-8")))


# The scorings that train models run in the background from collection on (tests/conftest).
SCORED = {
    "reference": None,
    "no tracking": SOLUTION + NO_TRACKING,
    "leaky features": SOLUTION + LIGHT_TRAINING + LEAKY_FEATURES,
    "unvalidated api": SOLUTION + LIGHT_TRAINING + UNVALIDATED_API,
}
NEEDS = {
    "test_a_capstone_without_mlflow_runs_loses_the_tracking_points": ["no tracking"],
    "test_a_capstone_with_a_leaky_feature_loses_feature_points": ["leaky features"],
    "test_an_api_without_validation_loses_deployment_points": ["unvalidated api"],
}


BACKGROUND_PRIORITY = 1  # order of the background jobs (tests/conftest.py)


def background_jobs(item: pytest.Item) -> dict:
    wanted = NEEDS.get(item.originalname, ["reference"] if "reference" in item.fixturenames else [])
    return {
        ("capstone", name): lambda source=SCORED[name]: scored_in_a_subprocess(source)
        for name in wanted
    }


def points(report: Report) -> dict[str, float]:
    return {name: report.category(name) for name in CATEGORIES}


def lost(report: Report, category: str) -> list[str]:
    return [line.reason for line in report.lines if line.category == category and line.reason]


@pytest.fixture(scope="module")
def reference() -> Report:
    return background.result(("capstone", "reference"))


def test_reference_capstone_scores_100(reference):
    missing = [f"{line.rule}: {line.reason}" for line in reference.lines if line.reason]
    assert reference.total == 100, "\n".join(missing)
    assert reference.band == "hire-ready"


def test_every_lost_point_of_the_stubs_has_a_reason_and_the_total_is_near_zero():
    report = score("exercises")  # the untouched stubs and templates of the repository
    assert report.total <= 10, rubric.format_report(report)
    unexplained = [
        line.rule for line in report.lines if line.points < line.max_points and not line.reason
    ]
    assert not unexplained
    assert any("not attempted" in line.reason for line in report.lines)


def test_categories_add_up_to_100_and_the_rubric_document_lists_every_check():
    assert sum(CATEGORIES.values()) == 100
    text = (ROOT / "CAPSTONE_RUBRIC.md").read_text(encoding="utf-8")
    for item in rubric.items():
        assert f"| {item.points} | {item.rule.replace('|', '/')} |" in text, item.rule
    for name, most in CATEGORIES.items():
        assert f"## {name} ({most} points)" in text


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (100, "hire-ready"),
        (90, "hire-ready"),
        (89.5, "ready for a junior role"),
        (70, "needs practice"),
        (65, "review weak areas"),
        (59, "redo modules"),
        (0, "redo modules"),
    ],
)
def test_bands_follow_the_course_outline(total, band):
    assert rubric.band(total) == band


def test_a_syntax_error_costs_the_code_points_and_is_reported(tmp_path, monkeypatch):
    course_with(tmp_path, monkeypatch, SOLUTION + "\ndef broken(:\n", documents=False)
    report = score("exercises")
    assert report.total == 0
    assert all("syntax error" in line.reason for line in report.lines if "()" in line.rule)


def test_a_capstone_without_mlflow_runs_loses_the_tracking_points():
    report = background.result(("capstone", "no tracking"))
    got = points(report)
    assert got["Model training"] <= 7, rubric.format_report(report)
    assert any("model families" in reason for reason in lost(report, "Model training"))
    intact = ("Business analysis", "Data engineering", "Feature engineering", "Monitoring")
    assert all(got[name] == CATEGORIES[name] for name in intact), got
    assert 60 <= report.total < 100


def test_a_capstone_with_a_leaky_feature_loses_feature_points():
    report = background.result(("capstone", "leaky features"))
    got = points(report)
    reasons = " ".join(lost(report, "Feature engineering"))
    assert got["Feature engineering"] <= CATEGORIES["Feature engineering"] - 3, reasons
    assert "price" in reasons
    intact = ("Business analysis", "Data engineering", "Monitoring", "Documentation")
    assert all(got[name] == CATEGORIES[name] for name in intact), got
    assert 60 <= report.total < 100


def test_an_api_without_validation_loses_deployment_points():
    report = background.result(("capstone", "unvalidated api"))
    got = points(report)
    assert got["Deployment"] <= CATEGORIES["Deployment"] - 4, lost(report, "Deployment")
    assert any("expected a 4xx" in reason for reason in lost(report, "Deployment"))
    others = [name for name in CATEGORIES if name != "Deployment"]
    assert all(got[name] == CATEGORIES[name] for name in others), got
    assert 80 <= report.total < 100


def test_the_json_report_has_every_item(reference, tmp_path):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(reference.as_dict()), encoding="utf-8")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["total"] == 100 and data["band"] == "hire-ready"
    assert len(data["items"]) == len(rubric.items())
    assert {"mae_log", "within_25", "baseline_mae_log"} <= set(data["measurements"])


# --- the reference documents quote computed numbers ------------------------------------------


def quoted(document: str) -> str:
    return (ROOT / "solutions" / "capstone" / document).read_text(encoding="utf-8")


def table_value(text: str, row_start: str, column: int) -> float:
    """The number in `column` of the markdown table row whose first cell starts with it."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].startswith(row_start):
            return float(cells[column].rstrip("%").replace(",", "").lstrip("$"))
    raise AssertionError(f"no table row starting with {row_start!r}")


@pytest.fixture(scope="module")
def computed(reference) -> dict[str, float]:
    """The yardsticks recomputed now, plus the model's scores from the rubric's own run."""
    solution = load_exercises("08", "solutions")
    return solution._comparison_numbers() | reference.measurements


def test_model_card_quotes_the_measured_scores(computed):
    card = quoted("model_card.md")
    rows = {
        "naive baseline": ("baseline_mae_log", "baseline_within_25"),
        "course attribute model": ("attribute_hgb_mae_log", "attribute_hgb_within_25"),
        "this model": ("mae_log", "within_25"),
        "week-over-week floor": ("floor_mean_abs_log_change", "floor_within_25"),
    }
    for row, (mae, within) in rows.items():
        assert table_value(card, row, 1) == pytest.approx(computed[mae], abs=0.0015), row
        assert table_value(card, row, 2) / 100 == pytest.approx(computed[within], abs=0.0015), row
    assert f"median {computed['floor_median_abs_log_change']:.3f}" in card


def test_business_documents_quote_the_computed_case(computed):
    business = quoted("business_analysis.md")
    for key in ("benefit_per_month", "total_cost"):
        assert f"${computed[key]:,.0f}" in business, key
    assert f"{computed['roi']:.1%}" in business
    assert f"month {computed['payback_month']:.0f}" in business
    assert f"{computed['sample_size_per_arm']:,.0f} listings per arm" in business
    for document in ("business_analysis.md", "README.md", "pr_description.md"):
        text = quoted(document)
        assert (
            f"{computed['mae_log']:.3f}" in text and f"{computed['baseline_mae_log']:.3f}" in text
        )


def test_rubric_document_quotes_the_reference_scores(computed):
    text = (ROOT / "CAPSTONE_RUBRIC.md").read_text(encoding="utf-8")
    found = re.search(r"MAE (\d\.\d+) in log price and ([\d.]+)% of rows", text)
    assert found, "CAPSTONE_RUBRIC.md should quote the reference's MAE and share within 25%"
    assert float(found.group(1)) == pytest.approx(computed["mae_log"], abs=0.0015)
    assert float(found.group(2)) / 100 == pytest.approx(computed["within_25"], abs=0.0015)
