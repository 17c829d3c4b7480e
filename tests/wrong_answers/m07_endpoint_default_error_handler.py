"""Validates with the right pydantic model but keeps FastAPI's default 422 handler, which repeats
the bad value back: a NaN or Infinity quantity can't be written as JSON, so the answer is a 500."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

from fastapi import FastAPI

REJECTED_BY = ["test_fixed_endpoint_never_answers_500_to_garbage"]


def create_quote_app(unit_price):
    app = FastAPI(title="PokeMarket quotes")

    @app.post("/quote")
    def quote(body: QuoteRequest) -> dict:
        price = unit_price(body.rarity, body.finish)
        return {"card_id": body.card_id, "unit_price": price,
                "total": round(price * body.quantity, 2)}

    return app
