"""Stable codes of ``Document.warnings``, with what each means (Chinese, as users read it).

Codes are part of the published JSON: a code never changes meaning, new codes are only added.
Every code a reader or the assembler emits must be here (``tests/test_warning_codes.py`` scans
the sources for them), and ``docs/document-model.md`` shows this table (the same test renders
it and fails when the page differs). To add a code: add it here with its meaning, then run
``python -m jixiao.model.warning_codes`` and paste the table into the page.
"""

from __future__ import annotations

__all__ = ["WARNING_CODES", "warning_table"]

WARNING_CODES: dict[str, str] = {
    # assembling projects from the tables
    "project_incomplete": "项目表不完整（文件被截断或缺少部分），该项目未读取或只读取了一部分",
    "columns_unrecognised": "指标表的栏目未能识别，相应内容已原样保留为附加信息",
    "indicator_header_missing": "指标表缺少表头，栏目是按内容推断的，请核对",
    "amount_unreadable": "金额不是数字，已留空",
    "weight_unreadable": "指标权重（分值）不是数字，已留空",
    "lifecycle_cell_unreadable": "自评表、监控表中的一格未能按栏目读出，已留空",
    "lifecycle_budget_mismatch": "自评表、监控表中各资金来源的金额之和与总额不一致，已按原表保留",
    "spending_plan_unreadable": "资金支出计划未能按月份读出，已原样保留为附加信息",
    "spending_plan_ambiguous": "资金支出计划读到的数值少于月份数，已按靠后的月份对齐，请核对",
    "table_note": "指标表下方的备注说明不是绩效指标，未作为指标读取",
    "table_unrecognised": "有表格未能识别为绩效目标表的任何部分，未读入",
    "indicator_row_malformed": "指标表中有一行的单元格横跨一级至三级指标栏，不是指标行，未读取",
    # text, Word, web pages
    "cell_lines_ambiguous": "“每行一个单元格”的表格中单元格与栏目对不上，相关指标可能错位，请核对",
    "docx_alt_chunk": "Word 文档中嵌入了其他格式的内容（altChunk），这部分未能读取",
    "html_charset": "网页声明的字符编码与内容不符，已按推断的编码读取",
    "html_truncated": "网页文件不完整（缺少结尾部分），最后一个表格的内容可能缺失",
    "text_truncated": "文本文件在表格中途结束（最后一行没有换行），最后一个项目的内容可能不全",
    # PDF and scans
    "pdf_page_no_text": "PDF 页面没有文字层（多为扫描页），该页已跳过",
    "pdf_text_garbled": "PDF 页面的文字无法正确解码（字体缺少编码映射），读出的内容可能有误",
    "pdf_damaged": "PDF 文件部分损坏，相应页的内容可能缺失或错位",
    "ocr_used": "扫描页已用文字识别（OCR）读取，识别出的文字可能有误",
    # spreadsheets
    "sheet_hidden": "工作表已隐藏，未读取",
    "sheet_truncated": "工作表中有连续多行空行，其后的内容未读取",
    "sheet_too_wide": "工作表超出最大列数的内容未读取",
    "sheet_damaged": "工作表的内容已损坏，部分单元格可能缺失或错位",
    "sheet_unlisted": "工作簿中有工作表不在工作表目录中（文件可能已损坏），其内容未读取",
}


def warning_table() -> str:
    """The Markdown table of the codes (as ``docs/document-model.md`` shows it)."""
    rows = [f"| `{code}` | {meaning} |" for code, meaning in WARNING_CODES.items()]
    return "\n".join(["| code | 含义 |", "| --- | --- |", *rows]) + "\n"


if __name__ == "__main__":
    print(warning_table(), end="")
