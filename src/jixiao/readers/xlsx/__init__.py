"""XLSX and XLS: values and merged ranges (python-calamine), streamed when sheets are huge."""

from jixiao.readers.xlsx.reader import read_spreadsheet as read_spreadsheet
