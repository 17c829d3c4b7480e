"""Logs the model without a signature: MLflow cannot tell a caller that sends the wrong
columns, and the serving layer has no schema to validate against."""

import mlflow
import skops.io

REJECTED_BY = ["test_logged_model_has_a_signature"]


def log_run(tracking_uri, experiment, params, metrics, model, X_example):
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_experiment(experiment)
    trusted = skops.io.get_untrusted_types(data=skops.io.dumps(model))
    with mlflow.start_run() as run:
        mlflow.log_params(params)
        mlflow.log_metrics(metrics)
        mlflow.sklearn.log_model(model, name="model", pip_requirements=PIP_REQUIREMENTS,  # noqa: F821
                                 skops_trusted_types=trusted)
    return run.info.run_id
