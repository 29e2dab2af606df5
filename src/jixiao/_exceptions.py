"""Errors jixiao raises when something cannot be done at all; the whole tree:

    JixiaoError                         base; http 400, exit 1
    ├── ReadError                       the input could not be read
    │   ├── FileTooLargeError           over the size limit, refused before reading
    │   ├── UnsupportedFormatError      bytes are not a format jixiao reads (or needs an extra)
    │   └── DecodeError                 text whose encoding cannot be determined
    ├── NotAPerformanceDocumentError    readable, but holds no 绩效目标表
    ├── InvalidInput                    what was sent (form, JSON, argument) cannot be used; 400
    │   └── PeopleError                 a user or unit cannot be added or changed as asked
    ├── Forbidden                       the signed-in user may not do this; 403
    ├── StatusConflict                  the document's status does not allow this now; 409
    ├── ConfigError                     the review configuration cannot be used; exit 2
    ├── CorpusError                     the corpus directory cannot be used
    ├── LibraryError                    the indicator library file cannot be used
    ├── SchemeError                     a monitoring or scoring scheme cannot be used
    ├── ActualsError                    a filled monitoring/self-evaluation workbook does not fit
    └── StoreError                      the database cannot do what was asked
        ├── ConflictError               changed by someone else since it was read; 409
        └── NotFoundError               no such row; 404

Each class carries ``http_status`` (what the workbench answers) and ``exit_code`` (what the CLI
exits with); one handler in each (``jixiao.web.app``, ``jixiao.cli.errors``) uses them. The
classes outside this module live with their subsystem (``PeopleError``: workbench.people,
``ConfigError``: review.config, ``CorpusError``: corpus.dataset, ``LibraryError``:
library.model, ``SchemeError`` and ``ActualsError``: lifecycle, ``StoreError`` and below:
store.errors); ``tests/test_exceptions.py`` checks
that this tree and ``docs/errors.md`` match the classes.

Every error names the file (``source``), says what is wrong (``message``) and what to do
(``hint``), in Chinese; ``str(error)`` is all three for a terminal, ``detail`` the first two
for a response that shows the hint on its own. Problems a reader can recover from are not
errors: they become ``Document.warnings``.
"""

from __future__ import annotations

import errno

__all__ = [
    "DecodeError",
    "FileTooLargeError",
    "Forbidden",
    "InvalidInput",
    "JixiaoError",
    "NotAPerformanceDocumentError",
    "ReadError",
    "StatusConflict",
    "UnsupportedFormatError",
    "os_reason",
]


class JixiaoError(Exception):
    """Base class: something could not be done; the message is for users."""

    http_status: int = 400
    """The workbench's answer (400: the request cannot be carried out as sent)."""
    exit_code: int = 1
    """The CLI's exit status (1: an input or output failed; 2 is for usage errors)."""

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None):
        self.message = message
        self.source = source
        self.hint = hint
        super().__init__(str(self))

    @property
    def detail(self) -> str:
        """The message with its source, without the hint (shown on its own)."""
        return f"{self.source}：{self.message}" if self.source else self.message

    def __str__(self) -> str:
        text = self.detail
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


class InvalidInput(JixiaoError):
    """What was sent (a form field, a JSON body, an argument) cannot be used as it is."""


class Forbidden(JixiaoError):
    """The signed-in user may not do this."""

    http_status = 403


class StatusConflict(JixiaoError):
    """The document's workflow status does not allow this step now (e.g. editing 已提交)."""

    http_status = 409


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
