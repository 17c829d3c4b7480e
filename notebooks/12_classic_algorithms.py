import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")

with app.setup:
    import marimo as mo
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from scipy.cluster.hierarchy import dendrogram, linkage
    from scipy.special import expit
    from scipy.stats import zscore
    from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans
    from sklearn.datasets import load_breast_cancer, load_digits, make_blobs, make_moons
    from sklearn.decomposition import PCA
    from sklearn.ensemble import (
        BaggingClassifier,
        GradientBoostingClassifier,
        IsolationForest,
        VotingClassifier,
    )
    from sklearn.linear_model import LogisticRegression
    from sklearn.manifold import TSNE
    from sklearn.metrics import log_loss
    from sklearn.model_selection import train_test_split
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier
    from threadpoolctl import threadpool_limits

    from mlcourse.checks import attempt, check_panel, exercise_module, watch_exercises
    from mlcourse.data import load_cards
    from mlcourse.loading import current_target

    # Small problems run fastest on one thread; several threads fight on a busy machine.
    threadpool_limits(limits=1)

    SEED = 0  # feeds every random draw and random_state in this notebook
    CANCER_FEATURES = ["mean radius", "mean texture"]  # two tumour measurements to plot
    N_POINTS = 300  # points in each 2-D toy data set
    TEST_SHARE = 0.25  # share of rows held out for testing
    GRID_STEPS = 120  # points per axis of a decision-region picture
    BAG_REPEATS = 8  # training sets drawn to measure how much a model's answers vary
    BOOST_STAGES = 200  # trees in the boosting demo
    TSNE_SAMPLE = 300  # digits embedded by t-SNE (it is slow on more)
    SEGMENT_SAMPLE = 600  # cards clustered in the segmentation
    PRICE_DATE = pd.Timestamp("2025-03-01")  # the day of the price snapshot


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Classic algorithms, from scratch and from scikit-learn

    Before deep learning, and still behind most tabular models in production, sit a dozen
    classic algorithms. This module opens each one: you write the core in NumPy, compare it
    with scikit-learn's version, and play with the knobs that change its behaviour.

    **What you will be able to do**

    - train logistic regression by gradient descent and match scikit-learn's coefficients;
    - choose a decision-tree split by Gini impurity, and classify with k-nearest neighbours;
    - explain what C and the kernel do to an SVM, and why bagging and boosting beat one tree;
    - cluster with k-means (yours), hierarchical clustering and DBSCAN, and tell when each fits;
    - reduce dimensions with PCA (yours) and t-SNE, and flag anomalous card prices;
    - segment real cards and describe each segment in business terms.

    **Time:** about 5 hours: 2 hours for this notebook, 3 hours for the eleven exercises in
    `exercises/exercises_12.py`.
    """)
    return


@app.cell
def _():
    exercise_file = watch_exercises("12")
    return (exercise_file,)


@app.cell
def _(exercise_file):
    ex = exercise_module("12", exercise_file)  # re-loads whenever you save the file
    mo.md(
        f"Your exercise module, `{current_target()}/exercises_12.py`, is loaded. Cells that "
        "call your functions re-run whenever you save it."
    )
    return (ex,)


@app.function
def draw_regions(ax: plt.Axes, model: object, X: np.ndarray, y: np.ndarray, title: str) -> tuple:
    """A fitted classifier's predicted class over the plane, with the points; returns the grid."""
    lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    g1, g2 = np.meshgrid(
        np.linspace(lo[0], hi[0], GRID_STEPS), np.linspace(lo[1], hi[1], GRID_STEPS)
    )
    regions = model.predict(np.column_stack([g1.ravel(), g2.ravel()])).reshape(g1.shape)
    ax.contourf(g1, g2, regions, alpha=0.3, cmap="coolwarm")
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", s=12, edgecolor="black", linewidth=0.3)
    ax.set_title(title, fontsize=10)
    return g1, g2


@app.function
def part_of(value: object, index: int, shape: tuple) -> np.ndarray | None:
    """Item `index` of a learner's result as an array of `shape`, or None if it is not one."""
    try:
        part = np.asarray(value[index], dtype=float)
    except (TypeError, IndexError, KeyError, ValueError):
        return None
    return part if part.shape == shape else None


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    ## Logistic regression from scratch

    Logistic regression scores a row with `z = x @ w + b` and turns the score into a
    probability with the **sigmoid**, `1 / (1 + e^-z)`. It is trained by minimising the
    **log loss**, the mean of `-log(probability given to the true class)`. Its gradient is
    short: `X.T @ (p - y) / n` for `w` and `mean(p - y)` for `b`. Gradient descent steps
    against it, `lr` times.

    The data: 569 breast tumours from scikit-learn, two measurements each (standardised), and
    whether the tumour was benign (1) or malignant (0).
    """)
    return


@app.cell
def _():
    _data = load_breast_cancer()
    _X = _data.data[:, [list(_data.feature_names).index(name) for name in CANCER_FEATURES]]
    cancer_X = (_X - _X.mean(axis=0)) / _X.std(axis=0)  # one learning rate suits both columns
    cancer_y = _data.target
    return cancer_X, cancer_y


@app.function
def naive_sigmoid(z: np.ndarray) -> np.ndarray:
    """The sigmoid exactly as written on paper."""
    return 1 / (1 + np.exp(-z))


@app.cell
def _(ex):
    _z = np.array([-1000.0, 0.0, 1000.0])
    _y, _p = np.array([1, 0, 1]), np.array([0.9, 0.2, 0.6])
    with np.errstate(over="raise", invalid="raise"):  # make NumPy's overflow warning an error
        _naive, _yours = attempt(naive_sigmoid, _z), attempt(ex.sigmoid, _z)
    mo.vstack(
        [
            mo.md(f"The sigmoid of `{_z.tolist()}`, written as on paper:"),
            _naive.view(),
            mo.md("**Your `sigmoid`** (should be `[0, 0.5, 1]`, with no overflow):"),
            _yours.view(),
            mo.md(
                f"**Your `log_loss`** of `p = {_p.tolist()}` for `y = {_y.tolist()}` "
                f"(scikit-learn: `{log_loss(_y, _p):.6f}`):"
            ),
            attempt(ex.log_loss, _y, _p).view(),
        ]
    )
    return


@app.cell
def _():
    learning_rate = mo.ui.slider(
        steps=[0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0],
        value=1.0,
        show_value=True,
        label="Learning rate",
    )
    learning_rate
    return (learning_rate,)


@app.cell
def _():
    epochs = mo.ui.slider(1, 1000, value=200, show_value=True, label="Gradient-descent epochs")
    epochs
    return (epochs,)


@app.function
@mo.cache
def demo_logistic(X: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> tuple:
    """The notebook's own gradient descent (scipy's expit, sklearn's log_loss); yours is ex. 3."""
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        p = expit(X @ w + b)
        losses.append(log_loss(y, p, labels=[0, 1]))
        w, b = w - lr * X.T @ (p - y) / len(y), b - lr * float(np.mean(p - y))
    return w, b, losses


