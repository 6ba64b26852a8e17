#!/usr/bin/env python3
"""Sanity checks for data/resources.csv (and dataset.json). Exit 1 on any failure."""
import csv
import datetime
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
CSV = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA / "resources.csv"

SCHEMA_COLS = [
    "ID", "全国地方公共団体コード", "都道府県名", "市区町村名", "名称", "名称_カナ", "名称_通称", "種別",
    "運営主体", "説明", "対象者", "対象物質", "プログラム", "対象地域", "住所", "方書", "緯度", "経度",
    "電話番号", "FAX番号", "メールアドレス", "URL", "利用可能曜日", "開始時間", "終了時間",
    "利用可能日時特記事項", "予約", "料金", "匿名相談", "秘密保持", "居住要件", "最終確認日", "出典", "備考",
]
KINDS = {"相談窓口", "電話相談", "自助グループ", "家族会", "家族教室", "医療機関", "回復施設", "就労支援",
         "法律相談", "司法・更生保護", "その他"}
KANA_RE = re.compile(r"^[\u30A1-\u30FA\u30FC・ ]+$")
PHONE_RE = re.compile(r"^(#?\d[\d-]*\d|\d{3})$")
TIME_RE = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
URL_RE = re.compile(r"^https?://[^\s;]+$")
ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
DAYS = {"月", "火", "水", "木", "金", "土", "日", "祝", "平日"}

errors = []


def err(line, col, msg):
    errors.append(f"{CSV.name}:{line}: {col}: {msg}")


raw = CSV.read_bytes()
if raw.startswith(b"\xef\xbb\xbf"):
    err(1, "-", "BOM present")
if b"\r" in raw:
    err(1, "-", "CR found (want LF line endings)")
text = raw.decode("utf-8")
rows = list(csv.reader(text.splitlines(keepends=True)))
header = rows[0]
if header[:len(SCHEMA_COLS)] != SCHEMA_COLS or header[len(SCHEMA_COLS):] != ["信頼度"]:
    err(1, "header", f"unexpected header {header}")
seen = set()
today = datetime.date(2026, 11, 25)
for n, cells in enumerate(rows[1:], start=2):
    if len(cells) != len(header):
        err(n, "-", f"{len(cells)} cells, header has {len(header)}")
        continue
    r = dict(zip(header, cells))
    for k, v in r.items():
        if v != v.strip():
            err(n, k, "leading/trailing whitespace")
        if len(v) > 65536:
            err(n, k, "cell too long")
    if not ID_RE.match(r["ID"]):
        err(n, "ID", f"bad id {r['ID']!r}")
    if r["ID"] in seen:
        err(n, "ID", f"duplicate {r['ID']}")
    seen.add(r["ID"])
    for col in ("名称", "種別", "名称_カナ", "出典"):
        if not r[col]:
            err(n, col, "missing")
    if r["種別"] not in KINDS:
        err(n, "種別", f"not in closed list: {r['種別']}")
    if r["名称_カナ"] and not KANA_RE.match(r["名称_カナ"]):
        err(n, "名称_カナ", f"not katakana: {r['名称_カナ']}")
    for u in filter(None, r["出典"].split(";")):
        if not URL_RE.match(u):
            err(n, "出典", f"bad url {u!r}")
    if r["URL"] and not URL_RE.match(r["URL"]):
        err(n, "URL", f"bad url {r['URL']!r}")
    if r["最終確認日"]:
        try:
            d = datetime.date.fromisoformat(r["最終確認日"])
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["最終確認日"]):
                raise ValueError
            if d > today:
                err(n, "最終確認日", "in the future")
        except ValueError:
            err(n, "最終確認日", f"bad date {r['最終確認日']!r}")
    elif "出典の" not in r["備考"]:
        err(n, "備考", "最終確認日 empty but 備考 does not explain the source date")
    for p in filter(None, r["電話番号"].split(";")):
        if not PHONE_RE.match(p):
            err(n, "電話番号", f"bad phone {p!r}")
    if r["FAX番号"] and not PHONE_RE.match(r["FAX番号"]):
        err(n, "FAX番号", f"bad fax {r['FAX番号']!r}")
    for col in ("開始時間", "終了時間"):
        if r[col] and not TIME_RE.match(r[col]):
            err(n, col, f"bad time {r[col]!r}")
    if (r["開始時間"] or r["終了時間"] or r["利用可能曜日"]) and not r["利用可能日時特記事項"]:
        err(n, "利用可能日時特記事項", "structured schedule without the source wording")
    for d in filter(None, re.split(r"[;,、・]", r["利用可能曜日"])):
        if d not in DAYS:
            err(n, "利用可能曜日", f"unknown day {d!r}")
    if r["予約"] and not r["予約"].startswith(("要", "不要", "一部要")):
        err(n, "予約", f"bad {r['予約']!r}")
    if r["匿名相談"] and not r["匿名相談"].startswith(("可", "不可")):
        err(n, "匿名相談", f"bad {r['匿名相談']!r}")
    if bool(r["緯度"]) != bool(r["経度"]):
        err(n, "緯度/経度", "both or neither")
    for col in ("名称_通称", "対象者", "対象物質", "プログラム", "対象地域", "出典", "電話番号"):
        if re.search(r"\s;|;\s|;;|^;|;$", r[col]):
            err(n, col, "stray spaces/empty values around ';'")
    if not r["信頼度"]:
        err(n, "信頼度", "missing")

meta = json.loads((DATA / "dataset.json").read_text(encoding="utf-8")) if (DATA / "dataset.json").exists() else None
if meta is None:
    errors.append("dataset.json missing")
elif meta.get("file") != "resources.csv":
    errors.append("dataset.json: file must be resources.csv")

print(f"{len(rows) - 1} rows checked")
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
