"""Module 00 - ML in business context: reference solutions.

PokeMarket, a marketplace for Pokemon trading cards, is deciding whether to build a pricing
assistant that suggests a price when a seller lists a card. These exercises turn that decision
into numbers and answers you can defend: whether ML is the right tool at all, what the project
returns, what a model's error means in dollars, and what to tell the people who ask.

These are the exercise stubs with their bodies written. Grade them with
`uv run pytest exercises/test_exercises_00.py --solutions`.
"""

from __future__ import annotations

import math
from typing import TypedDict

# Exercise 1: should we use ML? -------------------------------------------------------------

DECISIONS: dict[str, str] = {
    "ml": "build the proposal with a machine-learned model",
    "heuristic": "build it with a hand-written rule, formula or lookup table instead",
    "no_build": "build nothing automated for this: keep the manual process or drop the idea",
}

REASONS: dict[str, str] = {
    "complex_pattern_at_scale": (
        "the answer depends on many interacting factors nobody can write down, the decision is "
        "made very often, and past examples with known outcomes exist"
    ),
    "rules_suffice": "a short rule or table already gives the right answer",
    "no_labelled_data": (
        "there are no past examples with known right answers to learn from or to check against"
    ),
    "error_cost_too_high": "one wrong automatic decision costs more than automating saves",
    "too_few_decisions": "the decision is made so rarely that a person is cheaper than a system",
}

SCENARIOS: dict[str, str] = {
    "listing_price": (
        "Suggest a price when a seller lists a card. Sellers create about 40,000 listings a "
        "month. A card's price depends on its rarity, finish, set age, the Pokemon, the artist "
        "and collector taste, in ways nobody has written down. PokeMarket has recent market "
        "prices for about 10,400 card x finish combinations."
    ),
    "shipping_fee": (
        "Show the shipping fee at checkout. The postal carrier publishes a rate table: the fee "
        "depends only on the parcel's weight band and the destination zone, and the table "
        "changes once a year."
    ),
    "future_value": (
        "Put a 'worth double in 5 years' badge on cards expected to appreciate. PokeMarket's "
        "price history is two snapshots one week apart (2025-02-22 and 2025-03-01), and no "
        "source it may use records what cards were worth 5 years after being listed."
    ),
    "vintage_appraisal": (
        "Price the graded first-edition Base Set cards (often over $1,000 each) that sellers "
        "send to PokeMarket's in-house expert. About 25 arrive per year; the expert needs 20 "
        "minutes per card."
    ),
    "auto_ban": (
        "Permanently ban seller accounts, with no human review, when a fraud score says they "
        "are likely fraudsters. About 8,000 sellers are active. Each honest seller banned by "
        "mistake has cost PokeMarket about $4,000 in refunds, support and legal time, more "
        "than a typical fraud case costs."
    ),
}


def classify_scenarios() -> dict[str, tuple[str, str]]:
    """Decide, for each scenario in `SCENARIOS`, whether PokeMarket should use ML, and why.

    Returns:
        A dict with one entry per key of `SCENARIOS`: scenario id -> (decision, reason), where
        decision is a key of `DECISIONS` and reason is the key of `REASONS` that decides it.

    >>> classify_scenarios()["some_scenario"]  # doctest: +SKIP
    ('heuristic', 'rules_suffice')
    """
    return {
        # Many interacting factors, 40,000 decisions a month and known prices to learn from:
        # the case where a model beats any rule a person could write.
        "listing_price": ("ml", "complex_pattern_at_scale"),
        # The carrier's table *is* the answer. A model could only approximate it, and would
        # need retraining every time the rates change.
        "shipping_fee": ("heuristic", "rules_suffice"),
        # No card has a known 5-year outcome: nothing to train on and no way to check the
        # badge's promise. A hand-written rule would be just as unchecked.
        "future_value": ("no_build", "no_labelled_data"),
        # 25 cards x 20 minutes is about 8 hours of expert time a year, far less than building
        # and maintaining any system, and 25 examples a year can't train or test one.
        "vintage_appraisal": ("no_build", "too_few_decisions"),
        # Every automatic ban that is wrong costs ~$4,000, more than the fraud it stops. The
        # problem is the unreviewed automatic decision, whether a model or a rule makes it.
        "auto_ban": ("no_build", "error_cost_too_high"),
    }


# Exercise 2: return on investment and payback ---------------------------------------------