@app.cell
def _(cancer_X, cancer_y, epochs, ex, learning_rate):
    _w, _b, _losses = demo_logistic(cancer_X, cancer_y, learning_rate.value, epochs.value)
    _sk = LogisticRegression(C=np.inf).fit(cancer_X, cancer_y)  # C = inf: no penalty
    _yours = attempt(ex.fit_logistic, cancer_X, cancer_y, learning_rate.value, epochs.value)
    _fits = {
        "gradient descent (notebook)": (_w, _b, "-"),
        "LogisticRegression": (_sk.coef_[0], _sk.intercept_[0], "--"),
    }
    _w_yours, _b_yours = part_of(_yours.value, 0, (2,)), part_of(_yours.value, 1, ())
    if _w_yours is not None and _b_yours is not None:
        _fits["your fit_logistic"] = (_w_yours, float(_b_yours), ":")
    _fig, (_ax, _curve) = plt.subplots(1, 2, figsize=(10, 3.6))
    _ax.scatter(*cancer_X.T, c=cancer_y, cmap="coolwarm", s=8)
    _x1 = np.linspace(-2.5, 4, 2)
    for _name, (_wk, _bk, _style) in _fits.items():  # the line where w @ x + b = 0
        _ax.plot(
            _x1,
            -(_wk[0] * _x1 + _bk) / _wk[1] if _wk[1] else _x1 * np.nan,
            "k" + _style,
            label=_name,
        )
    _ax.set(xlabel=CANCER_FEATURES[0], ylabel=CANCER_FEATURES[1], ylim=(-3, 5))
    _ax.legend(fontsize=8)
    _curve.plot(_losses, color="#36c")
    _curve.axhline(log_loss(cancer_y, _sk.predict_proba(cancer_X)[:, 1]), color="k", ls="--")
    _curve.set(xlabel="epoch", ylabel="log loss", title="Loss (dashed: scikit-learn's optimum)")
    mo.vstack(
        [
            _fig,
            pd.DataFrame(
                {n: [*np.round(f[0], 4), round(float(f[1]), 4)] for n, f in _fits.items()},
                index=["w1", "w2", "b"],
            ),
        ]
    )
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - At **learning rate 1** the loss reaches scikit-learn's optimum within about 100 epochs,
      and the boundary lines coincide (the table agrees to about two decimals).
    - At **0.01**, even 1,000 epochs stop far short: `w1` is -1.5 instead of -3.7.
    - At **10** it gets there in a handful of epochs with a few bumps; at **30** every step
      overshoots, and the loss bounces around 0.35 forever. Too small wastes time, too large
      never converges.
    ///

    ## A decision-tree split by Gini impurity

    A decision tree asks one yes/no question per node, `feature <= threshold?`. To choose it,
    it tries every threshold and measures how mixed the two sides are with the **Gini
    impurity**, `1 - sum(p_k ** 2)`: 0 for a pure side, 0.5 for a 50/50 one. Each side
    counts in proportion to its size. The best question has the lowest weighted impurity.
    """)
    return


@app.cell
def _():
    split_feature = mo.ui.dropdown(
        CANCER_FEATURES, value=CANCER_FEATURES[0], label="Feature to split on"
    )
    split_feature
    return (split_feature,)


@app.cell
def _():
    split_threshold = mo.ui.slider(
        -2.0, 3.0, step=0.05, value=1.0, show_value=True, label="Threshold (standardised units)"
    )
    split_threshold
    return (split_threshold,)


@app.function
def gini_curve(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every midpoint threshold of x, and the weighted Gini impurity of splitting there (0/1 y)."""
    order = np.argsort(x, kind="stable")
    xs, ys, n = x[order], y[order], len(y)
    left_n = np.arange(1, n)
    left_share = np.cumsum(ys)[:-1] / left_n
    right_share = (ys.sum() - np.cumsum(ys)[:-1]) / (n - left_n)
    weighted = (
        left_n * 2 * left_share * (1 - left_share)  # binary Gini: 2 p (1 - p)
        + (n - left_n) * 2 * right_share * (1 - right_share)
    ) / n
    distinct = xs[1:] > xs[:-1]
    return ((xs[:-1] + xs[1:]) / 2)[distinct], weighted[distinct]


