"""Year-over-year comparison of two documents: projects matched (by code, else by name),
indicators matched within each project, and a field-level diff with flags such as
目标值低于上年. See ``docs/compare.md`` for the rules."""

from jixiao.compare.diff import DiffOptions as DiffOptions
from jixiao.compare.diff import compare_documents as compare_documents
from jixiao.compare.result import DocumentDiff as DocumentDiff

__all__ = ["DiffOptions", "DocumentDiff", "compare_documents"]