def project_roi(
    build_cost: float, monthly_run_cost: float, monthly_benefit: float, months: int
) -> float:
    """Return on investment of a project over a horizon: net gain divided by total cost.

    The build cost is paid once, up front; the running cost and the benefit arrive every
    month. ROI = (total benefit - total cost) / total cost, as a fraction (0.25 means 25%).

    Args:
        build_cost: One-off cost to build the project, in dollars (> 0).
        monthly_run_cost: Cost to run and maintain it, in dollars per month.
        monthly_benefit: Money it earns or saves, in dollars per month.
        months: Length of the horizon in whole months (0 or more).

    Returns:
        The ROI over `months` months as a float.

    >>> project_roi(10_000, 500, 2_000, 12)
    0.5
    """
    # The running cost is paid every month, just like the benefit arrives every month.
    total_cost = build_cost + monthly_run_cost * months
    total_benefit = monthly_benefit * months
    # Net gain over what was spent; `/` returns a float even for whole-dollar inputs.
    return (total_benefit - total_cost) / total_cost


def payback_month(
    build_cost: float, monthly_run_cost: float, monthly_benefit: float
) -> int | None:
    """The first whole month by whose end the project has earned back its build cost.

    Each month adds `monthly_benefit - monthly_run_cost` to the project's balance, which
    starts at `-build_cost` before month 1.

    Args:
        build_cost: One-off cost to build the project, in dollars (> 0).
        monthly_run_cost: Cost to run and maintain it, in dollars per month.
        monthly_benefit: Money it earns or saves, in dollars per month.

    Returns:
        The month number (1 is the first month) at whose end the cumulative net benefit first
        covers the build cost, as an int; None if that never happens.

    >>> payback_month(10_000, 500, 2_000)
    7
    """
    net_per_month = monthly_benefit - monthly_run_cost
    if net_per_month <= 0:
        # The balance never rises, so it never gets back to zero.
        return None
    # Round up: a month that covers only part of the remaining cost is not yet paid back.
    # math.ceil returns an int, so there is no float like 7.0 to convert.
    return math.ceil(build_cost / net_per_month)


# Exercise 3: a model's error in business terms ---------------------------------------------


def mae_to_business(
    mae_log: float, typical_price: float, listings_per_month: int
) -> dict[str, float]:
    """Translate a mean absolute error in log price into terms a business can act on.

    A log-price error of d means the suggested price is exp(d) times the market price.

    Args:
        mae_log: Mean absolute error of the model, in natural-log price.
        typical_price: Market price of a typical card, in dollars.
        listings_per_month: Listings the model prices each month.

    Returns:
        A dict with three floats:
        - "relative_error": the typical relative error exp(mae_log) - 1, as a fraction
          (0.42 means 42% off);
        - "dollars_per_card": that error in dollars on a card of `typical_price`;
        - "dollars_per_month": the dollars of mispricing per month over all listings, each
          priced at `typical_price`.

    >>> mae_to_business(0.6931471805599453, 10.0, 100)  # log(2): a factor of 2
    {'relative_error': 1.0, 'dollars_per_card': 10.0, 'dollars_per_month': 1000.0}
    """
    # A log error d is a price ratio of exp(d); expm1 computes exp(d) - 1 accurately even for
    # small d. Reading d itself as a percentage understates the error (0.35 -> 35%, not 42%).
    relative_error = math.expm1(mae_log)
    dollars_per_card = relative_error * typical_price
    return {
        "relative_error": relative_error,
        "dollars_per_card": dollars_per_card,
        "dollars_per_month": dollars_per_card * listings_per_month,
    }


# Exercise 4: how good must the model be? ---------------------------------------------------


def break_even_accuracy(
    heuristic_accuracy: float,
    decisions_per_month: int,
    cost_per_error: float,
    model_monthly_cost: float,
) -> float | None:
    """The model accuracy at which the model costs as much per month as the heuristic.

    Every wrong decision costs `cost_per_error`. The heuristic is free to run; the model adds
    `model_monthly_cost` every month, which only fewer errors can pay back.

    Args:
        heuristic_accuracy: Share of decisions the heuristic gets right (0 to 1).
        decisions_per_month: Decisions made per month (> 0).
        cost_per_error: Dollars lost per wrong decision (> 0).
        model_monthly_cost: Extra dollars per month to run and maintain the model.

    Returns:
        The accuracy (0 to 1) at which both options cost the same per month, as a float; a
        more accurate model is cheaper than the heuristic. None if that accuracy is above 1.0,
        because then the model can never pay off.

    >>> break_even_accuracy(0.50, 1_000, 1.0, 250.0)
    0.75
    """
    # Heuristic per month: (1 - h) * n * c. Model per month: (1 - a) * n * c + m.
    # Setting them equal gives a = h + m / (n * c): the model must avoid enough extra errors
    # to pay for itself, so it has to beat the heuristic by m / (n * c).
    accuracy = heuristic_accuracy + model_monthly_cost / (decisions_per_month * cost_per_error)
    if accuracy > 1.0:
        # No model can be right more than every time: this one can never pay off.
        return None
    return accuracy


