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


def render_html_body(
    diff: DocumentDiff, *, old_label: str = "上年", new_label: str = "本年", flags: bool = True
) -> Markup:
    """The comparison's sections (summary, projects, changes, flags) as safe markup; two
    versions of one document are labelled 修改前/修改后 and have no year-over-year flags."""
    return Markup(
        _ENV.get_template("diff_body.html").render(
            diff=diff, old_label=old_label, new_label=new_label, flags=flags
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
