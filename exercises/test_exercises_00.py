"""Graders for module 00, ML in business context.

Run them with `uv run pytest exercises/test_exercises_00.py`. Each test calls your functions
through the `ex` fixture and compares the result with values worked out by hand or with a
trusted library, and says what the likely mistake is when it recognises one.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mlcourse.grading import expect, expect_close, expect_type

# Exercise 1: should we use ML? ---------------------------------------------------------------

DECISIONS = ("ml", "heuristic", "no_build")
REASONS = (
    "complex_pattern_at_scale",
    "rules_suffice",
    "no_labelled_data",
    "error_cost_too_high",
    "too_few_decisions",
)
SCENARIO_ANSWERS: dict[str, tuple[str, str]] = {
    "listing_price": ("ml", "complex_pattern_at_scale"),
    "shipping_fee": ("heuristic", "rules_suffice"),
    "future_value": ("no_build", "no_labelled_data"),
    "vintage_appraisal": ("no_build", "too_few_decisions"),
    "auto_ban": ("no_build", "error_cost_too_high"),
}
# Why each wrong decision is wrong, without giving away the right one.
WRONG_DECISION: dict[str, dict[str, str]] = {
    "listing_price": {
        "heuristic": "Price depends on many factors that interact (a holofoil from a 1999 set "
        "is not a holofoil from 2024), and no short rule captures that. With 40,000 listings a "
        "month and known prices to learn from, a rule leaves a lot of accuracy unused.",
        "no_build": "40,000 pricing decisions a month is a lot of value to leave on the table, "
        "and there are known prices to learn from and to test against.",
    },
    "shipping_fee": {
        "ml": "The carrier's table already gives the exact fee. A model could only approximate "
        "it, would sometimes charge the wrong fee, and would need retraining whenever the "
        "rates change.",
        "no_build": "Checkout needs a fee for every order, and computing it is easy: leaving "
        "it to a person or dropping it isn't an option.",
    },
    "future_value": {
        "ml": "A model learns from examples whose outcome is known. No card here has a known "
        "5-year outcome, so there is nothing to train on and no way to measure whether the "
        "badge's promise comes true.",
        "heuristic": "A hand-written rule ('vintage holos double') makes the same promise with "
        "nothing to check it against. A badge that tells buyers a card will double needs "
        "evidence that such predictions come true.",
    },
    "vintage_appraisal": {
        "ml": "Count the decisions: 25 a year, 20 minutes each. Any model costs more to build "
        "and maintain than that expert time, and 25 examples a year can't train or test one.",
        "heuristic": "A fixed rule would be wrong exactly on the unusual, $1,000+ cards, and "
        "it would save only a few hours of expert time a year.",
    },
    "auto_ban": {
        "ml": "Even a very good fraud score flags some honest sellers. With no human review, "
        "each of those mistakes costs about $4,000, more than the fraud it stops.",
        "heuristic": "A hand-written rule also flags some honest sellers, and with no review "
        "each mistake still costs about $4,000. Swapping the model for a rule doesn't remove "
        "the problem, which is the unreviewed automatic ban.",
    },
}
# A clue for a right decision with the wrong reason.
REASON_CLUE: dict[str, str] = {
    "listing_price": "Ask what makes a model worth its cost here that a rule could not match.",
    "shipping_fee": "Ask whether the exact answer can already be written down.",
    "future_value": "Ask what you would learn from, and how you would check a 5-year promise.",
    "vintage_appraisal": "Count how often this decision is made and what a person costs.",
    "auto_ban": "Compare what one wrong ban costs with what automating the bans saves.",
}


def _classification(ex) -> dict:
    answers = ex.classify_scenarios()
    expect_type(answers, dict, "classify_scenarios()")
    return answers


def test_classification_covers_every_scenario_with_known_codes(ex):
    answers = _classification(ex)
    missing = sorted(set(SCENARIO_ANSWERS) - set(answers))
    extra = sorted(set(answers) - set(SCENARIO_ANSWERS))
    expect(not missing, f"classify_scenarios() has no answer for {missing}.")
    expect(not extra, f"classify_scenarios() has unknown scenario ids {extra}; use the keys "
                      "of SCENARIOS as they are.")
    for scenario, pair in answers.items():
        expect(isinstance(pair, tuple) and len(pair) == 2,
               f"The answer for `{scenario}` should be a (decision, reason) tuple, not {pair!r}.")
        decision, reason = pair
        expect(decision in DECISIONS, f"`{scenario}`: {decision!r} is not a decision; use one "
                                      f"of {', '.join(DECISIONS)}.")
        expect(reason in REASONS, f"`{scenario}`: {reason!r} is not a reason code; use one of "
                                  f"{', '.join(REASONS)}.")


@pytest.mark.parametrize("scenario", list(SCENARIO_ANSWERS))
def test_scenario_gets_the_right_decision(ex, scenario):
    pair = _classification(ex).get(scenario)
    expect(isinstance(pair, tuple) and len(pair) == 2,
           f"The answer for `{scenario}` should be a (decision, reason) tuple, not {pair!r}.")
    decision = pair[0]
    expect(decision in DECISIONS,
           f"`{scenario}`: {decision!r} is not a decision; use one of {', '.join(DECISIONS)}.")
    why = WRONG_DECISION[scenario].get(decision, "")
    expect(decision == SCENARIO_ANSWERS[scenario][0],
           f"`{scenario}`: {decision!r} is not the best decision. {why}")


@pytest.mark.parametrize("scenario", list(SCENARIO_ANSWERS))
def test_scenario_gets_the_deciding_reason(ex, scenario):
    pair = _classification(ex).get(scenario)
    expect(isinstance(pair, tuple) and len(pair) == 2,
           f"The answer for `{scenario}` should be a (decision, reason) tuple, not {pair!r}.")
    reason = pair[1]
    expect(reason in REASONS,
           f"`{scenario}`: {reason!r} is not a reason code; use one of {', '.join(REASONS)}.")
    expect(reason == SCENARIO_ANSWERS[scenario][1],
           f"`{scenario}`: {reason!r} is not what decides this case. {REASON_CLUE[scenario]}")


# Exercise 2: ROI and payback ---------------------------------------------------------------

# (build cost, monthly run cost, monthly benefit, months) -> ROI, worked out by hand.
ROI_CASES = [
    (1_000, 0, 0, 0, -1.0),  # no months: the build cost is all lost
    (1_000, 0, 1_000, 1, 0.0),  # earns back exactly what it cost
    (1_000, 0, 500, 4, 1.0),  # 2,000 in for 1,000 out
    (10_000, 500, 2_000, 12, 8_000 / 16_000),  # 24,000 in, 10,000 + 6,000 out
    (40_000, 2_000, 6_000, 24, 56_000 / 88_000),  # 144,000 in, 40,000 + 48,000 out
    (50_000, 3_000, 3_500, 12, -44_000 / 86_000),  # a project that loses money
]


def _roi_mistakes(build: float, run: float, benefit: float, months: int) -> dict[str, float]:
    """Results of common ROI mistakes, to name the one a learner made."""
    cost = build + run * months
    gain = benefit * months
    return {
        "Looks like you left out the monthly running cost.": (gain - build) / build,
        "That is benefit / cost; ROI is the net gain (benefit - cost) over cost.": gain / cost,
        "That is a percentage; return a fraction (0.5, not 50).": 100 * (gain - cost) / cost,
        "You divided by the build cost only; divide by the total cost, running cost included.":
            (gain - cost) / build,
    }


@pytest.mark.parametrize(("build", "run", "benefit", "months", "expected"), ROI_CASES)
def test_roi_matches_hand_computed_cases(ex, build, run, benefit, months, expected):
    got = ex.project_roi(build, run, benefit, months)
    expect_type(got, (float, np.floating), "project_roi's result")
    why = next((mistake for mistake, value in _roi_mistakes(build, run, benefit, months).items()
                if not math.isclose(value, expected) and math.isclose(got, value, abs_tol=1e-9)),
               "")
    expect_close(got, expected, rel=1e-9, abs_tol=1e-9, what="The ROI", why=why)


# (build cost, monthly run cost, monthly benefit) -> payback month, worked out by hand.
PAYBACK_CASES = [
    (1, 0, 1, 1),  # covered at the end of the first month
    (1_000, 0, 999, 2),  # 999 after month 1 is one dollar short
    (6_000, 500, 1_500, 6),  # exactly 6 x 1,000: month 6, not 5 or 7
    (10_000, 500, 2_000, 7),  # 6 x 1,500 = 9,000 is short; 7 x 1,500 = 10,500
    (40_000, 2_000, 6_000, 10),
    (50_000, 4_900, 5_000, 500),  # pays back, slowly: 100 a month for 500 months
]
NEVER_PAYS_BACK = [
    (10_000, 0, 0),  # earns nothing
    (10_000, 2_000, 2_000),  # running costs eat the whole benefit
    (10_000, 3_000, 2_000),  # loses money every month
]


def _balances(build: float, run: float, benefit: float, months: int) -> list[float]:
    """The project's balance at the end of months 1..months, simulated month by month."""
    balance, history = -build, []
    for _ in range(months):
        balance += benefit - run
        history.append(balance)
    return history


