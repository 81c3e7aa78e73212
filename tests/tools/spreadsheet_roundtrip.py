"""Do claimsift's CSV files open right in a spreadsheet? (issue 6 acceptance)

    python tests/tools/spreadsheet_roundtrip.py     # runs claimsift on input/ with the shipped models

Needs LibreOffice (`soffice`, e.g. Debian's libreoffice-calc-nogui) and
openpyxl. Writes the output twice, plain and with `--excel` (byte order
mark), converts every CSV to .xlsx with LibreOffice headless with the
import settings below, reads the workbooks back and compares every cell with the CSV as Python's csv module reads it: same
rows, same columns, same text (numbers compared as numbers). Prints one line per file
and exits 1 on any difference. Not part of `make test` (it needs openpyxl);
`tests/trust.rs` checks the formula guard with LibreOffice in CI.

The import settings are the ones the README tells users to pick: UTF-8 and
"detect special numbers" off. With that option on (LibreOffice's default,
and what Excel always does), cells such as "Nov. 10" in numbers.csv's text
column turn into dates: a spreadsheet's conversion that no CSV can prevent.
"""
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
FILES = ["claims.csv", "entities.csv", "numbers.csv", "manifest.csv"]
# comma, double quote, UTF-8, from row 1, no column formats, default language,
# quoted fields not forced to text, detect special numbers off
CSV_IMPORT = "CSV:44,34,76,1,,0,false,false"


def same(csv_value: str, cell) -> bool:
    if cell is None:
        return csv_value == ""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        try:
            return float(csv_value) == float(cell)
        except ValueError:
            return False
    return str(cell) == csv_value


def check(csv_path: Path, xlsx_path: Path) -> list[str]:
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    sheet = openpyxl.load_workbook(xlsx_path, read_only=True).active
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    problems = []
    if len(cells) != len(rows):
        problems.append(f"{len(rows)} CSV rows, {len(cells)} sheet rows")
    for k, (row, got) in enumerate(zip(rows, cells), start=1):
        got = got + [None] * (len(row) - len(got))
        if any(v is not None for v in got[len(row):]):
            problems.append(f"row {k}: {len(got)} columns, CSV has {len(row)}")
        for c, value in enumerate(row):
            if not same(value, got[c]):
                problems.append(f"row {k} column {rows[0][c]!r}: CSV {value!r}, sheet {got[c]!r}")
    non_ascii = sum(1 for row in rows for v in row if any(ord(ch) > 127 for ch in v))
    return problems, len(rows), len(rows[0]), non_ascii


def convert(directory: Path, files, out: Path):
    cmd = ["soffice", "--headless", f"--infilter={CSV_IMPORT}", "--convert-to", "xlsx", "--outdir", str(out)]
    subprocess.run(cmd + [str(directory / f) for f in files], check=True, capture_output=True)


def main():
    binary = ROOT / "target" / "release" / "claimsift"
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        variants = []
        for name, extra in [("plain", []), ("excel", ["--excel"])]:
            out = tmp / name
            subprocess.run([str(binary), "run", str(ROOT / "input"), "-o", str(out), "--quiet", *extra], check=True)
            convert(out, FILES, tmp / f"{name}-xlsx")
            variants.append((name, out, tmp / f"{name}-xlsx"))
        for name, out, xlsx in variants:
            for f in FILES:
                problems, rows, columns, non_ascii = check(out / f, xlsx / f.replace(".csv", ".xlsx"))
                status = "ok" if not problems else f"{len(problems)} differences, first: {problems[0]}"
                print(f"{name:5} {f:13} {rows:5} rows x {columns:2} columns, {non_ascii:4} cells with non-ASCII text: {status}")
                failed |= bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