@app.cell
def _(cancer_X, cancer_y, split_feature, split_threshold):
    _j = CANCER_FEATURES.index(split_feature.value)
    _thresholds, _scores = gini_curve(cancer_X[:, _j], cancer_y)
    _stump = DecisionTreeClassifier(max_depth=1).fit(cancer_X[:, [_j]], cancer_y).tree_
    _at = np.interp(split_threshold.value, _thresholds, _scores)
    _fig, (_hist, _ax) = plt.subplots(1, 2, figsize=(10, 3.2))
    _hist.hist(
        [cancer_X[cancer_y == 0, _j], cancer_X[cancer_y == 1, _j]],
        bins=40,
        stacked=True,
        color=["#c63", "#36c"],
        label=["malignant", "benign"],
    )
    _hist.axvline(split_threshold.value, color="k")
    _hist.set(xlabel=split_feature.value, title="The question: left of the line or right?")
    _hist.legend()
    _ax.plot(_thresholds, _scores, color="#36c")
    _ax.plot(split_threshold.value, _at, "ko")
    _ax.axvline(_stump.threshold[0], color="k", ls="--", label="DecisionTreeClassifier")
    _ax.set(xlabel="threshold", ylabel="weighted Gini", title=f"Your slider: {_at:.3f}")
    _ax.legend()
    _fig
    return


@app.cell
def _(cancer_X, cancer_y, ex):
    _tree = DecisionTreeClassifier(max_depth=1).fit(cancer_X, cancer_y).tree_
    _n = _tree.n_node_samples
    _gini = (_n[1] * _tree.impurity[1] + _n[2] * _tree.impurity[2]) / _n[0]
    mo.vstack(
        [
            mo.md(
                f"A depth-1 tree on both features asks `{CANCER_FEATURES[_tree.feature[0]]} <= "
                f"{_tree.threshold[0]:.4f}` (feature {_tree.feature[0]}), weighted Gini "
                f"{_gini:.4f}. Root impurity: {_tree.impurity[0]:.4f}. **Your "
                "`best_gini_split`** (feature, threshold, Gini), and your `gini_impurity` of "
                "all labels:"
            ),
            attempt(ex.best_gini_split, cancer_X, cancer_y).view(),
            attempt(ex.gini_impurity, cancer_y).view(),
        ]
    )
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Slide the threshold along **mean radius**: the curve is lowest where the two colours of
      the histogram separate best, and that is where the tree's dashed line sits.
    - Switch to **mean texture**: its best split is much worse. A tree picks, at each node,
      the feature and threshold with the lowest curve of all.
    - Drag the threshold to either end: one side empties and the weighted Gini climbs to the
      root impurity, since nothing was separated.
    ///

    ## k-nearest neighbours

    kNN keeps the training data and predicts a new point by a vote of the k closest training
    points. k is the only knob: small k follows every noisy point, large k smooths everything.
    Below, the two half-moons of scikit-learn's `make_moons` with noise, a quarter held out.
    """)
    return


@app.cell
def _():
    _X, _y = make_moons(N_POINTS, noise=0.3, random_state=SEED)
    moons_train_X, moons_test_X, moons_train_y, moons_test_y = train_test_split(
        _X, _y, test_size=TEST_SHARE, stratify=_y, random_state=SEED
    )
    _ks = range(1, 61)
    _fits = [KNeighborsClassifier(k).fit(moons_train_X, moons_train_y) for k in _ks]
    knn_curve = pd.DataFrame(
        {
            "train": [m.score(moons_train_X, moons_train_y) for m in _fits],
            "test": [m.score(moons_test_X, moons_test_y) for m in _fits],
        },
        index=_ks,
    )
    return knn_curve, moons_test_X, moons_test_y, moons_train_X, moons_train_y


@app.cell
def _():
    neighbours = mo.ui.slider(1, 60, value=15, show_value=True, label="k (neighbours that vote)")
    neighbours
    return (neighbours,)


@app.cell
def _(ex, knn_curve, moons_test_X, moons_test_y, moons_train_X, moons_train_y, neighbours):
    _k = neighbours.value
    _model = KNeighborsClassifier(_k).fit(moons_train_X, moons_train_y)
    _fig, (_ax, _curve) = plt.subplots(1, 2, figsize=(10, 3.6))
    draw_regions(_ax, _model, moons_train_X, moons_train_y, f"k = {_k}: predicted class")
    knn_curve.plot(ax=_curve, color=["#999", "#36c"])
    _curve.axvline(_k, color="k", ls=":")
    _curve.set(xlabel="k", ylabel="accuracy", title="Accuracy by k")
    _yours = attempt(ex.knn_predict, moons_train_X, moons_train_y, moons_test_X, _k)
    _loo = attempt(ex.knn_loo_accuracy, moons_train_X, moons_train_y, _k)
    _stats = [
        mo.stat(f"{_model.score(moons_test_X, moons_test_y):.1%}", label="test, scikit-learn"),
        _yours.view(lambda v: mo.stat(f"{np.mean(v == moons_test_y):.1%}", label="test, yours")),
        _loo.view(lambda v: mo.stat(f"{v:.1%}", label="leave-one-out, yours (train rows)")),
    ]
    mo.vstack([_fig, mo.hstack(_stats)])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - At **k = 1** training accuracy is 100%: every training point is its own nearest
      neighbour. The islands in the picture are single noisy points. Test accuracy tells the
      truth, and so does leave-one-out, which never lets a point vote for itself.
    - Around **k = 15-30** the boundary is a smooth S and test accuracy peaks. At 60, the
      tips of the moons start to be outvoted by the other class.
    - Test accuracy above training accuracy? With 75 test points, one point is 1.3%: luck of
      the split. Leave-one-out uses all 225 training rows and wobbles less.
    ///

    ## Support vector machines

    An SVM draws the boundary with the widest **margin**, the band between the dashed lines,
    and only the points on or inside that band (the circled **support vectors**) decide where
    it goes. **C** prices each point inside the margin: a small C buys a wide, tolerant
    margin, a large C a narrow one. The **kernel** lets the boundary curve: `poly` adds
    products of the features, `rbf` measures similarity by distance, and its **gamma** sets
    how quickly that similarity fades, so how tightly the boundary can bend.
    """)
    return


