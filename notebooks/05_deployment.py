import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import io
    import json
    import pickle
    import pickletools
    import tempfile
    import time
    import timeit
    from functools import partial
    from pathlib import Path
    from types import SimpleNamespace

    import marimo as mo
    import numpy as np
    import pandas as pd
    import skops.io as sio
    from fastapi.testclient import TestClient
    from scipy.stats import norm

    from mlcourse import serving
    from mlcourse.checks import attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.data import load_cards
    from mlcourse.loading import current_target
    from mlcourse.models import predict_price

    SEED = 5  # feeds every random draw in this notebook
    LISTINGS_PER_DAY = 1_300  # PokeMarket's new listings per day (~40,000 a month, module 00)
    BATCH_SIZES = [1, 8, 64, 256]  # cards per model call in the batching timing
    TRAFFIC_REQUESTS = 200  # simulated listing requests sent through the cache
    TRAFFIC_CARDS = 30  # different cards among them; a few popular ones repeat a lot
    LOAD_REQUESTS = 100  # requests per load-test run (behind a button)
    LOAD_CONCURRENCY = 8  # requests in flight at once during the load test
    SHOWN_CHARS = 300  # characters of a request or response body shown
    JSON_HEADERS = {"content-type": "application/json"}  # what a JSON client sends


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Deployment and inference

    A model helps nobody while it lives in a notebook. PokeMarket's listing page needs a price
    within a fraction of a second for every card a seller types in, from a service that never
    falls over on a strange request. This module turns the course's price model into a tested
    web service, and designs the experiment that decides whether its suggestions help.

    **What you will be able to do**

    - save a model and load it safely: why a pickle can run code, what a checksum and skops'
      trusted types protect against;
    - write a FastAPI app with pydantic validation that answers ten kinds of bad request with
      the right 4xx and a clear message, never a 500;
    - make inference cheaper with batching and caching, and measure latency percentiles and
      throughput under load;
    - size an A/B test and read its result;
    - run the service for real (`uv run mlcourse serve`) and scale it with worker processes.

    **Time:** about 5 hours: 1.5 hours for this notebook, 3.5 hours for the exercises in
    `exercises/exercises_05.py`.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("05")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("05", exercise_file)  # re-loads whenever you save the file
    mo.md(f"Your exercise module, `{current_target()}/exercises_05.py`, is loaded. Cells that "
          "call your functions re-run whenever you save it.")
    return (ex,)


@app.cell
def _():
    cards = load_cards()
    _start = time.perf_counter()
    reference_model = serving.train_reference_model()  # the course's model, on every card
    mo.md(f"The model to deploy, `mlcourse.models`' gradient boosting, trained on "
          f"{len(cards):,} card x finish rows in {time.perf_counter() - _start:.1f} s.")
    return cards, reference_model


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## 1. Saving a model, and why loading one is dangerous

    `pickle` (and `joblib`, built on it) stores **instructions for rebuilding an object**, and
    one instruction is "call this function with these arguments". Whoever writes the file
    chooses the function, so loading a model from a shared drive or a download runs code with
    your permissions. The next cell builds such a file: it calls `str.upper` on load; an
    attacker's would call `os.system`. The disassembly shows the file naming the function.
    """)
    return


@app.cell
def _():
    class _Innocent:
        def __reduce__(self):
            return (str.upper, ("a function chosen by the file's author ran during load",))

    _payload = pickle.dumps(_Innocent())
    _listing = io.StringIO()
    pickletools.dis(_payload, out=_listing)
    mo.vstack([
        mo.md(f"`pickle.loads(payload)` returned: **{pickle.loads(_payload)!r}**"),
        mo.accordion({"What the file says (pickletools.dis)": mo.plain_text(_listing.getvalue())}),
    ])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Two defences, best combined:

    - **Check before you load** (exercise 1). Record the file's SHA-256 when you save it,
      where the file's writer cannot change it (a model registry, the deployment config), and
      refuse a file whose checksum differs. The cell below saves the model with your
      `save_model`, loads it with your `load_model`, then flips one byte and loads again.
    - **Use a format that cannot run code.** `skops.io` stores data and type names only, and
      loads no type you have not trusted; the cell after lists the reference model's.
    """)
    return


