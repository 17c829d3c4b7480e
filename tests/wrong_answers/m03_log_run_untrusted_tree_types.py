"""Logs a tree model with MLflow's default skops format without trusting its types: skops
refuses to save what it would not load, so log_model raises and no usable run is stored."""

import mlflow
from mlflow.models import infer_signature

REJECTED_BY = [
    "test_log_run_records_a_finished_run_in_the_experiment",
    "test_logged_params_and_metrics_match",
    "test_logged_model_loads_and_predicts",
    "test_logged_model_has_a_signature",
    "test_logged_model_lists_explicit_requirements",
    "test_log_run_adds_runs_to_an_existing_experiment",
]


def log_run(tracking_uri, experiment, params, metrics, model, X_example):
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_experiment(experiment)
    signature = infer_signature(X_example, model.predict(X_example))
    with mlflow.start_run() as run:
        mlflow.log_params(params)
        mlflow.log_metrics(metrics)
        mlflow.sklearn.log_model(model, name="model", signature=signature,
                                 pip_requirements=PIP_REQUIREMENTS)  # noqa: F821
    return run.info.run_id
