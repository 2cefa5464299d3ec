#!/usr/bin/env python3
"""Reads a generated benchmark budget with openpyxl in read-only mode, the
way a Python script would import it, and sums the amount column, so its
time and peak memory can be compared with `helsebudsjett import budget`.

    /usr/bin/time -v python3 openpyxl_read.py FILE.xlsx
"""
import sys
from decimal import Decimal

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
ws = wb.worksheets[0]
ws.reset_dimensions()  # excelize's stream writer leaves the dimension to the reader
lines = 0
total = Decimal(0)
header = None
for row in ws.iter_rows(values_only=True):
    if header is None:
        header = row
        amount = len(row) - 1
        continue
    if row[amount] is None:
        continue
    total += Decimal(repr(row[amount]))
    lines += 1
print(f"{lines} lines, total {total:.2f}")
