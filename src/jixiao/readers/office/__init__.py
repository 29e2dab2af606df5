"""DOC, WPS and ET: OLE2 files told apart by their streams, converted by LibreOffice."""

from jixiao.readers.office.convert import convert_with_libreoffice as convert_with_libreoffice
from jixiao.readers.office.convert import ole_kind as ole_kind
