"""Saved web pages: HTML and MHTML, tables with rowspan/colspan and the text around them."""

from jixiao.readers.html.reader import read_html as read_html
from jixiao.readers.html.reader import read_mhtml as read_mhtml
