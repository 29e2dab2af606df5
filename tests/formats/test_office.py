"""Legacy DOC/WPS files go through LibreOffice headless; here a real .doc is made by LibreOffice
from our DOCX rendering and read back into the same model."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jixiao import ReadError, UnsupportedFormatError, read_bytes, read_path
from jixiao.readers.office import convert as office
from jixiao.render.compare import comparable
from jixiao.render.docx import render_docx
from tests.conftest import SEEDS


def _soffice() -> str:
    command = office.soffice_path()
    assert command, (
        "LibreOffice is required for these tests: apt-get install libreoffice-writer-nogui"
    )
    return command


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("office")
    source = folder / "seed.docx"
    source.write_bytes(render_docx(read_path(SEEDS["000"])))
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
         "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return SEEDS["000"], folder / "seed.doc"


def test_doc_reads_like_the_original(doc_file: tuple[Path, Path]) -> None:
    seed, doc_path = doc_file
    data = doc_path.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    assert office.ole_kind(data, source="seed.doc") == "doc"
    doc = read_bytes(data, name="seed.doc")
    assert doc.source.format == "doc"
    assert comparable(doc) == comparable(read_path(seed))


def test_wps_named_file_is_detected_by_its_bytes(doc_file: tuple[Path, Path]) -> None:
    # Kingsoft .wps files are DOC-based; the name does not matter, the bytes do.
    _, doc_path = doc_file
    doc = read_bytes(doc_path.read_bytes(), name="部门绩效.wps")
    assert len(doc.projects) == 8


def test_without_libreoffice_the_message_says_how_to_enable_it(
    doc_file: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(UnsupportedFormatError) as info:
        read_bytes(doc_file[1].read_bytes(), name="x.doc")
    assert "LibreOffice" in str(info.value) and "apt-get install" in str(info.value)


def test_damaged_ole_file_is_a_read_error() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), name="broken.doc")
    assert "broken.doc" in str(info.value)
