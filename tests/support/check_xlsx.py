"""Opens a workbook of nianbao's with openpyxl — a reader that is not ours — and checks
it against the JSON of the same reports.

    python3 check_xlsx.py WORKBOOK.xlsx ROWS.json
        a batch (`nianbao summary --format xlsx`, tests/cli.rs; the page's 导出 Excel of
        a batch, www/e2e.mjs) against `summary --format json`'s rows: the 汇总 sheet,
        a sheet per readable report, and the sheet of the synthetic c000 web page;
    python3 check_xlsx.py --report WORKBOOK.xlsx REPORT.json
        one report (the page's 导出 Excel of c000.html.html) against its `check --json`:
        the sheet 统计表, and the sheet 问题清单 with its findings in order.

Exits non-zero with the differences."""
import json
import sys

try:
    import openpyxl
except ImportError:
    sys.exit("openpyxl is missing: run scripts/setup --test (pip install openpyxl)")

fail = []
single = sys.argv[1] == "--report"
book = openpyxl.load_workbook(sys.argv[2] if single else sys.argv[1])
data = json.load(open(sys.argv[3] if single else sys.argv[2], encoding="utf-8"))

if single:
    if book.sheetnames != ["统计表", "问题清单"]:
        fail.append(f"sheets: {book.sheetnames}")
    sheet = book["统计表"]
    listed = [r[1] for r in book["问题清单"].iter_rows(min_row=3, values_only=True)]
    want = [f["rule"] for f in data["findings"]]
    if listed != want:
        fail.append(f"findings: {listed} != {want}")
    rows = [data]
else:
    rows = data
    readable = [r for r in rows if not r.get("unreadable")]
    # The summary sheet, then a sheet per report that could be read.
    if book.sheetnames[0] != "汇总" or len(book.sheetnames) != len(readable) + 1:
        fail.append(f"sheets: {book.sheetnames}")
    summary = book["汇总"]
    head = [c.value for c in summary[1]]
    if head[:9] != ["文件", "机关", "年度", "格式", "落款日期", "是否逾期", "错误", "警告", "提示"]:
        fail.append(f"headings: {head}")
    for i, row in enumerate(rows, start=2):
        got = [summary.cell(i, c).value for c in range(1, 10)]
        want = [row["file"], row["agency"], row["year"], row["template"], row["published"]]
        if got[:5] != want or got[6:9] != [row["errors"], row["warnings"], row["infos"]]:
            fail.append(f"summary row {i}: {got} != {want} + counts")
    sheet = next(book[n] for n in book.sheetnames if n.startswith("c000"))

# The synthetic web page's tables: the template's layout, numbers, marked cells.


def merged(value):
    """The merged range whose top-left cell holds `value`, as (rows, columns)."""
    for r in sheet.merged_cells.ranges:
        if sheet.cell(r.min_row, r.min_col).value == value:
            return (r.max_row - r.min_row + 1, r.max_col - r.min_col + 1)
    return None


for value, shape in [("申请人情况", (1, 7)), ("法人或其他组织", (1, 5)), ("自然人", (2, 1)),
                     ("三、本年度办理结果", (22, 1)), ("行政诉讼", (1, 10))]:
    if merged(value) != shape:
        fail.append(f"{value}: merged {merged(value)}, want {shape}")
t4 = next(r for r in sheet.iter_rows(values_only=True) if r[:5] == (0, 4, 0, 3, 4))
if not all(isinstance(v, (int, float)) for v in t4[:15]):
    fail.append(f"table 4's values are not numbers: {t4}")
noted = [(c.coordinate, c.fill.fgColor.rgb, c.comment.text) for row in sheet.iter_rows() for c in row if c.comment]
if not any("表四“行政复议”" in text and rgb.endswith("FDE7E6") for _, rgb, text in noted):
    fail.append(f"no error-filled cell noted with table 4's finding: {noted}")
if not any("表二“行政规范性文件”" in text and rgb.endswith("FFF4D6") for _, rgb, text in noted):
    fail.append(f"no warning-filled cell noted with table 2's finding: {noted}")
findings_sheet = book["问题清单"] if single else sheet
findings = [r for r in findings_sheet.iter_rows(values_only=True) if r[1] == "t4-group-total"]
if len(findings) != 1 or findings[0][0] != "错误":
    fail.append(f"the findings (below the tables, or on their own sheet): {findings}")

if fail:
    sys.exit("\n".join(fail))
print(f"ok: {len(rows)} reports, {len(book.sheetnames)} sheets")
