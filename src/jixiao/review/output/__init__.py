"""Review reports for people and programs: terminal text, JSON, a printable HTML page and the
审核意见表 workbook. Every renderer takes the reviewed ``Document`` with its ``Report``."""

from jixiao.review.output.html import render_html as render_html
from jixiao.review.output.json_out import render_json as render_json
from jixiao.review.output.json_out import report_data as report_data
from jixiao.review.output.terminal import render_text as render_text
from jixiao.review.output.xlsx import write_xlsx as write_xlsx

__all__ = ["render_html", "render_json", "render_text", "report_data", "write_xlsx"]
