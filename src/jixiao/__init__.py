"""jixiao (绩效): read, review, author, monitor, score and publish budget performance targets."""

from jixiao._exceptions import DecodeError as DecodeError
from jixiao._exceptions import FileTooLargeError as FileTooLargeError
from jixiao._exceptions import JixiaoError as JixiaoError
from jixiao._exceptions import NotAPerformanceDocumentError as NotAPerformanceDocumentError
from jixiao._exceptions import ReadError as ReadError
from jixiao._exceptions import UnsupportedFormatError as UnsupportedFormatError
from jixiao.model import Document as Document
from jixiao.reading import read_bytes as read_bytes
from jixiao.reading import read_path as read_path

__version__ = "0.1.0"

__all__ = [
    "DecodeError",
    "Document",
    "FileTooLargeError",
    "JixiaoError",
    "NotAPerformanceDocumentError",
    "ReadError",
    "UnsupportedFormatError",
    "__version__",
    "read_bytes",
    "read_path",
]
