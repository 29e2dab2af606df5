"""The OCR engine: RapidOCR on onnxruntime with the models inside its wheel, offline.

``jixiao[ocr]`` is optional, so nothing here is imported until a scanned page is met. The
detection and recognition models are given by path (the ones bundled in the ``rapidocr``
wheel): RapidOCR downloads a model only when no path is given, and the visualisation font it
fetches on first use (``FZYTK.TTF``) is never used, since results are never drawn. The
orientation classifier is off: scanned budget tables are upright, and it costs time.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["TextBox", "available", "engine", "installed", "recognise"]

_MIN_SCORE = 0.4  # RapidOCR's default 0.5 drops correct but unusual characters


@dataclass(frozen=True, slots=True)
class TextBox:
    """One line of text found on a page image, with its box in pixels."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


class _Missing(Exception):
    """rapidocr or onnxruntime cannot be imported, or the bundled models are missing."""


@functools.cache
def _load() -> Any:
    try:
        importlib.import_module("onnxruntime")  # first: a clearer failure than rapidocr's
        rapidocr = importlib.import_module("rapidocr")
    except Exception as exc:  # ImportError, or a native library that fails to load
        raise _Missing(f"{type(exc).__name__}: {exc}") from None
    models = Path(str(rapidocr.__file__)).parent / "models"
    det = sorted(models.glob("*det*.onnx"))
    rec = sorted(models.glob("*rec*.onnx"))
    if not det or not rec:
        raise _Missing(f"no bundled models in {models}")
    params = {
        "Global.log_level": "critical",
        "Global.use_cls": False,
        "Global.text_score": _MIN_SCORE,
        "Det.model_path": str(det[-1]),
        "Rec.model_path": str(rec[-1]),
    }
    try:
        return rapidocr.RapidOCR(params=params)
    except Exception as exc:  # a configuration this rapidocr version does not accept
        raise _Missing(f"{type(exc).__name__}: {exc}") from None


def installed() -> bool:
    """Whether ``jixiao[ocr]`` is installed with its models, found without loading anything:
    the engine itself loads in the OCR child (``ocr.worker``), never in the reading process."""
    for name in ("onnxruntime", "rapidocr"):
        if name in sys.modules and sys.modules[name] is None:  # blocked (tests)
            return False
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return False
        if spec is None:
            return False
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        return False
    models = Path(spec.origin).parent / "models"
    return any(models.glob("*det*.onnx")) and any(models.glob("*rec*.onnx"))


def available() -> bool:
    """Whether OCR can run here (``jixiao[ocr]`` installed and working)."""
    try:
        _load()
    except _Missing:
        _load.cache_clear()  # installed later in the same process: try again next time
        return False
    return True


def engine() -> Any:
    return _load()


def recognise(gray: npt.NDArray[np.uint8]) -> list[TextBox]:
    """Text lines of a grayscale page image, top to bottom."""
    result = engine()(gray)
    boxes = getattr(result, "boxes", None)
    texts = getattr(result, "txts", None)
    scores = getattr(result, "scores", None)
    if boxes is None or texts is None or scores is None:
        return []
    out = []
    for quad, text, score in zip(boxes, texts, scores, strict=True):
        points = np.asarray(quad, dtype=np.float64)
        x0, top = points.min(axis=0)
        x1, bottom = points.max(axis=0)
        if text.strip():
            out.append(TextBox(text, float(x0), float(top), float(x1), float(bottom), float(score)))
    out.sort(key=lambda b: (b.top, b.x0))
    return out