@app.cell
def _():
    svm_kernel = mo.ui.dropdown(["linear", "poly", "rbf"], value="rbf", label="Kernel")
    svm_kernel
    return (svm_kernel,)


@app.cell
def _():
    svm_c = mo.ui.slider(
        steps=[0.01, 0.1, 1.0, 10.0, 100.0, 1000.0],
        value=1.0,
        show_value=True,
        label="C (cost of a point inside the margin)",
    )
    svm_c
    return (svm_c,)


@app.cell
def _():
    svm_gamma = mo.ui.dropdown(
        {"scale (1 / variance)": "scale", "10": 10.0, "50": 50.0},
        value="scale (1 / variance)",
        label="gamma (rbf only)",
    )
    svm_gamma
    return (svm_gamma,)


@app.cell
def _(moons_test_X, moons_test_y, moons_train_X, moons_train_y, svm_c, svm_gamma, svm_kernel):
    _gamma = svm_gamma.value if svm_kernel.value == "rbf" else "scale"  # poly: slow if large
    _svm = SVC(kernel=svm_kernel.value, C=svm_c.value, gamma=_gamma)
    _svm.fit(moons_train_X, moons_train_y)
    _fig, _ax = plt.subplots(figsize=(6, 4))
    _g1, _g2 = draw_regions(
        _ax,
        _svm,
        moons_train_X,
        moons_train_y,
        f"{len(_svm.support_)} support vectors; accuracy: train "
        f"{_svm.score(moons_train_X, moons_train_y):.1%}, test "
        f"{_svm.score(moons_test_X, moons_test_y):.1%}",
    )
    _margin = _svm.decision_function(np.column_stack([_g1.ravel(), _g2.ravel()]))
    _margin = _margin.reshape(_g1.shape)  # 0 on the boundary, -1 and +1 on the margin's edges
    _ax.contour(_g1, _g2, _margin, [-1, 0, 1], colors="k", linestyles=["--", "-", "--"])
    _ax.scatter(*_svm.support_vectors_.T, s=40, facecolor="none", edgecolor="k", linewidth=0.6)
    _fig
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - **linear**: a straight line cannot follow the moons. Raising C from 0.01 to 1000
      narrows the margin and sheds support vectors (186 to 83), yet test accuracy stays 80%.
    - **rbf** at C = 0.01: every point is a support vector, the margin swallows the plane,
      and the model predicts one class (49%). From C = 1 it bends with the moons (95-97%).
    - **rbf, gamma 50, C = 1000**: the boundary wraps around single noisy points; training
      accuracy is 100%, test accuracy falls to 89%. That is overfitting, like k = 1 above.
    - Scale your features before an SVM (a `StandardScaler` in a pipeline): the margin is
      measured in the features' units.
    ///

    ## Ensembles: voting, bagging, boosting

    Several models can do better together than alone. **Voting** asks different models and
    takes the majority (hard) or the average probability (soft). Below, three classifiers on
    all 30 tumour measurements, scaled, tested on a held-out quarter.
    """)
    return


@app.cell
def _():
    _data = load_breast_cancer()
    _train_X, _test_X, _train_y, _test_y = train_test_split(
        _data.data, _data.target, test_size=TEST_SHARE, stratify=_data.target, random_state=SEED
    )
    _members = [
        ("logistic", LogisticRegression(max_iter=1000)),
        ("tree", DecisionTreeClassifier(max_depth=4, random_state=SEED)),
        ("knn", KNeighborsClassifier(15)),
    ]
    _models = dict(_members) | {
        f"{how} vote": VotingClassifier(_members, voting=how) for how in ("hard", "soft")
    }
    _pipelines = {name: make_pipeline(StandardScaler(), m) for name, m in _models.items()}
    _scores = {n: p.fit(_train_X, _train_y).score(_test_X, _test_y) for n, p in _pipelines.items()}
    pd.Series(_scores, name="test accuracy").round(3).to_frame()
    return


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    Here the hard vote ties the best member and beats the tree by 5 points: a vote is rarely
    much worse than its best member, and you need not know in advance which member that is.

    **Bagging** trains many copies of one model, each on a bootstrap sample (rows drawn with
    replacement), and lets them vote. A deep tree changes a lot when its training data
    changes: it has high *variance*. Averaging many trees cancels much of that. To measure
    it, the notebook draws {BAG_REPEATS} training sets of 225 noisy moon points, trains on
    each, and asks how much the predicted probability of the same test points varies
    between training sets.
    """)
    return


@app.cell
def _():
    bag_size = mo.ui.slider(
        steps=[1, 2, 5, 10, 25, 50, 100], value=25, show_value=True, label="Trees in the bag"
    )
    bag_size
    return (bag_size,)


