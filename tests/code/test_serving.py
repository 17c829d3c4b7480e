"""The reference serving app (`mlcourse.serving`) and `mlcourse serve`.

Checked: the endpoints, start-up (lifespan) loading, the ten edge cases of the course's
contract with their statuses, the limits, and two fuzz passes over the OpenAPI schema that
must find no 5xx: a property-based one written here with hypothesis, and schemathesis. Both
fuzzers are optional dependencies; their tests are skipped when the package is missing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import pytest
from fastapi.testclient import TestClient

from mlcourse import cli, serving
from mlcourse.serving import (
    EDGE_CASES,
    EXAMPLE_CARD,
    MAX_BATCH,
    MAX_BODY_BYTES,
    create_app,
    running_server,
)

JSON = {"content-type": "application/json"}
FUZZ_EXAMPLES = 200  # requests per fuzz pass (each pass takes 5-20 s)


class StubModel:
    """Log price = log(hp / 10); counts calls. Fast, and every price is easy to check."""

    def __init__(self) -> None:
        self.calls = 0

    def predict(self, X: Any) -> np.ndarray:  # noqa: N803 (scikit-learn's name)
        self.calls += 1
        return np.log(X["hp"].astype(float).fillna(50.0).to_numpy() / 10)


@pytest.fixture(scope="module")
def real_model() -> serving.Predictor:
    return serving.train_reference_model()


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(StubModel()), raise_server_exceptions=False) as started:
        yield started


def post(client: TestClient, path: str, body: str | bytes, **headers: str) -> httpx.Response:
    content = body.encode("utf-8") if isinstance(body, str) else body
    return client.post(path, content=content, headers=JSON | headers)


def test_health_is_503_until_start_up_then_ok() -> None:
    app = create_app(StubModel())
    before = TestClient(app, raise_server_exceptions=False).get("/health")  # no lifespan
    assert before.status_code == 503
    with TestClient(app) as started:
        assert started.get("/health").json() == {"status": "ok", "model": "StubModel"}


def test_a_loader_runs_once_at_start_up_not_per_request() -> None:
    loads: list[StubModel] = []
    app = create_app(lambda: loads.append(StubModel()) or loads[-1])
    assert loads == []
    with TestClient(app) as started:
        for _ in range(3):
            assert started.post("/predict", json=EXAMPLE_CARD).status_code == 200
    assert len(loads) == 1


def test_reference_model_prices_the_example_card_plausibly(real_model) -> None:
    with TestClient(create_app(real_model)) as started:
        body = started.post("/predict", json=EXAMPLE_CARD).json()
    # Base Set Alakazam, holofoil: $66.69 on 2025-03-01; the model is within a factor of 3.
    assert body["name"] == "Alakazam" and 66.69 / 3 < body["price"] < 66.69 * 3


def test_batch_answers_in_order_with_one_model_call() -> None:
    model = StubModel()
    cards = [{**EXAMPLE_CARD, "name": f"card {hp}", "hp": hp} for hp in (30, 300, 120)]
    with TestClient(create_app(model)) as started:
        body = started.post("/predict/batch", json={"cards": cards}).json()
    assert [p["name"] for p in body["predictions"]] == ["card 30", "card 300", "card 120"]
    assert [p["price"] for p in body["predictions"]] == pytest.approx([3.0, 30.0, 12.0])
    assert model.calls == 1


@pytest.mark.parametrize("name", list(EDGE_CASES))
def test_edge_case_gets_the_documented_status_and_names_the_problem(name, real_model) -> None:
    case = EDGE_CASES[name]
    with TestClient(create_app(real_model), raise_server_exceptions=False) as started:
        response = post(started, case.path, case.body)
    assert response.status_code == case.status, response.text[:300]
    text = json.dumps(response.json(), ensure_ascii=False)
    assert all(mention in text for mention in case.mentions), text[:300]


def test_a_batch_of_exactly_the_limit_is_accepted(client) -> None:
    response = client.post("/predict/batch", json={"cards": [EXAMPLE_CARD] * MAX_BATCH})
    assert response.status_code == 200 and len(response.json()["predictions"]) == MAX_BATCH


def test_error_answers_do_not_echo_the_input(client) -> None:
    response = post(client, "/predict", EDGE_CASES["huge_string"].body)
    assert response.status_code == 422 and len(response.content) < 1_000


@pytest.mark.parametrize(
    "body",
    [b'{"name": "\\ud800"}', b'{"\\ud800": 1}', b'{"cards": [{"\\udfff": NaN}]}'],
    ids=["surrogate value", "surrogate key", "surrogate in batch"],
)
def test_text_that_utf8_cannot_carry_gets_422(client, body) -> None:
    for path in ("/predict", "/predict/batch"):
        assert post(client, path, body).status_code == 422


def test_an_oversized_body_gets_413_before_it_is_parsed(client) -> None:
    response = post(client, "/predict", b"[" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413 and "limit" in response.json()["detail"]


def test_a_bad_content_length_gets_400(client) -> None:
    assert post(client, "/predict", b"{}", **{"content-length": "lots"}).status_code == 400


def test_openapi_documents_the_limits_and_an_example(client) -> None:
    schema = client.get("/openapi.json").json()
    assert "413" in schema["paths"]["/predict/batch"]["post"]["responses"]
    components = schema["components"]["schemas"]
    assert components["BatchRequest"]["properties"]["cards"]["maxItems"] == MAX_BATCH
    assert components["CardRequest"]["examples"] == [EXAMPLE_CARD]


def test_running_server_serves_on_loopback_and_stops() -> None:
    with running_server(create_app(StubModel())) as url:
        assert url.startswith("http://127.0.0.1:")
        with httpx.Client(base_url=url, trust_env=False, timeout=10) as http:
            assert http.get("/health").status_code == 200
            assert "swagger" in http.get("/docs").text.lower()
    with pytest.raises(httpx.ConnectError), httpx.Client(trust_env=False, timeout=2) as http:
        http.get(f"{url}/health")


def test_serve_command_passes_its_options_to_uvicorn(monkeypatch, capsys) -> None:
    calls: list[tuple[tuple, dict]] = []
    monkeypatch.setattr(serving.uvicorn, "run", lambda *a, **k: calls.append((a, k)))
    assert cli.main(["serve", "--port", "8765", "--workers", "2"]) == 0
    [(args, kwargs)] = calls
    assert args == ("mlcourse.serving:reference_app",) and kwargs["factory"] is True
    assert (kwargs["host"], kwargs["port"], kwargs["workers"]) == ("127.0.0.1", 8765, 2)
    assert "http://127.0.0.1:8765/docs" in capsys.readouterr().out


# Fuzzing ----------------------------------------------------------------------------------


def _fuzz_strategies(openapi: dict) -> Any:
    """Hypothesis strategies for (path, body bytes).

    A body starts valid, drawn from the OpenAPI schema, and is often mutated once: a field
    dropped, an unknown one added, or a value replaced by junk (NaN, infinity, lone
    surrogates, huge or nested values, values just outside a bound). Some bodies are raw
    bytes that are not JSON at all.
    """
    st = pytest.importorskip("hypothesis.strategies")
    components = openapi["components"]["schemas"]
    junk = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
        | st.sampled_from(["\ud800", "x" * 5_000, "1999-02-30", "Pokémon", "", " "]),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=6,
    )  # fmt: skip

    def resolve(schema: dict) -> dict:
        return components[schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else schema

    def valid(schema: dict) -> Any:
        schema = resolve(schema)
        if "anyOf" in schema:
            return st.one_of([valid(option) for option in schema["anyOf"]])
        if "enum" in schema or "const" in schema:
            return st.sampled_from(schema.get("enum", [schema.get("const")]))
        kind, most = schema.get("type"), schema.get("maxLength", 50)
        if kind == "object":
            specs = schema["properties"]
            return st.fixed_dictionaries({name: valid(spec) for name, spec in specs.items()})
        if kind == "integer":
            return st.integers(schema.get("minimum"), schema.get("maximum"))
        if kind == "string" and schema.get("format") == "date":
            return st.dates(serving.EARLIEST_RELEASE.date(), serving.LATEST_RELEASE).map(str)
        if kind == "string" and "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True).filter(lambda t: len(t) <= most)
        if kind == "string":
            return st.text(min_size=schema.get("minLength", 0), max_size=most)
        if kind == "array":
            size = {"min_size": schema.get("minItems", 0), "max_size": 4}
            return st.lists(valid(schema["items"]), **size)
        return st.none() if kind == "null" else junk

    def invalid(schema: dict) -> Any:
        """Values just outside the schema's bounds, lists of faulty items, or junk."""
        schema = resolve(schema)
        bounds = [schema[k] + d for k, d in (("minimum", -1), ("maximum", 1)) if k in schema]
        if "maxLength" in schema:
            bounds.append("a" * (schema["maxLength"] + 1))
        if schema.get("type") == "array":
            return st.lists(body(schema["items"]), min_size=1, max_size=3) | junk
        return st.sampled_from(bounds) | junk if bounds else junk

    def body(schema: dict) -> Any:
        """A valid object, or one with a value replaced, a field dropped, or one added."""
        specs = resolve(schema)["properties"]
        whole, field = valid(schema), st.sampled_from(list(specs))
        replaced = st.tuples(whole, field, st.data()).map(
            lambda t: {**t[0], t[1]: t[2].draw(invalid(specs[t[1]]))}
        )
        dropped = st.tuples(whole, field).map(lambda t: {k: t[0][k] for k in t[0] if k != t[1]})
        extra = st.tuples(whole, st.text(min_size=1, max_size=12), junk).map(
            lambda t: {**t[0], t[1]: t[2]}
        )
        return st.one_of(whole, replaced, dropped, extra)

    def encode(path: str, data: Any, ascii_only: bool) -> tuple[str, bytes]:
        # NaN and Infinity come out as bare words; "surrogatepass" lets a lone surrogate
        # through as bytes that are not valid UTF-8.
        text = json.dumps(data, ensure_ascii=ascii_only)
        return path, text.encode("utf-8", "surrogatepass")

    cards = {"/predict": "CardRequest", "/predict/batch": "BatchRequest"}
    as_json = [
        st.tuples(st.just(path), body({"$ref": name}), st.booleans()).map(lambda t: encode(*t))
        for path, name in cards.items()
    ]
    not_json = st.tuples(st.sampled_from(list(cards)), st.binary(max_size=200))
    return st.one_of(*as_json, not_json)


