"""The course's modules: number, notebook slug, title, time estimate and track."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Module:
    """One course module: a notebook, an exercise file, its graders and a solution."""

    number: str  # two digits, as in exercises_NN.py
    slug: str  # notebooks/NN_slug.py
    title: str
    hours: float  # time estimate for a first pass, exercises included
    track: str = "core"

    @property
    def notebook(self) -> str:
        """The notebook's file name inside `notebooks/`."""
        return f"{self.number}_{self.slug}.py"


# The tracks, in the order `mlcourse progress` shows them.
TRACKS: dict[str, str] = {
    "core": "Core modules (00-08)",
    "foundations": "Foundations and deep dives (before or beside the core; see the README)",
}

MODULES: tuple[Module, ...] = (
    Module("00", "ml_in_business", "ML in business context", 2.0),
    Module("01", "data_engineering", "Data engineering foundations", 4.0),
    Module("02", "eda_features", "EDA and feature engineering", 4.0),
    Module("03", "training_experiments", "Model training and experimentation", 5.0),
    Module("04", "evaluation", "Model evaluation and validation", 4.0),
    Module("05", "deployment", "Deployment and inference", 5.0),
    Module("06", "monitoring", "Production ML and monitoring", 4.0),
    Module("07", "collaboration", "Team collaboration and code review", 3.0),
    Module("08", "capstone", "Capstone: PokeMarket card price prediction", 10.0),
    Module("10", "python_for_ml", "Foundations: Python for ML", 4.0, track="foundations"),
    Module("11", "math_for_ml", "Foundations: math for ML", 4.0, track="foundations"),
    Module("12", "classic_algorithms", "Foundations: classic algorithms", 5.0, track="foundations"),
    Module(
        "13",
        "neural_networks",
        "Foundations: neural networks from scratch",
        4.0,
        track="foundations",
    ),  # noqa: E501
    Module("14", "responsible_ml", "Foundations: responsible ML", 4.0, track="foundations"),
)


def get_module(number: str) -> Module:
    """Return the module numbered `number` ("00", "01", ...).

    Raises:
        KeyError: if the course has no such module.
    """
    for module in MODULES:
        if module.number == number:
            return module
    known = ", ".join(m.number for m in MODULES)
    raise KeyError(f"No module {number!r}; the course has {known}")
