"""The API documentation (Swagger UI at ``/api/docs``, ReDoc at ``/api/redoc``) from files
served by the workbench itself: an intranet has no CDN, and FastAPI's own pages load both
from one. The assets come from the ``fastapi-offline`` package (its ``static`` folder); the
pages are ours, so their set-up script is a static file and the CSP needs no exception for
inline scripts."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

__all__ = ["docs_assets", "router"]

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · jixiao 绩效目标工作台</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
{head}
</head>
<body>
{body}
</body>
</html>
"""


def docs_assets() -> Path:
    """The folder holding ``swagger-ui-bundle.js``, ``swagger-ui.css`` and
    ``redoc.standalone.js``."""
    spec = find_spec("fastapi_offline")
    if spec is None or spec.origin is None:  # a dependency: only a broken install lacks it
        raise RuntimeError("fastapi-offline is not installed")
    return Path(spec.origin).parent / "static"


@router.get("/api/docs")
def swagger() -> HTMLResponse:
    return HTMLResponse(
        _PAGE.format(
            title="接口文档",
            head='<link rel="stylesheet" href="/static/docs/swagger-ui.css">',
            body='<div id="swagger-ui"></div>\n'
            '<script src="/static/docs/swagger-ui-bundle.js"></script>\n'
            '<script src="/static/api-docs.js"></script>',
        )
    )


@router.get("/api/redoc")
def redoc() -> HTMLResponse:
    return HTMLResponse(
        _PAGE.format(
            title="接口文档（ReDoc）",
            head="",
            body='<redoc spec-url="/openapi.json"></redoc>\n'
            '<script src="/static/docs/redoc.standalone.js"></script>',
        )
    )
