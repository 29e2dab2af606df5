"""A page scanned slightly askew is turned straight before its rules are looked for.

The grid finder (``grid``) looks for rules along pixel rows and columns: tilted by half a
degree, a rule across an A4 page drifts by a dozen pixels, falls apart into short pieces and
the table is lost. The skew is the angle at which the dark pixels, sheared back, pile up on
the fewest rows (rules and text lines are horizontal): tried from -3° to 3°, first on a
coarse image, then finely around the best angle.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from PIL import Image

__all__ = ["MAX_SKEW_DEGREES", "estimate_skew", "straighten"]

Gray = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]

MAX_SKEW_DEGREES = 3.0
_MIN_SKEW_DEGREES = 0.1  # below this a rule across the page drifts by 3 px at most
_POOL = 4
_SAMPLE = 200_000


def _score(ys: npt.NDArray[np.float64], xs: npt.NDArray[np.float64], angle: float) -> float:
    rows = np.round(ys - xs * math.tan(math.radians(angle))).astype(np.int64)
    counts = np.bincount(rows - rows.min())
    return float(np.dot(counts, counts))


def _best(ys: npt.NDArray[np.float64], xs: npt.NDArray[np.float64], angles: list[float]) -> float:
    scores = [_score(ys, xs, a) for a in angles]
    return angles[int(np.argmax(scores))]


def estimate_skew(dark: Mask) -> float:
    """The slope (degrees) of the page's horizontal lines in image coordinates, y down:
    ``y = y0 + x·tan(angle)``, negative when they rise to the right. 0.0 without ink."""
    height, width = dark.shape
    h, w = height // _POOL * _POOL, width // _POOL * _POOL
    if h == 0 or w == 0:
        return 0.0
    pooled = dark[:h, :w].reshape(h // _POOL, _POOL, w // _POOL, _POOL).any(axis=(1, 3))
    ys, xs = (v.astype(np.float64) for v in np.nonzero(pooled))
    if len(ys) < 100:
        return 0.0
    coarse = _best(ys, xs - xs.mean(), [a / 10 for a in range(-30, 31)])
    ys, xs = (v.astype(np.float64) for v in np.nonzero(dark))
    if len(ys) > _SAMPLE:
        pick = np.random.default_rng(0).choice(len(ys), _SAMPLE, replace=False)
        ys, xs = ys[pick], xs[pick]
    fine = [coarse + a / 100 for a in range(-15, 16)]
    return _best(ys, xs - xs.mean(), fine)


def straighten(gray: Gray, dark: Mask) -> tuple[Gray, float]:
    """The page turned straight (white fills the corners) and the angle it was turned by."""
    angle = estimate_skew(dark)
    if abs(angle) < _MIN_SKEW_DEGREES or abs(angle) > MAX_SKEW_DEGREES:
        return gray, 0.0
    image = Image.fromarray(gray).rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255
    )
    return np.asarray(image, dtype=np.uint8).copy(), angle