@app.function
@mo.cache
def bagging_spread(n_trees: int) -> tuple[list, float, float, float, float]:
    """Fit a deep tree and a bag of n_trees on BAG_REPEATS training sets; measure their spread.

    Returns the first pair of models (for pictures), the mean variance across training sets of
    each model's P(class 1) on fixed test points, and each model's mean test accuracy.
    """
    X, y = make_moons(BAG_REPEATS * 225 + 500, noise=0.3, random_state=SEED)
    test_X, test_y = X[-500:], y[-500:]
    tree_p, bag_p, tree_acc, bag_acc, first = [], [], [], [], []
    for r in range(BAG_REPEATS):
        part = slice(r * 225, (r + 1) * 225)
        tree = DecisionTreeClassifier(random_state=r).fit(X[part], y[part])
        bag = BaggingClassifier(DecisionTreeClassifier(), n_estimators=n_trees, random_state=r).fit(
            X[part], y[part]
        )
        first = first or [tree, bag, X[part], y[part]]
        tree_p.append(tree.predict_proba(test_X)[:, 1])
        bag_p.append(bag.predict_proba(test_X)[:, 1])
        tree_acc.append(tree.score(test_X, test_y))
        bag_acc.append(bag.score(test_X, test_y))
    return (
        first,
        float(np.var(tree_p, axis=0).mean()),
        float(np.var(bag_p, axis=0).mean()),
        float(np.mean(tree_acc)),
        float(np.mean(bag_acc)),
    )


@app.cell
def _(bag_size):
    (_tree, _bag, _X, _y), _tree_var, _bag_var, _tree_acc, _bag_acc = bagging_spread(bag_size.value)
    _fig, (_left, _right) = plt.subplots(1, 2, figsize=(10, 3.6))
    draw_regions(_left, _tree, _X, _y, "One deep tree (training set 1)")
    draw_regions(_right, _bag, _X, _y, f"Bag of {bag_size.value} trees (training set 1)")
    _stats = [
        mo.stat(f"{_tree_var:.3f}", label="variance, one tree"),
        mo.stat(f"{_bag_var:.3f}", label=f"variance, bag of {bag_size.value}"),
        mo.stat(f"{_tree_acc:.1%}", label="test accuracy, one tree"),
        mo.stat(f"{_bag_acc:.1%}", label="test accuracy, bag"),
    ]
    mo.vstack([_fig, mo.hstack(_stats)])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    Start at **1 tree**: a bag of one is one tree on a bootstrap sample, even jumpier than a
    tree on all rows. At **10** the variance has fallen from 0.055 to 0.020 and test accuracy
    has gained a point or two; beyond 25 little changes. Bagging lowers variance, not bias:
    the trees must be good but unstable for it to help. A random forest is bagging plus a
    random subset of features at each split.
    ///

    **Boosting** builds trees one after another, each fitting the mistakes of the ones
    before. Its learning rate shrinks each tree's contribution. The curves show train and
    test accuracy after each added tree (`staged_predict`: one fit, every stage).
    """)
    return


@app.cell
def _():
    boost_rate = mo.ui.dropdown(
        {"0.05": 0.05, "0.3": 0.3, "1.0": 1.0}, value="0.3", label="Boosting learning rate"
    )
    boost_rate
    return (boost_rate,)


@app.cell
def _(boost_rate, moons_test_X, moons_test_y, moons_train_X, moons_train_y):
    _boost = GradientBoostingClassifier(
        n_estimators=BOOST_STAGES, learning_rate=boost_rate.value, max_depth=2, random_state=SEED
    )
    _boost.fit(moons_train_X, moons_train_y)
    _stages = pd.DataFrame(
        {
            "train": [np.mean(p == moons_train_y) for p in _boost.staged_predict(moons_train_X)],
            "test": [np.mean(p == moons_test_y) for p in _boost.staged_predict(moons_test_X)],
        },
        index=range(1, BOOST_STAGES + 1),
    )
    _ax = _stages.plot(figsize=(7, 3), color=["#999", "#36c"])
    _ax.set(
        xlabel="trees",
        ylabel="accuracy",
        ylim=(0.75, 1.0),
        title=f"Best test accuracy {_stages['test'].max():.1%} after "
        f"{_stages['test'].idxmax()} trees",
    )
    _ax
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    At **0.05** both curves climb slowly and test accuracy peaks after about 50-100 trees. At
    **1.0** training accuracy reaches 100% within 20 trees and test accuracy peaks after 3,
    then stays lower: more trees only memorise noise. In practice: a small rate, many trees,
    and early stopping on a validation set.
    ///

    ## k-means clustering

    Now there are no labels. **k-means** places k centers, assigns each point to its nearest
    center, moves each center to the mean of its points, and repeats until nothing changes.
    It minimises the **inertia**, the sum of squared distances to the centers, but only
    locally: the start matters, so scikit-learn tries several (`n_init`). The data: 300
    points in 4 blobs.
    """)
    return


@app.cell
def _():
    blobs_X, _ = make_blobs(N_POINTS, centers=4, cluster_std=1.3, random_state=SEED)
    blobs_inertia = pd.Series(
        {k: KMeans(k, n_init=5, random_state=SEED).fit(blobs_X).inertia_ for k in range(1, 9)}
    )
    return blobs_X, blobs_inertia


@app.cell
def _():
    clusters = mo.ui.slider(1, 8, value=4, show_value=True, label="k (clusters)")
    clusters
    return (clusters,)


