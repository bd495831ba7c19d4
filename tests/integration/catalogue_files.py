"""Catalogue workbooks for tests and the benchmark."""

import io

import openpyxl

HEADERS = [
	"序号",
	"全宗号",
	"门类",
	"年度",
	"保管期限",
	"机构(问题)",
	"文号",
	"责任者",
	"题名",
	"日期",
	"密级",
	"页数",
	"载体",
	"开放状态",
	"备注",
]


def catalogue_row(fonds, unit, i, **overrides):
	row = {
		"序号": i,
		"全宗号": fonds,
		"门类": "WS",
		"年度": 2024,
		"保管期限": "永久",
		"机构(问题)": unit,
		"文号": f"办发〔2024〕{i}号",
		"责任者": "办公室",
		"题名": f"关于第{i}项工作的通知",
		"日期": "20240301",
		"密级": "内部",
		"页数": 2,
		"载体": "纸质",
		"开放状态": "控制",
		"备注": "",
	}
	row.update(overrides)
	return row


def workbook_bytes(rows, headers=HEADERS, write_only=True) -> bytes:
	wb = openpyxl.Workbook(write_only=write_only)
	ws = wb.create_sheet("归档文件目录") if write_only else wb.active
	ws.append(headers)
	for row in rows:
		ws.append([row.get(h) for h in headers] if isinstance(row, dict) else row)
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def catalogue_bytes(fonds, unit, n, start=1) -> bytes:
	return workbook_bytes(catalogue_row(fonds, unit, i) for i in range(start, start + n))
