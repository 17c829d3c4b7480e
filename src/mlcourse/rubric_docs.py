"""Rubric items that read the capstone's documents (`<target>/capstone/*.md`).

A document is judged on its sections (markdown headings) and on concrete content: words,
numbers, dollar amounts, tables, checklists, numbered steps. Guidance left in a template as
an HTML comment (`<!-- ... -->`) counts for nothing, so an untouched template scores 0.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from mlcourse.rubric_code import EVALUATION, FEATURES, measured, test_features
from mlcourse.rubric_context import Context, Item, Verdict

NUMBER = re.compile(r"(?<![\w.])[-+]?\d[\d,]*(?:\.\d+)?%?")
DOLLARS = re.compile(r"(?:\$\s?\d|\bUSD\s?\d|\d\s?(?:USD|dollars)\b)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MIN_WORDS = 15  # words a required section needs to count as written
FLOOR = (0.05, 0.2)  # where the week-over-week floor (0.07 median, 0.11 mean) lies

BUSINESS, MONITORING, DOCUMENTATION = "Business analysis", "Monitoring", "Documentation"


@dataclass
class Document:
    """A markdown file split into sections (heading text, lower case -> body)."""

    name: str
    text: str
    sections: dict[str, str]

    def section(self, wanted: str) -> str:
        """The body of the first section whose heading contains `wanted` ("" if none)."""
        for heading, body in self.sections.items():
            if wanted.lower() in heading:
                return body
        return ""


def parse(name: str, text: str) -> Document:
    """Split markdown `text` into sections; a section's body includes its subsections."""
    text = COMMENT.sub("", text)
    lines = text.splitlines()
    headings = [
        (i, len(m.group(1)), m.group(2).strip().lower())
        for i, line in enumerate(lines)
        if (m := HEADING.match(line))
    ]
    sections = {}
    for k, (start, level, title) in enumerate(headings):
        end = next((i for i, lvl, _ in headings[k + 1 :] if lvl <= level), len(lines))
        sections.setdefault(title, "\n".join(lines[start + 1 : end]).strip())
    return Document(name, text, sections)


def document(ctx: Context, name: str) -> Document:
    """The learner's document `name`; a missing file is an empty document."""

    def read() -> Document:
        path = ctx.docs / name
        return parse(name, path.read_text(encoding="utf-8") if path.is_file() else "")

    return ctx.memo(f"doc {name}", read)


def words(text: str) -> int:
    """Words of prose: letters, not table rules or markup."""
    return len(re.findall(r"[A-Za-z][A-Za-z'-]*", text))


def numbers(text: str) -> list[str]:
    return NUMBER.findall(text)


def table_rows(text: str) -> list[list[str]]:
    """The data rows of every markdown table in `text` (header and separator rows left out)."""
    rows, after_separator = [], False
    for line in (raw.strip() for raw in text.splitlines()):
        if not line.startswith("|"):
            after_separator = False
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells if cell):
            after_separator = True
        elif after_separator:
            rows.append(cells)
    return rows


def missing_sections(doc: Document, required: tuple[str, ...]) -> list[str]:
    """Required sections that are absent or have fewer than MIN_WORDS words."""
    if not doc.text.strip():
        return [f"{doc.name} is missing or empty"]
    return [
        f"`{s}` in {doc.name} is missing or under {MIN_WORDS} words"
        for s in required
        if words(doc.section(s)) < MIN_WORDS
    ]


def _points(points: int, problems: list[str]) -> Verdict:
    return Verdict(points) if not problems else Verdict(0, "; ".join(problems))


# --- business analysis -----------------------------------------------------------------------


def problem(ctx: Context) -> Verdict:
    body = document(ctx, "business_analysis.md").section("problem")
    ok = words(body) >= 40 and numbers(body)
    return _points(2, [] if ok else ["`Problem` needs >= 40 words and a number"])


def success_metrics(ctx: Context) -> Verdict:
    body = document(ctx, "business_analysis.md").section("success metric")
    lines = body.splitlines()
    found = [
        kind
        for kind in ("model", "business", "user")
        if any(kind in line.lower() and numbers(line) for line in lines)
    ]
    missing = [k for k in ("model", "business", "user") if k not in found]
    return Verdict(len(found), "" if not missing else f"no {missing} metric with a target number")


def roi(ctx: Context) -> Verdict:
    body = document(ctx, "business_analysis.md").section("roi")
    checks = {
        "a dollar amount": bool(DOLLARS.search(body)),
        ">= 4 numbers (the computation)": len(numbers(body)) >= 4,
        "ROI or payback stated as a number": any(
            re.search(r"\b(roi|payback|break-even)\b", line, re.I) and numbers(line)
            for line in body.splitlines()
        ),
    }
    missing = [name for name, ok in checks.items() if not ok]
    return Verdict(3 - len(missing), "" if not missing else f"`ROI` lacks {missing}")