@app.cell
def _(blobs_X, blobs_inertia, clusters, ex):
    _k = clusters.value
    _start = blobs_X[np.random.default_rng(SEED).choice(len(blobs_X), size=_k, replace=False)]
    _same_start = KMeans(_k, init=_start, n_init=1).fit(blobs_X)
    _yours = attempt(ex.kmeans, blobs_X, _k, SEED)
    _labels = part_of(_yours.value, 1, (len(blobs_X),))
    _fig, (_ax, _elbow) = plt.subplots(1, 2, figsize=(10, 3.6))
    _ax.scatter(
        *blobs_X.T, c=_same_start.labels_ if _labels is None else _labels, s=10, cmap="tab10"
    )
    _ax.set_title(("KMeans" if _labels is None else "Your kmeans") + f", k = {_k}, seed {SEED}")
    blobs_inertia.plot(ax=_elbow, marker="o", color="#36c")
    _elbow.axvline(_k, color="k", ls=":")
    _elbow.set(xlabel="k", ylabel="inertia", title="Inertia by k (best of 5 starts)")
    _stats = [
        _yours.view(lambda v: mo.stat(f"{v[2]:,.1f}", label="inertia, your kmeans")),
        mo.stat(f"{_same_start.inertia_:,.1f}", label="KMeans from the same start"),
        mo.stat(f"{blobs_inertia[_k]:,.1f}", label="KMeans, best of 5 starts"),
    ]
    mo.vstack([_fig, mo.hstack(_stats)])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - Inertia always falls as k grows (at k = 300 it is 0), so the lowest inertia cannot
      choose k. Look for the **elbow**: the fall flattens after k = 4, the true number of blobs.
    - At **k = 6** the single start ends in a worse local minimum (644) than the best of 5
      starts (616): compare the last two numbers. That is why `n_init` exists.
    ///

    ## Hierarchical clustering

    Agglomerative clustering starts with every point alone and repeatedly merges the two
    closest clusters. The **linkage** defines "closest": `ward` merges what raises the
    variance least, `complete` uses the farthest pair of points, `average` the mean distance,
    `single` the nearest pair. The **dendrogram** records every merge (40 points, for
    legibility); cutting it at some height gives the clusters.
    """)
    return


@app.cell
def _():
    linkage_kind = mo.ui.dropdown(
        ["ward", "complete", "average", "single"], value="ward", label="Linkage"
    )
    linkage_kind
    return (linkage_kind,)


@app.cell
def _(blobs_X, linkage_kind):
    _labels = AgglomerativeClustering(4, linkage=linkage_kind.value).fit_predict(blobs_X)
    _fig, (_ax, _tree) = plt.subplots(1, 2, figsize=(10, 3.6))
    _ax.scatter(*blobs_X.T, c=_labels, cmap="tab10", s=10)
    _ax.set_title(f"4 clusters of {sorted(np.bincount(_labels).tolist(), reverse=True)} points")
    dendrogram(
        linkage(blobs_X[:40], method=linkage_kind.value),
        ax=_tree,
        no_labels=True,
        color_threshold=0,
    )
    _tree.set(title="Dendrogram of the first 40 points", ylabel="merge distance")
    _fig
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    **ward** and **complete** find four blobs of similar size. **average** leaves a cluster of
    6 stragglers. **single** chains: blobs that touch at one pair of points merge, and the cut
    leaves one cluster of 297 points and three lone outliers. Its dendrogram is a staircase.
    ///

    ## DBSCAN: clusters of any shape, and noise

    DBSCAN needs no k. A point with at least `min_samples` neighbours within distance `eps`
    is a *core* point; clusters are core points linked through their neighbourhoods; anything
    unreachable is **noise** (grey). On two interlocking moons, k-means can only cut with a
    straight line.
    """)
    return


@app.cell
def _():
    dbscan_eps = mo.ui.slider(
        0.05, 0.5, step=0.01, value=0.15, show_value=True, label="eps (neighbourhood radius)"
    )
    dbscan_eps
    return (dbscan_eps,)


@app.cell
def _():
    dbscan_min = mo.ui.slider(2, 20, value=5, show_value=True, label="min_samples")
    dbscan_min
    return (dbscan_min,)