@pytest.mark.parametrize(("build", "run", "benefit", "expected"), PAYBACK_CASES)
def test_payback_month_is_first_month_balance_reaches_zero(ex, build, run, benefit, expected):
    got = ex.payback_month(build, run, benefit)
    expect(got is not None, f"payback_month returned None, but this project pays back: it nets "
                            f"{benefit - run:,} a month against a build cost of {build:,}.")
    expect(not isinstance(got, bool) and isinstance(got, int | np.integer),
           f"Return the month as an int, not {type(got).__name__} {got!r}. math.ceil returns "
           "an int; round() or int() convert a float.")
    expect(got >= 1, f"Month {got} is not a month of the project: months are numbered from 1, "
                     "the first month after the build.")
    balance = _balances(build, run, benefit, max(expected, got))
    expect(got >= expected, f"Month {got} is too early: at its end the balance is still "
                            f"{balance[got - 1]:,}. Did you count from month 0 or round down?")
    expect(got <= expected, f"Month {got} is too late: the balance is already "
                            f"{balance[expected - 1]:,} at the end of month {expected}. Did you "
                            "add 1 after rounding up, or compare with > instead of >=?")


@pytest.mark.time_limit(2)  # a right answer is instant; a loop with no exit is not
@pytest.mark.parametrize(("build", "run", "benefit"), NEVER_PAYS_BACK)
def test_payback_month_is_none_when_project_never_pays_back(ex, build, run, benefit):
    got = ex.payback_month(build, run, benefit)
    expect(got is None, f"This project nets {benefit - run:,} a month, so its balance never "
                        f"rises back to zero: return None, not {got!r}.")