@app.cell
def _(ex, reference_model):
    with tempfile.TemporaryDirectory() as _folder:
        _path = Path(_folder) / "price_model.joblib"
        _saved = attempt(ex.save_model, reference_model, _path)
        _steps = [_saved.view(lambda d: mo.md(f"`save_model`: sha256 `{d}`"))]
        _loaded = attempt(ex.load_model, _path, _saved.value) if _saved.ok else _saved
        if _saved.ok:
            _steps.append(_loaded.view(lambda m: mo.md(f"`load_model`: a `{type(m).__name__}`")))
        if _loaded.ok:
            _data = bytearray(_path.read_bytes())
            _data[len(_data) // 2] ^= 0xFF  # flip one byte in the middle of the file
            _path.write_bytes(bytes(_data))
            _tampered = attempt(ex.load_model, _path, _saved.value)
            _steps.append(mo.callout(mo.md("One byte changed, and it still loaded!"),
                                     kind="danger") if _tampered.ok else
                          mo.md(f"One byte changed: `{_tampered.message[:160]}`"))
    mo.vstack(_steps)
    return


@app.cell
def _(reference_model):
    _untrusted = sio.get_untrusted_types(data=sio.dumps(reference_model))
    mo.md("Types skops wants you to trust before `sio.load(path, trusted=[...])` will load "
          "the reference model:\n\n" + "\n".join(f"- `{t}`" for t in _untrusted))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Review each type once and pass exactly that list as `trusted=`. Passing whatever
    `get_untrusted_types` returns, unread, trusts everything and gives the protection up.

    /// details | Reading: ONNX, a format for other runtimes
    ONNX stores a model as a graph of standard operators that ONNX Runtime executes without
    Python (C++, Java, JavaScript, mobile), and it cannot run code on load. `skl2onnx`
    converts most scikit-learn pipelines; check a conversion by comparing predictions on real
    rows. See onnx.ai and onnxruntime.ai/docs.
    ///

    ## 2. The contract: a pydantic request model

    A request body is JSON from a stranger. `CardRequest` says what is allowed: fields and
    types, ranges, vocabularies, string lengths, and nothing else. FastAPI checks every
    request against it before your code runs and publishes it as the OpenAPI schema behind
    `/docs`. The reference `CardRequest`'s schema, and a valid body:
    """)
    return


@app.cell
def _():
    mo.accordion({"A valid /predict body": mo.json(serving.EXAMPLE_CARD),
                  "Its JSON schema": mo.json(serving.CardRequest.model_json_schema())})
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## 3. Ten ways a request goes wrong

    Requests below go to your `create_app(model)` if you have written it, else to the
    reference app (`mlcourse.serving`), in-process through FastAPI's `TestClient`: no port,
    start-up (lifespan) included. The statuses are a documented decision: **422** when the
    schema rejects the data (fix it), **413** for a batch over the limit (the data is fine:
    send less at once), **200** for a name in any script. Never **500**: that says "our bug".
    """)
    return


@app.cell
def _(ex, reference_model):
    _yours = attempt(ex.create_app, reference_model)
    app_under_test = _yours.value if _yours.ok else serving.create_app(reference_model)
    app_label = "your app" if _yours.ok else "the reference app"
    _yours.view(lambda _: mo.md("Requests go to **your app**."))
    return app_label, app_under_test


