"""Plain text: decoding, and the layouts of text exported from Word and from PDF."""

from jixiao.readers.text.decode import decode_text as decode_text
from jixiao.readers.text.reader import read_text_layout as read_text_layout
