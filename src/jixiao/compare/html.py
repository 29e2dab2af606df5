"""The diff as HTML: a self-contained page (``jixiao diff -f html``) and the same body as a
fragment for the workbench page. Jinja2 autoescaping is on (document text is never markup)."""

from __future__ import annotations

from datetime import datetime

import jinja2
from markupsafe import Markup

from jixiao import __version__
from jixiao.compare.result import DocumentDiff
from jixiao.compare.terminal import budget_text, document_label

__all__ = ["render_html", "render_html_body"]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("jixiao.compare", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["budget"] = budget_text
    env.filters["doc_label"] = document_label
    return env


_ENV = _environment()


def render_html_body(diff: DocumentDiff, *, versions: bool = False) -> Markup:
    """The comparison's sections (summary, projects, changes, flags) as safe markup.

    ``versions``: two versions of one document, labelled 修改前/修改后, without the two
    documents' names (the same) or the year-over-year flags."""
    labels = ("修改前", "修改后") if versions else ("上年", "本年")
    return Markup(
        _ENV.get_template("diff_body.html").render(
            diff=diff, old_label=labels[0], new_label=labels[1], flags=not versions
        )
    )


def render_html(diff: DocumentDiff) -> str:
    """A complete page with inline CSS, no external assets."""
    return _ENV.get_template("diff.html").render(
        diff=diff,
        body=render_html_body(diff),
        version=__version__,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
    )