@pytest.mark.slow
def test_property_based_fuzz_finds_no_server_error(real_model) -> None:
    hypothesis = pytest.importorskip("hypothesis")
    with TestClient(create_app(real_model), raise_server_exceptions=False) as started:
        strategy = _fuzz_strategies(started.get("/openapi.json").json())

        @hypothesis.settings(
            max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
            suppress_health_check=list(hypothesis.HealthCheck),
        )  # fmt: skip
        @hypothesis.given(request=strategy)
        def fuzz(request: tuple[str, bytes]) -> None:
            path, content = request
            response = started.post(path, content=content, headers=JSON)
            assert response.status_code < 500, (path, content[:300], response.text[:300])
            if response.status_code == 200:
                prices = [p["price"] for p in response.json().get("predictions", [response.json()])]
                assert all(math.isfinite(p) and p > 0 for p in prices)

        fuzz()


@pytest.mark.slow
def test_schemathesis_finds_no_server_error(real_model) -> None:
    schemathesis = pytest.importorskip("schemathesis")
    hypothesis = pytest.importorskip("hypothesis")
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(real_model))
    modes = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
    cases = hypothesis.strategies.one_of([schema.as_strategy(generation_mode=m) for m in modes])

    @hypothesis.settings(
        max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
    )  # fmt: skip
    @hypothesis.given(case=cases)
    def fuzz(case: Any) -> None:
        response = case.call()
        assert response.status_code < 500, (case.path, case.body, response.text[:300])

    fuzz()
