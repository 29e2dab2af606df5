"""Errors jixiao raises when an input cannot be processed at all.

    JixiaoError                    base; ``str()`` is the user-facing Chinese message
    ├── ReadError                  the input could not be read
    │   ├── FileTooLargeError      over the size limit, refused before reading
    │   ├── UnsupportedFormatError bytes are not a format jixiao reads (or needs an extra)
    │   └── DecodeError            text whose encoding cannot be determined
    └── NotAPerformanceDocumentError  readable, but holds no 绩效目标表

Every error names the file (``source``), says what is wrong and what to do, in Chinese,
because the CLI and the web app show ``str(error)`` to users as is. Problems a reader can
recover from are not errors: they become ``Document.warnings``.
"""

from __future__ import annotations

import errno

__all__ = [
    "DecodeError",
    "FileTooLargeError",
    "JixiaoError",
    "NotAPerformanceDocumentError",
    "ReadError",
    "UnsupportedFormatError",
    "os_reason",
]


class JixiaoError(Exception):
    """Base class: a document could not be processed; the message is for users."""

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None):
        self.message = message
        self.source = source
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.source}：{self.message}" if self.source else self.message
        if self.hint:
            text += f"\n处理建议：{self.hint}"
        return text


class ReadError(JixiaoError):
    """The input could not be read."""


class FileTooLargeError(ReadError):
    """The input is over the size limit and was refused before being read."""


class UnsupportedFormatError(ReadError):
    """The input's bytes are not a format jixiao can read."""


class DecodeError(ReadError):
    """A text input whose character encoding could not be determined."""


class NotAPerformanceDocumentError(JixiaoError):
    """The input was read but holds no 绩效目标表."""


_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOENT: "路径不存在",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EEXIST: "已有同名的文件",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的",
    errno.ELOOP: "符号链接循环",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "磁盘读写错误",
}


def os_reason(exc: OSError) -> str:
    """The operating system's reason in Chinese (its own text depends on the locale)."""
    return _OS_REASONS.get(exc.errno or -1, f"系统错误 {exc.errno}")