# Exercise 5: answering stakeholders --------------------------------------------------------


class Question(TypedDict):
    """A multiple-choice question: its text and options "a" to "d"."""

    question: str
    options: dict[str, str]


QUESTIONS: dict[str, Question] = {
    "perfect_accuracy": {
        "question": (
            "The CEO asks: 'Once it is trained, will the assistant give the exact right price "
            "for every card?' What is the best answer?"
        ),
        "options": {
            "a": "Yes, if we give it enough data and tune it well.",
            "b": "We can't say anything about accuracy until the model is built.",
            "c": (
                "No. Market prices move about 7% a week on their own, so even a perfect model "
                "would be off by about that much. We will agree a target error, measure it "
                "before launch and report it every month."
            ),
            "d": "Yes: machine-learned models learn the true price of each card.",
        },
    },
    "mae_for_sellers": {
        "question": (
            "The data team reports 'MAE 0.35 in log price'. How do you explain this to sellers?"
        ),
        "options": {
            "a": (
                "A typical suggestion is within a factor of about 1.4 of the market price: "
                "around 40% too high or 30% too low."
            ),
            "b": "Suggestions are typically 35 cents off.",
            "c": "Suggestions are right 65% of the time.",
            "d": "Suggestions are typically exactly 35% off.",
        },
    },
    "success_measure": {
        "question": (
            "After launch, how should PokeMarket decide whether the assistant is worth keeping?"
        ),
        "options": {
            "a": "Check that the model's training error keeps going down at each retraining.",
            "b": "Count how many suggestions are shown per day.",
            "c": "Ask sellers whether they like the feature.",
            "d": (
                "Run an A/B test: compare sellers with and without suggestions on time to sale, "
                "share of listings sold and price edits, and keep tracking the model's error "
                "on new sales."
            ),
        },
    },
    "new_set": {
        "question": (
            "A new expansion set launches next month. What is the most likely problem for the "
            "assistant?"
        ),
        "options": {
            "a": "None: a model trained on 45 sets generalises to any new set.",
            "b": (
                "Its suggestions for the new set will be much less reliable: the cards are "
                "unseen and their prices swing in the first weeks, so flag them as "
                "low-confidence and watch the error for that set separately."
            ),
            "c": "The server will run out of memory because of the extra cards.",
            "d": "The model must be retrained every hour while the set launches.",
        },
    },
    "heuristic_first": {
        "question": "Why launch the median-by-rarity-and-finish rule before the model?",
        "options": {
            "a": (
                "It is cheap to build, gives sellers something useful now, and its error "
                "(0.61 in log price) is the baseline a model must clearly beat to justify "
                "its cost."
            ),
            "b": "Because rules are always more accurate than models.",
            "c": "Because a model can't be trained on prices.",
            "d": "So that the project doesn't need any data.",
        },
    },
    "costly_errors": {
        "question": (
            "The model's error in log price is about the same for cheap and expensive cards. "
            "Where will its mistakes cost the most money?"
        ),
        "options": {
            "a": "Evenly across all cards, since the log error is the same.",
            "b": "On the cheapest cards, because there are many more of them.",
            "c": (
                "On the few expensive cards: the same ~40% error is 15 cents on a $0.37 card "
                "and about $68 on a $163 card, so track the error on high-value cards "
                "separately."
            ),
            "d": "Nowhere: errors in log price do not translate into dollars.",
        },
    },
}


def stakeholder_answers() -> dict[str, str]:
    """Choose the best option for each question in `QUESTIONS`.

    Returns:
        A dict with one entry per key of `QUESTIONS`: question id -> the letter of the best
        option, lowercase ("a", "b", "c" or "d").

    >>> stakeholder_answers()["some_question"]  # doctest: +SKIP
    'b'
    """
    return {
        # Honest about the ~7% week-to-week noise floor, and commits to a measured target.
        "perfect_accuracy": "c",
        # exp(0.35) is about 1.42: 42% too high or 1 - 1/1.42, about 30%, too low.
        "mae_for_sellers": "a",
        # Only an experiment on business outcomes shows the value; error tracking shows drift.
        "success_measure": "d",
        # Unseen cards and volatile launch prices: flag them and monitor that set.
        "new_set": "b",
        # The cheap rule ships value now and sets the bar the model's cost must clear.
        "heuristic_first": "a",
        # Equal relative error means dollar error grows with the price of the card.
        "costly_errors": "c",
    }