def pitch(ctx: Context) -> Verdict:
    body = document(ctx, "business_analysis.md").section("pitch")
    problems = [] if 30 <= words(body) <= 150 else [f"`Pitch` has {words(body)} words (30-150)"]
    if not numbers(body):
        problems.append("`Pitch` quotes no number")
    return Verdict(2 - len(problems), "; ".join(problems))


# --- feature table, model card ---------------------------------------------------------------

CARD_SECTIONS = ("intended use", "data", "features", "evaluation", "limitations", "business impact")


def feature_table(ctx: Context) -> Verdict:
    rows = table_rows(document(ctx, "model_card.md").section("features"))
    columns = {str(c) for c in test_features(ctx).columns}
    named = {cell.strip("`* ") for row in rows for cell in row[:1]} & columns
    return _points(
        2,
        []
        if len(named) >= 5
        else [f"the `Features` table names {len(named)} of your feature columns (5 needed)"],
    )


def card_sections(ctx: Context) -> Verdict:
    doc = document(ctx, "model_card.md")
    absent = [s for s in CARD_SECTIONS if not doc.section(s)]
    thin = missing_sections(doc, CARD_SECTIONS)
    verdict = Verdict(2 - bool(absent) - bool(thin), "; ".join(thin))
    return verdict if doc.text.strip() else Verdict(0, "model_card.md is missing or empty")


def card_numbers(ctx: Context) -> Verdict:
    body = document(ctx, "model_card.md").section("evaluation")
    problems = []
    if len([r for r in table_rows(body) if any(numbers(c) for c in r[1:])]) < 3:
        problems.append("no metrics table with >= 3 rows of numbers in `Evaluation`")
    baseline = "baseline" in body.lower()
    floor = any(
        FLOOR[0] <= _value(n) <= FLOOR[1]
        for line in body.splitlines()
        if re.search(r"floor|week", line, re.I)
        for n in numbers(line)
    )
    if not (baseline and floor):
        problems.append(
            "`Evaluation` must compare with the baseline and the week-over-week "
            "floor (a number near 0.07-0.11)"
        )
    return Verdict(2 - len(problems), "; ".join(problems))


def _value(text: str) -> float:
    try:
        return float(text.rstrip("%").replace(",", ""))
    except ValueError:
        return float("nan")


def mae_values(text: str) -> list[float]:
    """Numbers quoted as an MAE: on a line that says MAE, or in a table column headed MAE."""
    values = [
        _value(n) for line in text.splitlines() if "mae" in line.lower() for n in numbers(line)
    ]
    header: list[str] = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line.startswith("|"):
            header = []
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if not header:
            header = [cell.lower() for cell in cells]
        elif not all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells if cell):
            values += [
                _value(n)
                for title, cell in zip(header, cells, strict=False)
                if "mae" in title
                for n in numbers(cell)
            ]
    return values


def card_mae(ctx: Context) -> Verdict:
    mae = measured(ctx)["mae_log"]
    if any(abs(q - mae) <= 0.03 for q in mae_values(document(ctx, "model_card.md").text)):
        return Verdict(2)
    return Verdict(0, f"no MAE in model_card.md within 0.03 of the measured {mae:.3f}")


def business_impact(ctx: Context) -> Verdict:
    body = document(ctx, "model_card.md").section("business impact")
    problems = [] if DOLLARS.search(body) else ["`Business impact` has no dollar amount"]
    if not re.search(r"\d\s?%", body):
        problems.append("`Business impact` has no percentage")
    return Verdict(2 - len(problems), "; ".join(problems))


# --- runbooks, documentation -----------------------------------------------------------------

RUNBOOK_SECTIONS = ("trigger", "diagnosis", "mitigation", "escalation")
RUNBOOKS = ("runbook_drift.md", "runbook_incident.md")


def runbook(name: str):  # noqa: ANN201 (returns a check)
    def check(ctx: Context) -> Verdict:
        return _points(1, missing_sections(document(ctx, name), RUNBOOK_SECTIONS))

    return check


def runbook_steps(ctx: Context) -> Verdict:
    problems = []
    for name in RUNBOOKS:
        text = document(ctx, name).text
        steps = re.findall(r"^\s*\d+\.\s+\S", text, re.MULTILINE)
        if len(steps) < 3 or not re.search(r"\d\.\d|\d\s?%|\$\s?\d", text):
            problems.append(f"{name} needs >= 3 numbered steps and a threshold number")
    return _points(1, problems)


