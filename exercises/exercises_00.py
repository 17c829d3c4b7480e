"""Module 00 - ML in business context: exercises.

PokeMarket, a marketplace for Pokemon trading cards, is deciding whether to build a pricing
assistant that suggests a price when a seller lists a card. These exercises turn that decision
into numbers and answers you can defend: whether ML is the right tool at all, what the project
returns, what a model's error means in dollars, and what to tell the people who ask.

Write each function body and delete its `raise NotImplementedError` line. Check your work with
`uv run pytest exercises/test_exercises_00.py` or with the check panel at the end of
`notebooks/00_ml_in_business.py`. Keep the names, signatures and constants as they are.
"""

from __future__ import annotations

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
    # TODO: return a dict mapping every scenario id to a (decision, reason) pair.
    raise NotImplementedError


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
    # TODO: add up everything that comes in and everything that goes out over the horizon.
    raise NotImplementedError


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
    # TODO: find the first month whose cumulative net benefit reaches the build cost.
    raise NotImplementedError


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
    # TODO: turn the log error into a relative error, then into dollars per card and per month.
    raise NotImplementedError


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
    # TODO: set the two monthly costs equal and solve for the model's accuracy.
    raise NotImplementedError


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
    # TODO: read each question and its options, and return the letter of the best answer.
    raise NotImplementedError