@app.function
def exchange(app_: object, requests: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """POST raw JSON bodies to an app in-process: (status, text) each; 0 if it cannot start."""
    try:
        with TestClient(app_, raise_server_exceptions=False) as client:
            answers = [client.post(path, content=body.encode(), headers=JSON_HEADERS)
                       for path, body in requests]
    except Exception as error:  # a learner's failing start-up must not stop the notebook
        return [(0, f"the app failed to start: {error!r}")] * len(requests)
    return [(answer.status_code, answer.text) for answer in answers]


@app.cell
def _():
    edge_case = mo.ui.dropdown({name.replace("_", " "): name for name in serving.EDGE_CASES},
                               value="nan or infinity", label="Edge case to send")
    edge_case
    return (edge_case,)


@app.cell
def _(app_label, app_under_test, edge_case):
    _case = serving.EDGE_CASES[edge_case.value]
    [(_status, _text)] = exchange(app_under_test, [(_case.path, _case.body)])
    _verdict = "success" if _status == _case.status else "danger"
    mo.vstack([
        mo.md(f"**Request** `POST {_case.path}` ({len(_case.body):,} characters):"),
        mo.plain_text(_case.body[:SHOWN_CHARS] + ("..." if len(_case.body) > SHOWN_CHARS else "")),
        mo.callout(mo.md(f"**{app_label} answered {_status}**; the contract says "
                         f"{_case.status}: {_case.why}"), kind=_verdict),
        mo.plain_text(_text[:SHOWN_CHARS]),
    ])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Pick **nan or infinity**. The body holds `NaN` and `Infinity`, which are not JSON, yet
      Python's parser accepts them. With FastAPI's default error handler this request gets a
      **500**: the 422 response repeats the bad value, and JSON cannot carry NaN. Your app
      needs its own handler for `RequestValidationError` (exercise 2).
    - Pick **extra field**: the client sent `market_price`, the very thing we predict.
      Without `extra="forbid"` pydantic drops unknown fields in silence, so a typo such as
      `"pokedex_numbr"` would be priced as if the number were missing.
    - Pick **oversized batch**, then **unicode name**: the only cases that are not 422.
    ///

    All ten at once, against the same app:
    """)
    return


@app.cell
def _(app_under_test):
    _cases = list(serving.EDGE_CASES.items())
    _answers = exchange(app_under_test, [(c.path, c.body) for _, c in _cases])
    mo.ui.table([
        {"edge case": name.replace("_", " "), "contract": case.status, "got": status,
         "ok": "yes" if status == case.status else "NO", "answer": text[:90]}
        for (name, case), (status, text) in zip(_cases, _answers, strict=True)
    ], selection=None, page_size=10)
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## 4. Batching and caching

    Most of a prediction's cost is per call (turning rows into features, walking into the
    model), not per row. The table times the reference model on batches of real cards:
    compare the cost of one call for 1 card and for 256, then the cost per card.
    """)
    return


@app.cell
def _(cards, reference_model):
    _rows = []
    for _size in BATCH_SIZES:
        _batch = cards.sample(_size, random_state=SEED)
        with serving.one_thread():  # one OpenMP thread per prediction, as the server does
            _call = partial(predict_price, reference_model, _batch)
            _seconds = min(timeit.repeat(_call, number=1, repeat=3))
        _rows.append({"cards per call": _size, "ms per call": round(1000 * _seconds, 1),
                      "ms per card": round(1000 * _seconds / _size, 3)})
    pd.DataFrame(_rows)
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Batches help when cards arrive together (a seller uploads a collection). For single
    requests that repeat, a **cache** helps: sellers list the same popular cards again and
    again. Below, 200 simulated requests for 30 cards, a few far more popular than the rest,
    go through your `cached_predictor`; the model counts its real calls.
    """)
    return


@app.function
def as_requests(rows: pd.DataFrame) -> list[dict]:
    """Rows of `load_cards()` as `/predict` bodies: the request's fields, JSON-ready."""
    fields = list(serving.CardRequest.model_fields)
    dates = rows["set_release_date"].dt.strftime("%Y-%m-%d")
    return json.loads(rows[fields].assign(set_release_date=dates).to_json(orient="records"))


