"""One ``jixiao review`` run over its files: review (or fix, then review) each file, write the
per-file reports (html, xlsx, fixed JSON), then the combined text or JSON, and end with the
exit status (1 a file failed, 3 an error-level finding, 4 a jixiao defect)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from jixiao._exceptions import JixiaoError, os_reason
from jixiao.cli._common import Failures, stdout_console
from jixiao.cli.errors import EXIT_FAILED, EXIT_FINDINGS, error, say
from jixiao.cli.progress import note, track
from jixiao.cli.review import describe_edit, fix_and_review, output_target, write_bytes
from jixiao.model import Document
from jixiao.review import review
from jixiao.review.config import ReviewConfig
from jixiao.review.output import render_html, render_json, render_text, write_xlsx
from jixiao.review.report import Report

__all__ = ["ReviewRun"]

FILE_WIDTH = 120
"""Line width of a text report written to a file with -o."""


class ReviewRun:
    """The files of one run, reviewed one by one; failures are reported as they happen."""

    def __init__(
        self, config: ReviewConfig, fmt: str, output: Path | None, *, fix: bool, several: bool
    ) -> None:
        self.config, self.fmt, self.output = config, fmt, output
        self.fix, self.several = fix, several
        self.failures = Failures()
        self.results: list[tuple[Path, Document, Report]] = []
        self.used_names: set[str] = set()

    def review_all(self, paths: list[Path]) -> None:
        json_out = self.fmt == "json" and self.output is None  # no bar beside machine output
        for path, doc in self.failures.read_each(track(paths, "正在审核", enabled=not json_out)):
            try:
                doc, report = self._fix(path, doc) if self.fix else (doc, review(doc, self.config))
            except OSError as exc:
                self.failures.cannot_write(doc, self.output, exc)
                continue
            except JixiaoError as err:
                self.failures.error(str(err))
                continue
            except Exception as exc:
                self.failures.internal_error(path, exc)
                continue
            per_file = self.fmt in ("html", "xlsx") and self.output is not None
            if per_file and not self._write_report(path, doc, report):
                continue
            self.results.append((path, doc, report))

    def _fix(self, path: Path, doc: Document) -> tuple[Document, Report]:
        assert self.output is not None  # check_usage: --fix needs -o
        result = fix_and_review(doc, self.config)
        for edit in result.applied:
            say(f"已修正 {describe_edit(doc, edit)}", "green")
        target = output_target(self.output, path, ".json", self.used_names, self.several)
        write_bytes(target, (result.document.to_json() + "\n").encode("utf-8"))
        count = f"共修正 {len(result.applied)} 处" if result.applied else "没有可以自动修正的问题"
        say(f"{doc.source.name}：{count}，修正后的文档已写入 {target}")
        return result.document, result.report

    def _write_report(self, path: Path, doc: Document, report: Report) -> bool:
        assert self.output is not None
        target = output_target(self.output, path, f".{self.fmt}", self.used_names, self.several)
        try:
            if self.fmt == "html":
                page = render_html(doc, report, grading=self.config.grading)
                write_bytes(target, page.encode("utf-8"))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_xlsx(doc, report, target)
        except OSError as exc:
            self.failures.cannot_write(doc, target, exc)
            return False
        note(f"已写入 {target}（{len(report.findings)} 条审核意见）")
        return True

    def write_combined(self) -> None:
        """The text or JSON of all files together: on stdout, or in the -o file."""
        if self.fmt not in ("text", "json") or not self.results:
            return
        output = None if self.fix else self.output
        try:
            if self.fmt == "json":
                pairs = [(str(path), report) for path, _, report in self.results]
                text = render_json(pairs, single=not self.several) + "\n"
                if output is not None:
                    write_bytes(output, text.encode("utf-8"))
                else:
                    sys.stdout.write(text)
                    sys.stdout.flush()
            elif output is not None:
                output.parent.mkdir(parents=True, exist_ok=True)
                with output.open("w", encoding="utf-8") as handle:
                    console = Console(
                        file=handle, width=FILE_WIDTH, color_system=None, highlight=False
                    )
                    render_text([(doc, report) for _, doc, report in self.results], console)
            else:
                render_text([(doc, report) for _, doc, report in self.results], stdout_console())
        except OSError as exc:
            error(f"无法写入 {self.output}（{os_reason(exc)}）")
            raise typer.Exit(EXIT_FAILED) from None
        if output is not None:
            say(f"已写入 {output}")

    def finish(self, inputs: int) -> None:
        self.failures.finish(inputs, "未能审核")
        if self.failures.failed:
            raise typer.Exit(EXIT_FAILED)
        if any(report.has_errors for _, _, report in self.results):
            raise typer.Exit(EXIT_FINDINGS)