@app.cell
def _(dbscan_eps, dbscan_min):
    _X, _ = make_moons(N_POINTS, noise=0.07, random_state=SEED)
    _labels = DBSCAN(eps=dbscan_eps.value, min_samples=dbscan_min.value).fit_predict(_X)
    _kmeans = KMeans(2, n_init=5, random_state=SEED).fit_predict(_X)
    _fig, (_left, _right) = plt.subplots(1, 2, figsize=(10, 3.4))
    _left.scatter(*_X[_labels < 0].T, color="#bbb", s=10)
    _left.scatter(*_X[_labels >= 0].T, c=_labels[_labels >= 0], cmap="tab10", s=10)
    _left.set_title(f"DBSCAN: {_labels.max() + 1} clusters, {np.sum(_labels < 0)} noise points")
    _right.scatter(*_X.T, c=_kmeans, cmap="tab10", s=10)
    _right.set_title("k-means, k = 2")
    _fig
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    At the defaults DBSCAN finds the two moons, with 2 noise points. Lower **eps** to 0.07:
    24 clusters and 137 noise points. Raise it to 0.3: the moons join into one. Raise
    **min_samples** to 15: denser neighbourhoods are needed, and 176 points become noise. Scale
    the features first: eps is a distance in their units.
    ///

    ## PCA: fewer dimensions, most of the information

    PCA rotates the data onto new axes, the **principal components**, ordered by how much of
    the variance each one carries. Keep the first few and you have most of the information
    in far fewer columns. The data: 1,797 handwritten digits, 8x8 = 64 pixels each.
    """)
    return


@app.cell
def _():
    _digits = load_digits()
    digits_X, digits_y = _digits.data, _digits.target
    digits_pca = PCA(random_state=SEED).fit(digits_X)  # every component, to slice below
    return digits_X, digits_pca, digits_y


@app.cell
def _():
    pca_components = mo.ui.slider(1, 40, value=10, show_value=True, label="Components kept")
    pca_components
    return (pca_components,)


@app.cell
def _(digits_X, digits_pca, pca_components):
    _n = pca_components.value
    _scores = digits_pca.transform(digits_X[:6])[:, :_n]
    _rebuilt = _scores @ digits_pca.components_[:_n] + digits_pca.mean_
    _fig = plt.figure(figsize=(10, 3.2))
    _curve = _fig.add_axes((0.06, 0.15, 0.38, 0.75))
    _curve.plot(range(1, 65), np.cumsum(digits_pca.explained_variance_ratio_), color="#36c")
    _curve.axvline(_n, color="k", ls=":")
    _kept = np.sum(digits_pca.explained_variance_ratio_[:_n])
    _curve.set(xlabel="components", ylabel="share of variance", title=f"Variance kept: {_kept:.1%}")
    for _i in range(6):  # originals on top, rebuilt from _n components below
        for _row, _image in enumerate([digits_X[_i], _rebuilt[_i]]):
            _ax = _fig.add_axes((0.5 + 0.08 * _i, 0.5 - 0.45 * _row, 0.07, 0.4))
            _ax.imshow(_image.reshape(8, 8), cmap="gray_r")
            _ax.axis("off")
    _fig
    return


@app.cell
def _(digits_X, digits_pca, ex, pca_components):
    _expected = digits_pca.explained_variance_ratio_[: pca_components.value]
    _gap = attempt(ex.pca_from_scratch, digits_X, pca_components.value).view(
        lambda v: mo.md(
            f"`{np.max(np.abs(np.asarray(v[2]) - _expected)):.1e}` (below 1e-8: they agree)"
        )
    )
    mo.vstack(
        [
            mo.md(
                "**Your `pca_from_scratch`**: the largest gap between your explained "
                "variance ratios and scikit-learn's"
            ),
            _gap,
        ]
    )


@app.cell(hide_code=True)
def _():
    mo.md(rf"""
    /// tip | Try it
    Top row: six digits; bottom row: the same digits rebuilt from the kept components. With
    **2** they are grey blurs; with **10** (about 74% of the variance) they are readable;
    past 30 you can hardly tell them from the originals, from half the numbers.
    ///

    ## t-SNE: a map of similar points

    PCA keeps straight-line structure. **t-SNE** instead places similar points close together
    on a 2-D map, whatever the shape. It is slow (the notebook embeds {TSNE_SAMPLE} digits),
    random, and only good for looking: distances between far-apart groups and cluster sizes
    on its map mean little, and it cannot place new points.
    """)
    return


@app.cell
def _():
    perplexity = mo.ui.slider(
        steps=[2, 5, 15, 30, 50],
        value=30,
        show_value=True,
        label="t-SNE perplexity (neighbours each point attends to)",
    )
    perplexity
    return (perplexity,)


@app.function
@mo.cache
def tsne_map(X: np.ndarray, perplexity: int) -> np.ndarray:
    """A 2-D t-SNE embedding of X, seeded."""
    return TSNE(perplexity=perplexity, init="pca", max_iter=500, random_state=SEED).fit_transform(X)


@app.cell
def _(digits_X, digits_pca, digits_y, perplexity):
    _X, _y = digits_X[:TSNE_SAMPLE], digits_y[:TSNE_SAMPLE]
    _fig, _axes = plt.subplots(1, 2, figsize=(10, 4))
    _maps = {
        "PCA, first 2 components": digits_pca.transform(_X)[:, :2],
        f"t-SNE, perplexity {perplexity.value}": tsne_map(_X, perplexity.value),
    }
    for _ax, (_title, _points) in zip(_axes, _maps.items(), strict=True):
        _ax.scatter(*_points.T, c=_y, cmap="tab10", s=0)  # sets the limits for the digits
        for _digit, (_x1, _x2) in zip(_y, _points, strict=True):
            _ax.text(_x1, _x2, str(_digit), color=plt.cm.tab10(_digit), fontsize=8)
        _ax.set_title(_title)
    _fig
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    PCA's two components overlap several digits; t-SNE separates nearly all ten. At
    perplexity **2** the map shatters into small knots; at **50** the groups are rounder and
    closer. Same data, different pictures: never read too much into one t-SNE map.
    ///

    ## Anomalies in card prices

    Which listed prices look wrong? The simplest rule is the **z-score**: flag prices more
    than a few standard deviations from the mean. Card prices are skewed (most cost cents,
    a few thousands of dollars), so the rule behaves very differently on dollars and on
    log-dollars. An **IQR rule** (beyond 1.5 interquartile ranges from the quartiles) and an
    **IsolationForest** (points that random splits isolate quickly) are the alternatives.
    """)
    return


@app.cell
def _():
    cards = load_cards()
    mo.md(
        f"{len(cards):,} card x finish prices, median ${cards['market_price'].median():.2f}, "
        f"highest ${cards['market_price'].max():,.2f}."
    )
    return (cards,)


@app.cell
def _():
    z_threshold = mo.ui.slider(
        1.5, 4.0, step=0.25, value=3.0, show_value=True, label="z-score threshold"
    )
    z_threshold
    return (z_threshold,)


