"""A network that predicts with ReLU in the hidden layer, although it was defined (and
trained) with tanh."""

import numpy as np

REJECTED_BY = ["test_mlp_predict_runs_a_hand_built_xor_network",
               "test_mlp_predict_matches_a_forward_pass_with_random_weights"]


def mlp_predict(params, X):
    hidden = np.maximum(X @ params["W1"] + params["b1"], 0)
    return (hidden @ params["W2"] + params["b2"]).argmax(axis=1)
