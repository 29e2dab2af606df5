"""OCR memory is bounded: the recogniser runs in a child process per file, which ends with the
file (the ~400 MB of models and buffers go with it), and a blank page never starts one."""

from __future__ import annotations

import io
import json
import struct
import sys

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from jixiao._exceptions import ReadError
from jixiao.readers.ocr import worker
from jixiao.reading import read_bytes


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _page_with_text(text: str) -> Image.Image:
    """An A4 page at 141 dpi with one line of large print."""
    image = Image.new("L", (1654, 2339), 255)
    ImageDraw.Draw(image).text((200, 300), text, font=ImageFont.load_default(size=60), fill=0)
    return image


def test_blank_page_starts_no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(self: worker.OcrChild) -> object:
        raise AssertionError("an OCR child was started for a blank page")

    monkeypatch.setattr(worker.OcrChild, "_process", never)
    with pytest.raises(ReadError, match="没有识别出任何文字"):
        read_bytes(_png(Image.new("L", (800, 600), 255)), name="空白.png")


def test_a_child_that_dies_is_a_chinese_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "command", lambda: [sys.executable, "-c", "raise SystemExit(3)"])
    with pytest.raises(ReadError) as info:
        read_bytes(_png(_page_with_text("TOTAL 86.40")), name="扫描.png")
    assert "第 1 页文字识别失败" in str(info.value)
    assert "SystemExit" not in str(info.value) and "exit status" not in str(info.value)


@pytest.mark.slow
def test_recognition_runs_in_a_child_that_ends_with_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    children: list[worker.OcrChild] = []
    processes: list[object] = []
    original_init = worker.OcrChild.__init__
    original_process = worker.OcrChild._process

    def spy_init(self: worker.OcrChild) -> None:
        original_init(self)
        children.append(self)

    def spy_process(self: worker.OcrChild) -> object:
        proc = original_process(self)
        if proc not in processes:
            processes.append(proc)
        return proc

    monkeypatch.setattr(worker.OcrChild, "__init__", spy_init)
    monkeypatch.setattr(worker.OcrChild, "_process", spy_process)
    loaded_before = "onnxruntime" in sys.modules
    with worker.child_per_file():
        boxes = worker.recognise(np.asarray(_page_with_text("BUDGET 2024 TOTAL 86.40")))
    assert [b.text for b in boxes] == ["BUDGET 2024 TOTAL 86.40"]
    assert len(children) == 1 and children[0].started == 1 and len(processes) == 1
    assert processes[0].poll() is not None  # type: ignore[attr-defined]  # ended with the file
    if not loaded_before:  # the engine was never loaded in this process
        assert "onnxruntime" not in sys.modules


def test_child_answers_pages_until_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The protocol, without the engine: a page in, one JSON line out, EOF ends the loop."""
    from jixiao.readers.ocr import engine

    def fake(gray: np.ndarray) -> list[engine.TextBox]:
        return [engine.TextBox(f"{gray.shape[0]}x{gray.shape[1]}", 1, 2, 3, 4, 0.9)]

    monkeypatch.setattr(engine, "recognise", fake)
    page = np.full((3, 4), 255, dtype=np.uint8)
    request = struct.pack(">II", 3, 4) + page.tobytes()
    answers = io.BytesIO()
    worker.serve(io.BytesIO(request * 2), answers)
    lines = answers.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [[["3x4", 1, 2, 3, 4, 0.9]]] * 2


def test_child_cannot_connect(tmp_path: object) -> None:
    """The worker process refuses network connections (the engine must work offline)."""
    import subprocess

    code = (
        "import socket, jixiao.readers.ocr.worker as w; w._offline()\n"
        "try:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
        "except OSError as e:\n    print(e)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "not allowed in the OCR worker" in result.stdout