@app.cell
def _(cards, ex, reference_model):
    _pool = as_requests(cards.sample(TRAFFIC_CARDS, random_state=SEED))
    _popularity = 1 / np.arange(1, TRAFFIC_CARDS + 1)  # Zipf: card k is k times rarer
    _picks = np.random.default_rng(SEED).choice(
        TRAFFIC_CARDS, size=TRAFFIC_REQUESTS, p=_popularity / _popularity.sum())
    _calls = []  # one entry per real model call
    _model = SimpleNamespace(predict=lambda X: _calls.append(1) or reference_model.predict(X))
    _cached = attempt(ex.cached_predictor, _model, 1024)
    mo.stop(not _cached.ok, _cached.view())
    with serving.one_thread():
        _run = attempt(lambda: [_cached.value(_pool[i]) for i in _picks])
    _run.view(lambda _: mo.hstack([
        mo.stat(f"{TRAFFIC_REQUESTS}", label="requests"),
        mo.stat(f"{len(_calls)}", label="model calls"),
        mo.stat(f"{1 - len(_calls) / TRAFFIC_REQUESTS:.0%}", label="hit rate"),
    ]))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    Change `TRAFFIC_CARDS` in the setup cell to 200 and watch the hit rate fall: the longer
    the tail of rarely requested cards, the less a cache saves, while it still costs memory.
    Measure the hit rate on real traffic before adding one. And a cache serves yesterday's
    answer: clear it whenever a new model is deployed, or key it on the model's version.
    ///

    ## 5. A load test

    Latency in a notebook is not latency under load. `load_test` (exercise 4) sends many
    requests at once to a real server and reports median (p50) and tail (p95, p99) latency
    and throughput; at p99 one seller in a hundred waits that long. The button starts the
    reference app with uvicorn on 127.0.0.1, runs your `load_test`, and stops the server.
    """)
    return


@app.cell
def _():
    run_load_test = mo.ui.run_button(
        label=f"Run the load test: {LOAD_REQUESTS} requests, {LOAD_CONCURRENCY} at a time")
    run_load_test
    return (run_load_test,)


@app.cell
def _(ex, reference_model, run_load_test):
    mo.stop(not run_load_test.value, mo.md("*Press the button to run the load test.*"))
    with serving.running_server(serving.create_app(reference_model)) as _url:
        _report = attempt(ex.load_test, f"{_url}/predict", serving.EXAMPLE_CARD,
                          LOAD_REQUESTS, LOAD_CONCURRENCY)
    _report.view(lambda r: mo.hstack([mo.stat(f"{v:,.1f}", label=k) for k, v in r.items()]))
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    /// tip | Try it
    Run it twice: the numbers move between runs, so one run cannot show a small regression.
    Set `LOAD_CONCURRENCY` to 1: p50 drops (no queueing) and so does throughput (the server
    idles while the client waits). Try 32: once the server's cores are busy (section 7),
    throughput stops growing and only latency does.
    ///

    ## 6. Does it help? Designing the A/B test

    Offline metrics (module 04) say the model prices well; only an experiment says whether
    suggestions help. Split new listings at random between **A** (today's page) and **B**
    (with a suggested price) and compare the share sold within 7 days. How many listings
    does that take? Below the sliders: the notebook's answer, your `ab_sample_size`, and the
    days at {LISTINGS_PER_DAY:,} new listings a day, split in two.
    """)
    return


@app.cell
def _():
    baseline = mo.ui.slider(0.02, 0.40, step=0.01, value=0.10, show_value=True,
                            label="Sold within 7 days today (baseline rate)")
    baseline
    return (baseline,)


@app.cell
def _():
    effect = mo.ui.slider(0.005, 0.06, step=0.005, value=0.02, show_value=True,
                          label="Smallest change worth detecting (absolute)")
    effect
    return (effect,)


@app.cell
def _():
    alpha = mo.ui.slider(steps=[0.01, 0.05, 0.10], value=0.05, show_value=True,
                         label="alpha (false-positive rate)")
    alpha
    return (alpha,)


@app.cell
def _():
    power = mo.ui.slider(0.70, 0.95, step=0.05, value=0.80, show_value=True, label="Power")
    power
    return (power,)


@app.function
def sample_size_per_arm(p1: float, effect: float, alpha: float, power: float) -> int:
    """Listings per arm for a two-sided two-proportion z-test (normal approximation)."""
    p2 = p1 + effect
    spread_null = np.sqrt(2 * (p1 + p2) / 2 * (1 - (p1 + p2) / 2))
    spread_alt = np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    z = norm.ppf(1 - alpha / 2) * spread_null + norm.ppf(power) * spread_alt
    return int(np.ceil((z / effect) ** 2))


