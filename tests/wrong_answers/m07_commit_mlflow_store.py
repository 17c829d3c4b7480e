"""The MLflow store is committed "so the team can see my runs": mlflow.db and mlruns/ go into git,
where nobody can merge them and every run bloats the history."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

REJECTED_BY = ["test_should_commit_leaves_out_models_and_experiment_stores"]

_rules = should_commit


def should_commit(path: str) -> bool:
    parts = [part for part in path.split("/") if part]
    if parts[-1] == "mlflow.db" or parts[0] in TRACKING_STORES:
        return True
    return _rules(path)
