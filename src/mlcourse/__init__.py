"""mlcourse: the toolkit behind the applied ML engineering course."""

__version__ = "0.1.0"
