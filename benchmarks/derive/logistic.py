"""Logistic regression with an L2 penalty by Newton's method: the fit behind the shipped models
(`calibrate.py`: the word, lone-I, deep and garbled models; `derive_comma_rates.py`: the
stray-comma model; `../ocr_confidence.py`: the engine's models)."""
from __future__ import annotations

import numpy as np


def fit_logistic(X, y, l2: float, *, penalize_bias: bool = False, steps: int = 50,
                 tol: float = 1e-8) -> tuple[float, np.ndarray]:
    """(bias, weights) of P(y = 1 | x) = logistic(bias + weights · x) on the rows of ``X``.

    ``l2`` penalizes the weights (and the bias with ``penalize_bias``): it keeps the fit finite
    where a feature separates the examples. Newton steps until the largest is below ``tol``."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    A = np.hstack([np.ones((len(X), 1)), X.reshape(len(X), -1)])
    w = np.zeros(A.shape[1])
    reg = np.eye(A.shape[1]) * l2
    if not penalize_bias:
        reg[0, 0] = 0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(A @ w, -30, 30)))
        g = A.T @ (p - y) + reg @ w
        H = A.T @ (A * (p * (1 - p))[:, None]) + reg
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < tol:
            break
    return float(w[0]), w[1:]