# Exercise 3: MAE in business terms ---------------------------------------------------------

MAE_KEYS = {"relative_error", "dollars_per_card", "dollars_per_month"}
# (MAE in log price, typical price, listings per month) -> (relative error, $ per card).
MAE_CASES = [
    (0.0, 0.37, 1_000, 0.0, 0.0),  # a perfect model costs nothing
    (math.log(2), 10.0, 100, 1.0, 10.0),  # off by a factor of 2: 100% of the price
    (math.log(1.5), 2.0, 40_000, 0.5, 1.0),  # a factor of 1.5: 50%
    (0.35, 0.37, 40_000, float(np.expm1(0.35)), 0.37 * float(np.expm1(0.35))),  # the model
    (0.61, 163.0, 500, float(np.expm1(0.61)), 163.0 * float(np.expm1(0.61))),  # naive rule
]


def _business(ex, mae: float, price: float, listings: int) -> dict:
    """Call mae_to_business and check the result's shape: the documented keys, numbers."""
    got = ex.mae_to_business(mae, price, listings)
    expect_type(got, dict, "mae_to_business's result")
    expect(set(got) == MAE_KEYS, f"The result's keys should be {sorted(MAE_KEYS)}, not "
                                 f"{sorted(map(str, got))}.")
    for key in sorted(MAE_KEYS):
        expect_type(got[key], (float, int, np.floating, np.integer), f"result[{key!r}]")
    return got


def test_mae_translation_returns_the_documented_keys(ex):
    _business(ex, 0.35, 0.37, 40_000)


@pytest.mark.parametrize(("mae", "price", "listings", "relative", "per_card"), MAE_CASES,
                         ids=["perfect", "factor_2", "factor_1.5", "model_median_card",
                              "rule_p99_card"])
