"""An incident report with no timeline: the reader can't tell what happened when, or check
that the fix matches the event that caused the incident."""

import pandas as pd

REJECTED_BY = ["test_incident_report_has_every_section",
               "test_incident_report_timeline_lists_every_event"]

_full_report = incident_report  # noqa: F821 (the solution's function, defined above this file)


def incident_report(log: pd.DataFrame, events: pd.DataFrame) -> str:
    text = _full_report(log, events)
    start, end = text.index("## Timeline"), text.index("## Root cause")
    return text[:start] + text[end:]