def readme(ctx: Context) -> Verdict:
    doc = document(ctx, "README.md")
    problems = missing_sections(doc, ("overview", "how to run", "results", "project structure"))
    if "uv run" not in doc.section("how to run"):
        problems.append("`How to run` shows no `uv run` command")
    return _points(1, problems)


def pr_description(ctx: Context) -> Verdict:
    doc = document(ctx, "pr_description.md")
    problems = missing_sections(doc, ("summary", "changes", "testing", "risks"))
    if len(re.findall(r"^\s*[-*]\s+\S", doc.section("changes"), re.MULTILINE)) < 3:
        problems.append("`Changes` needs >= 3 bullet points")
    return _points(1, problems)


def checklist(ctx: Context) -> Verdict:
    ticked = re.findall(
        r"^\s*[-*]\s+\[[xX]\]\s+\S", document(ctx, "review_checklist.md").text, re.MULTILINE
    )
    return _points(1, [] if len(ticked) >= 8 else [f"{len(ticked)} ticked items (8 needed)"])


def code_quality(ctx: Context) -> Verdict:
    if ctx.import_error:
        return Verdict(0, f"the file does not import: {ctx.import_error}")
    tree = ast.parse(ctx.source.read_text(encoding="utf-8"))
    public = [n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]
    stubs = [n.name for n in public if "NotImplementedError" in ast.unparse(n)]
    if not public or stubs:
        return Verdict(0, f"still stubs: {stubs[:4]}" if stubs else "no public functions")
    undocumented = [n.name for n in public if not ast.get_docstring(n)]
    untyped = [
        n.name
        for n in public
        if n.returns is None or any(a.annotation is None for a in n.args.args + n.args.kwonlyargs)
    ]
    problems = [f"no docstring: {undocumented[:4]}"] if undocumented else []
    problems += [f"missing type hints: {untyped[:4]}"] if untyped else []
    return Verdict(2 - bool(undocumented) - bool(untyped), "; ".join(problems))


ITEMS: list[Item] = [
    Item(BUSINESS, 2, "business_analysis.md `Problem`: >= 40 words and a number", problem),
    Item(
        BUSINESS,
        3,
        "`Success metrics`: a model, a business and a user metric, each on a line "
        "with a target number (1 each)",
        success_metrics,
    ),
    Item(
        BUSINESS,
        3,
        "`ROI`: a dollar amount (1), >= 4 numbers (1), ROI or payback as a number (1)",
        roi,
    ),
    Item(BUSINESS, 2, "`Pitch`: 30-150 words (1) with a number (1)", pitch),
    Item(
        FEATURES,
        2,
        "model_card.md `Features` has a table naming >= 5 of your feature columns",
        feature_table,
    ),
    Item(
        EVALUATION,
        2,
        "model_card.md has Intended use, Data, Features, Evaluation, Limitations, "
        "Business impact (1), each >= 15 words (1)",
        card_sections,
    ),
    Item(
        EVALUATION,
        2,
        "`Evaluation`: a metrics table with >= 3 rows of numbers (1); compares "
        "with the baseline and the week-over-week floor, 0.05-0.2 (1)",
        card_numbers,
    ),
    Item(
        EVALUATION,
        2,
        "model_card.md quotes an MAE within 0.03 of the rubric's held-out measurement",
        card_mae,
    ),
    Item(
        EVALUATION,
        2,
        "`Business impact`: a dollar amount (1) and a percentage (1)",
        business_impact,
    ),
    Item(
        MONITORING,
        1,
        "runbook_drift.md: Trigger, Diagnosis, Mitigation, Escalation, >= 15 words each",
        runbook("runbook_drift.md"),
    ),
    Item(
        MONITORING,
        1,
        "runbook_incident.md: the same four sections, >= 15 words each",
        runbook("runbook_incident.md"),
    ),
    Item(MONITORING, 1, "both runbooks: >= 3 numbered steps and a threshold number", runbook_steps),
    Item(
        DOCUMENTATION,
        1,
        "README.md: Overview, How to run (with `uv run`), Results, Project "
        "structure, >= 15 words each",
        readme,
    ),
    Item(
        DOCUMENTATION,
        1,
        "pr_description.md: Summary, Changes (>= 3 bullets), Testing, Risks",
        pr_description,
    ),
    Item(
        DOCUMENTATION,
        2,
        "exercises_08.py: no stub left; every public function has a "
        "docstring (1) and full type hints (1)",
        code_quality,
    ),
    Item(DOCUMENTATION, 1, "review_checklist.md: >= 8 ticked items (`- [x]`)", checklist),
]