def test_mae_translation_matches_cases(ex, mae, price, listings, relative, per_card):
    got = _business(ex, mae, price, listings)
    why = ""
    if mae and math.isclose(got["relative_error"], mae):
        why = ("That is the log error itself: a log difference d is a price ratio exp(d), so "
               "the relative error is exp(d) - 1.")
    elif relative and math.isclose(got["relative_error"], 100 * relative):
        why = "That is a percentage; return a fraction (0.42 for 42%)."
    elif mae and math.isclose(got["relative_error"], -math.expm1(-mae)):
        why = "That is 1 - exp(-d), the 'too low' side; use exp(d) - 1 as documented."
    expect_close(got["relative_error"], relative, rel=1e-6, what='result["relative_error"]',
                 why=why)
    expect_close(got["dollars_per_card"], per_card, rel=1e-6, what='result["dollars_per_card"]',
                 why="It is the relative error times the typical price.")
    month = got["dollars_per_month"]
    why = ""
    if per_card and math.isclose(month, per_card):
        why = "That is one card's error: multiply by the listings per month."
    elif per_card and math.isclose(month, 12 * per_card * listings):
        why = "That is a year's worth: the key asks for one month."
    expect_close(month, per_card * listings, rel=1e-6, what='result["dollars_per_month"]',
                 why=why)


# Exercise 4: break-even accuracy -----------------------------------------------------------

# (heuristic accuracy, decisions/month, $ per error, model $/month) -> break-even accuracy.
BREAK_EVEN_CASES = [
    (0.80, 1_000, 1.0, 0.0, 0.80),  # a free model only has to match the heuristic
    (0.50, 1_000, 1.0, 250.0, 0.75),  # 250 a month buys back 250 errors: 25 points
    (0.42, 40_000, 0.50, 3_000.0, 0.57),  # 3,000 / (40,000 x 0.50) = 15 points
    (0.60, 10_000, 2.0, 1_000.0, 0.65),
]
UNREACHABLE = [
    (0.90, 1_000, 1.0, 200.0),  # would need 110%
    (0.95, 40_000, 0.10, 1_000.0),  # would need 120%
]


def _monthly_cost(accuracy: float, decisions: int, per_error: float, fixed: float) -> float:
    """Dollars per month: errors times their cost, plus any fixed running cost."""
    return (1 - accuracy) * decisions * per_error + fixed


@pytest.mark.parametrize(("accuracy", "decisions", "per_error", "model_cost", "expected"),
                         BREAK_EVEN_CASES)
def test_break_even_matches_cases(ex, accuracy, decisions, per_error, model_cost, expected):
    got = ex.break_even_accuracy(accuracy, decisions, per_error, model_cost)
    expect(got is not None, f"A model at {expected:.0%} accuracy pays off here, so the result "
                            "can't be None.")
    expect_type(got, (float, np.floating, int), "break_even_accuracy's result")
    gap = model_cost / (decisions * per_error)
    # The definition, computed directly: what each option costs per month at `got`.
    heuristic = _monthly_cost(accuracy, decisions, per_error, 0.0)
    model = _monthly_cost(got, decisions, per_error, model_cost)
    why = (f"At {got:.4g} the model would cost {model:,.2f} a month and the heuristic "
           f"{heuristic:,.2f}; at break-even the two are equal.")
    if model_cost and math.isclose(got, accuracy):
        why = "That is the heuristic's own accuracy: you left out the model's monthly cost."
    elif model_cost and math.isclose(got, accuracy - gap):
        why = ("That is below the heuristic: the model's cost is paid back by making fewer "
               "errors, so it has to be more accurate, not less. Check the sign.")
    elif model_cost and math.isclose(got, gap):
        why = "That is only the extra accuracy needed; add it to the heuristic's accuracy."
    expect_close(got, expected, rel=1e-9, abs_tol=1e-9, what="The break-even accuracy", why=why)


@pytest.mark.parametrize(("accuracy", "decisions", "per_error", "model_cost"), UNREACHABLE)
def test_break_even_is_none_when_model_can_never_pay_off(ex, accuracy, decisions, per_error,
                                                         model_cost):
    got = ex.break_even_accuracy(accuracy, decisions, per_error, model_cost)
    needed = accuracy + model_cost / (decisions * per_error)
    expect(got is None, f"Break-even would need {needed:.0%} accuracy, which no model reaches, "
                        f"so return None, not {got!r}.")