@app.cell
def _(alpha, baseline, effect, ex, power):
    _n = sample_size_per_arm(baseline.value, effect.value, alpha.value, power.value)
    _days = np.ceil(2 * _n / LISTINGS_PER_DAY)
    _yours = attempt(ex.ab_sample_size, baseline.value, effect.value, alpha.value, power.value)
    mo.hstack([
        mo.stat(f"{_n:,}", label="listings per arm (notebook)"),
        mo.stat(f"{_days:.0f} days", label="to run the test",
                caption=f"{baseline.value:.0%} -> {baseline.value + effect.value:.1%}"),
        mo.vstack([mo.md("**Your `ab_sample_size`:**"), _yours.view(
            lambda v: mo.md(f"`{v!r}`: " + ("agrees." if v == _n else "**differs**.")))]),
    ], widths=[1, 1, 2])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Halve the smallest change from 2 to 1 point: about **four times** as long (n grows
      with 1 / effect²). Choose the effect worth detecting from money (module 00).
    - Power 0.80 -> 0.95 costs about 65% more listings; alpha 0.05 -> 0.01 about 50% more.
    - Don't stop the day the p-value first dips below alpha ("peeking"): looking every day
      and stopping at the first success makes false positives far likelier than alpha.
    ///

    After the planned 6 days, 3,900 listings per arm; your `ab_significance` reads them:
    """)
    return


@app.cell
def _(ex):
    attempt(ex.ab_significance, 402, 3_900, 481, 3_900).view(
        lambda r: mo.ui.table([{"": k, "value": v} for k, v in r.items()], selection=None))
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    Significant means the suggestions changed the share sold, not by exactly how much:
    report the difference with its confidence interval (module 04), check a guardrail that
    must not get worse (complaints, accepted prices), and remember it was one season.

    ## 7. Running it for real, and scaling out

    `uv run mlcourse serve --port 8000` trains the model at start-up (about a second) and
    serves it: open http://127.0.0.1:8000/docs for interactive OpenAPI docs (the page loads
    its script from a CDN; offline, `/openapi.json` still works).

    **One process uses about one core**: Python runs one thread of Python code at a time, and
    the server gives the model one OpenMP thread per request (`serving.one_thread`; without
    it, parallel requests fight over the cores, and a 12 ms prediction can take 200 ms). For
    more cores, run more processes: `uv run mlcourse serve --workers 4` starts four uvicorn
    workers, each with its own model copy (and memory). Beyond one machine, the same app runs
    in containers behind a load balancer that polls `/health`, which answers 503 until the
    model is loaded. The code does not change.

    ## Exercises

    In `exercises/exercises_05.py`: `save_model`, `load_model`; `CardRequest`,
    `BatchRequest`, `create_app`; `cached_predictor`; `load_test`; `ab_sample_size`,
    `ab_significance`. The panel runs the same checks as `uv run pytest
    exercises/test_exercises_05.py` (the load-test checks start a server on 127.0.0.1 for a
    few seconds) and re-runs whenever you save the file.
    """)
    return


@app.cell
def _(ex):
    check_panel(ex)  # re-runs whenever `ex` is re-loaded, i.e. when you save
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Reflection

    1. A colleague shares a "better" model as a `.joblib` file from a public hub. What do
       you check before loading it, and who should have recorded its checksum?
    2. A client sends `"hp": 80.0`. Accept it as 80, or refuse it? What goes in the contract?
    3. Which edge case would you have missed without the list, and how would you find the
       ones nobody listed? (Hint: generate requests from the OpenAPI schema.)
    4. Your cache has a 60% hit rate and a new model is deployed. What goes wrong, and what
       is the smallest change that prevents it?
    5. The load test shows p50 20 ms and p99 900 ms. Name two causes, and how you would
       tell them apart.
    6. The A/B test is significant on day 3 of a planned 6, and the product manager wants
       to ship. What do you say?
    """)
    return


if __name__ == "__main__":
    app.run()