@app.cell
def _(cards, ex, z_threshold):
    _price = cards["market_price"].to_numpy()
    _log = np.log10(_price)
    _q1, _q3 = np.percentile(_log, [25, 75])
    _change = np.log(cards["market_price"] / cards["prev_market_price"]).fillna(0).to_numpy()
    _forest = IsolationForest(contamination=0.01, random_state=SEED)
    _odd = _forest.fit_predict(np.column_stack([_log, _change])) < 0
    _flags = {
        "z-score on dollars": np.abs(zscore(_price)) > z_threshold.value,
        "z-score on log price": np.abs(zscore(_log)) > z_threshold.value,
        "IQR rule on log price": (_log < _q1 - 1.5 * (_q3 - _q1))
        | (_log > _q3 + 1.5 * (_q3 - _q1)),
        "IsolationForest (log price, weekly change)": _odd,
    }
    _yours = {
        f"yours, {name}": attempt(ex.zscore_anomalies, values, z_threshold.value)
        for name, values in [("dollars", _price), ("log price", _log)]
    }
    _counts = {name: int(flags.sum()) for name, flags in _flags.items()} | {
        name: int(np.sum(np.asarray(got.value, dtype=bool))) if got.ok else "not attempted / error"
        for name, got in _yours.items()
    }
    _shown = ["name", "set_name", "finish", "market_price", "prev_market_price"]
    mo.vstack(
        [
            pd.Series(_counts, name=f"cards flagged of {len(cards):,}").to_frame(),
            mo.md("Cards IsolationForest finds oddest (price and weekly change):"),
            cards.loc[_odd, _shown]
            .assign(score=_forest.score_samples(np.column_stack([_log, _change]))[_odd])
            .sort_values("score")
            .head(6),
        ]
    )
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    - On **dollars** the mean is $5.48 and the standard deviation $38.61, inflated by a few
      cards in the thousands: at 3 the rule flags 86 cards, all above $120.
    - On **log price** at 3 it flags 93 cards above $108; at 2, 572. Neither flags a cheap
      card: prices have a floor, and a 2-cent card is only 1.4 standard deviations below the
      log mean. A rule finds only what the distribution lets stand out.
    - IsolationForest also looks at the weekly change, and flags ordinary prices that jumped:
      a $9.40 card that cost $1.45 a week earlier. The IQR rule, for comparison, flags every
      card above $36 (311 of them).
    ///

    ## Segmenting real cards

    The business question: which kinds of Pokémon cards does PokeMarket list? The notebook
    takes a sample of Pokémon cards, describes each by price (log), HP, set age and retreat
    cost, scales the four columns, and clusters them with k-means. A segment is only useful
    once you can describe it: the table profiles each one.
    """)
    return


@app.cell
def _(cards):
    _pokemon = cards[cards["hp"].notna()].sample(SEGMENT_SAMPLE, random_state=SEED)
    segment_data = pd.DataFrame(
        {
            "log10 price": np.log10(_pokemon["market_price"]),
            "hp": _pokemon["hp"].astype(float),
            "age (years)": (PRICE_DATE - _pokemon["set_release_date"]).dt.days / 365.25,
            "retreat cost": _pokemon["retreat_cost"].astype(float),
            "rarity": _pokemon["rarity"].fillna("Unknown"),
        }
    )
    segment_data.describe().round(2)
    return (segment_data,)


@app.cell
def _():
    segments = mo.ui.slider(2, 8, value=4, show_value=True, label="Segments (k)")
    segments
    return (segments,)


@app.cell
def _(segment_data, segments):
    _features = StandardScaler().fit_transform(segment_data.drop(columns="rarity"))
    _labels = KMeans(segments.value, n_init=10, random_state=SEED).fit_predict(_features)
    _map = PCA(2).fit_transform(_features)
    _fig, _ax = plt.subplots(figsize=(6, 3.6))
    _ax.scatter(*_map.T, c=_labels, cmap="tab10", s=10)
    _ax.set(xlabel="PC 1", ylabel="PC 2", title="Segments on the first two components")
    _profile = (
        segment_data.assign(segment=_labels)
        .groupby("segment")
        .agg(
            cards=("hp", "size"),
            median_price=("log10 price", lambda s: 10 ** s.median()),
            median_hp=("hp", "median"),
            median_age=("age (years)", "median"),
            top_rarity=("rarity", lambda s: s.mode().iloc[0]),
        )
    )
    mo.hstack([_fig, _profile.round(2)], widths=[1, 1])
    return


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    /// tip | Try it
    With **4** segments: vintage cards (25 years old, median $13), modern high-HP "V" rares
    (HP 220, $2.31), and two groups of cheap recent commons split by HP (basic Pokémon
    against evolved ones). Try 2 and 8: there is no true k here, only more or less useful
    descriptions. Ask which k a buyer or a marketing team could act on.
    ///

    ## Exercises

    Write the functions in `exercises/exercises_12.py` in order: `sigmoid`, `log_loss`,
    `fit_logistic`; `gini_impurity`, `best_gini_split`; `majority_vote`, `knn_predict`,
    `knn_loo_accuracy`; `kmeans`; `pca_from_scratch`; `zscore_anomalies`. The panel runs the
    same checks as `uv run pytest exercises/test_exercises_12.py` whenever you save the file.
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

    1. Your logistic regression matched scikit-learn's after enough epochs. What does
       scikit-learn add by default that yours lacks (look up `C`), and when does it matter?
    2. kNN with k = 1 scores 100% on its training data. Name two other places in this
       notebook where a model looked perfect on the data it had seen, and what revealed it.
    3. Bagging cut the variance of a deep tree; would it help logistic regression? Why not?
    4. k-means, hierarchical clustering and DBSCAN disagreed on the same points. What would
       you need to know about the business question to choose one?
    5. The z-score on dollars never flagged a cheap card. Which data would convince you a
       flagged price is a real anomaly (a fake, a typo) rather than a rare, valuable card?
    """)
    return


if __name__ == "__main__":
    app.run()