# Exercise 5: stakeholder questions ---------------------------------------------------------

BEST_OPTION = {
    "perfect_accuracy": "c",
    "mae_for_sellers": "a",
    "success_measure": "d",
    "new_set": "b",
    "heuristic_first": "a",
    "costly_errors": "c",
}
# Why each wrong option is wrong.
FEEDBACK: dict[str, dict[str, str]] = {
    "perfect_accuracy": {
        "a": "No amount of data removes noise in the target: the same card's market price "
        "moves about 7% from one week to the next on its own, so no model can be exact.",
        "b": "You can say a lot before building: the simple rule's error (0.61 in log price) "
        "and the week-to-week noise (about 0.1) bracket what a model can reach.",
        "d": "There is no single 'true price': a market price summarises recent sales and "
        "moves every week. A model estimates it, with an error you should state up front.",
    },
    "mae_for_sellers": {
        "b": "The error is in log price, not dollars. 0.35 in log price is a price ratio, so "
        "the dollar error depends on the card: cents on a cheap card, dollars on a rare one.",
        "c": "MAE is the average size of the error, not a share of right answers. It says "
        "nothing about how many suggestions are 'right'.",
        "d": "Close, but a log difference of 0.35 is a factor of exp(0.35), about 1.42. "
        "Reading log differences as percentages only works for small values.",
    },
    "success_measure": {
        "a": "Training error measures the fit to data the model has already seen. It can keep "
        "falling while real suggestions get worse, and it says nothing about sellers.",
        "b": "Showing suggestions is activity, not value: a bad suggestion shown a million "
        "times is still bad.",
        "c": "Opinions are useful input, but a survey can't show whether listings sell faster "
        "or at fairer prices, and the sellers who answer are not a fair sample.",
    },
    "new_set": {
        "a": "Past sets don't guarantee the new one: its cards are unseen, may bring new "
        "rarities, and their early prices swing while the market finds its level.",
        "c": "A few hundred more cards is tiny next to 10,000 rows. Capacity isn't the risk; "
        "quietly wrong prices are.",
        "d": "Retraining needs sale prices to learn from. Retraining hourly on a handful of "
        "noisy early sales chases noise and costs money; flag and monitor first.",
    },
    "heuristic_first": {
        "b": "Not here: on the card data a model's error (0.35) is well below the rule's "
        "(0.61). The rule comes first because it is cheap and sets the bar.",
        "c": "Prices are a fine target when modelled in log scale (they are heavy-tailed). "
        "Module 03 trains several models on them.",
        "d": "The rule needs data too: the median price of each rarity and finish is computed "
        "from past prices.",
    },
    "costly_errors": {
        "a": "The same relative error is a very different amount of money: 42% of $0.37 is "
        "15 cents, 42% of $163 is about $68.",
        "b": "There are more cheap cards, but each one's error is a few cents. The few "
        "expensive cards carry most of the dollars at risk.",
        "d": "They do: a log error d is a price ratio exp(d), so the dollar error is the price "
        "times exp(d) - 1.",
    },
}


def _answers(ex) -> dict:
    answers = ex.stakeholder_answers()
    expect_type(answers, dict, "stakeholder_answers()")
    return answers


def _expect_letter(question: str, letter: object) -> None:
    upper = isinstance(letter, str) and letter in ("A", "B", "C", "D")
    expect(letter in ("a", "b", "c", "d"),
           f"The answer to `{question}` should be one lowercase letter a-d, not {letter!r}."
           + (" Use lowercase, as documented." if upper else ""))


def test_stakeholder_answers_cover_every_question(ex):
    answers = _answers(ex)
    missing = sorted(set(BEST_OPTION) - set(answers))
    expect(not missing, f"stakeholder_answers() has no answer for {missing}.")
    for question, letter in answers.items():
        _expect_letter(question, letter)


@pytest.mark.parametrize("question", list(BEST_OPTION))
def test_stakeholder_question_gets_the_best_option(ex, question):
    letter = _answers(ex).get(question)
    _expect_letter(question, letter)
    why = FEEDBACK[question].get(letter, "")
    expect(letter == BEST_OPTION[question],
           f"`{question}`: option {letter!r} is not the best answer. {why}")
