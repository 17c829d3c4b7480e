"""Pull request #43 "fixed" by catching every exception and answering 200 with an error text: no
more 500s, but the page is told each bad quote worked, and a negative quantity is still quoted."""

# ruff: noqa: F821 (the solution's names: this file is appended to it)

from fastapi import FastAPI

REJECTED_BY = ["test_fixed_endpoint_rejects_bad_input_with_a_4xx_and_a_message"]


def create_quote_app(unit_price):
    app = FastAPI(title="PokeMarket quotes")

    @app.post("/quote")
    def quote(body: dict) -> dict:
        try:
            price = unit_price(body["rarity"], body["finish"])
            total = round(price * body["quantity"], 2)
            return {"card_id": body["card_id"], "unit_price": price, "total": total}
        except Exception as exc:
            return {"error": f"could not quote: {exc!r}"}

    return app
