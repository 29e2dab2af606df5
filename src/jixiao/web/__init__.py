"""The workbench: a FastAPI web application over the store (pages in Chinese, htmx, JSON API)."""

from jixiao.web.app import create_app as create_app

__all__ = ["create_app"]
