#!/usr/bin/env bash
# The Windows suite: runs tsunagu.exe (cross-built by scripts/windows.sh) under Debian's Wine and
# checks what a counsellor's Windows PC needs — the bundled catalogue, Shift_JIS and UTF-16 files,
# editions with rollback, notes across editions, a referral sheet and a calendar written to a
# Japanese path with spaces, CSV that Excel opens, the catalogue in %LOCALAPPDATA%, and a failed
# import that changes nothing — then checks that the desktop exe imports only DLLs Windows 10 has
# (plus the WebView2 loader shipped beside it). Ends with "N passed, M failed".
#
# Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Rust's standard library calls at start:
# a stub (scripts/windows/prng-stub.c) is placed beside the exe in a scratch folder, for this test
# only. The desktop window itself cannot be shown here (Wine has no WebView2); it is tested on
# Linux by scripts/e2e.sh and must be tried on a real Windows PC.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh wine wine64 gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 poppler-utils >/dev/null
# Debian installs Wine's commands with a -stable suffix (and wine64 under /usr/lib/wine).
WINE=$(command -v wine-stable || command -v wine || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver-stable || command -v wineserver || echo /usr/lib/wine/wineserver)
TARGET=x86_64-pc-windows-gnu
EXE="target/$TARGET/dist/tsunagu.exe"
[ -f "$EXE" ] || bash scripts/windows.sh --cli || exit 1

WORK=$(mktemp -d)
trap '"$WINESERVER" -k >/dev/null 2>&1; rm -rf "$WORK"' EXIT
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Wine names the Windows user after $USER: a Japanese name with a space, as on an office PC
# (C:\users\山田 太郎\AppData\Local\…).
export USER="山田 太郎" LOGNAME="山田 太郎"
mkdir -p "$WORK/bin"
cp "$EXE" "$WORK/bin/"
x86_64-w64-mingw32-gcc -shared -O2 -o "$WORK/bin/bcryptprimitives.dll" \
  scripts/windows/prng-stub.c -ladvapi32
"$WINE" wineboot -i >/dev/null 2>&1

# A folder with a Japanese name and spaces, as Windows user folders have.
DIR="$WORK/ユーザー データ/つなぐ テスト"
mkdir -p "$DIR"
win() { "$WINE" winepath -w "$1" 2>/dev/null | tr -d '\r'; }
DB=$(win "$DIR/catalogue.sqlite3")
T() { "$WINE" "$WORK/bin/tsunagu.exe" --db "$DB" "$@"; }

passed=0
failed=0
check() { # name, then a command that must succeed
  local name=$1
  shift
  if "$@" >"$WORK/out.txt" 2>&1; then
    passed=$((passed + 1))
    echo "ok - $name"
  else
    failed=$((failed + 1))
    echo "FAIL - $name"
    sed 's/^/    /' "$WORK/out.txt" | head -20
  fi
}

t_search() { T search 家族 --json | python3 -c 'import json,sys; v=json.load(sys.stdin); assert v["total"] > 0, v'; }
t_sjis() { T validate "$(win "$PWD/tests/corpus/csv/bundled-sjis-crlf.csv")" | grep -q "Shift_JIS"; }
t_utf16() { T validate "$(win "$PWD/tests/corpus/csv/bundled-utf16.csv")" | grep -q "取り込めます"; }
t_failed_import() {
  T export -o "$(win "$DIR/before.csv")" &&
    printf 'ID,名称,種別\r\nx1,壊れた行,存在しない種別\r\n' >"$DIR/bad.csv" &&
    ! T import "$(win "$DIR/bad.csv")" &&
    T export -o "$(win "$DIR/after.csv")" &&
    cmp "$DIR/before.csv" "$DIR/after.csv"
}
# A whole edition imported as it is read (written and indexed row by row, the new index swapped in
# for the old one, which Windows refuses while a file in it is open), then searched.
# Its own catalogue: the file holds a few rows, and the checks after this one use the bundled ones.
t_import() {
  local own="$DIR/取り込み"
  mkdir -p "$own"
  local I=("$WINE" "$WORK/bin/tsunagu.exe" --db "$(win "$own/catalogue.sqlite3")")
  "${I[@]}" search 家族 >/dev/null &&
    "${I[@]}" import "$(win "$PWD/tests/corpus/csv/bundled-sjis-crlf.csv")" | grep -q "取り込みました" &&
    "${I[@]}" search 家族 --json | python3 -c 'import json,sys; v=json.load(sys.stdin); assert 0 < v["total"] < 10, v' &&
    [ -d "$own/catalogue.index" ] &&
    ! ls "$own" | grep -q "building\|old"
}
t_editions() {
  T note osaka-darc "火曜の午後は混む" &&
    python3 - "$DIR/before.csv" "$DIR/v2.csv" <<'PY' &&
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
out = [rows[0]] + [r for r in rows[1:] if r[0] != "osaka-darc"]
csv.writer(open(sys.argv[2], "w", encoding="utf-8-sig", newline=""), lineterminator="\r\n").writerows(out)
PY
    T update "$(win "$DIR/v2.csv")" --allow-unsigned &&
    ! T show osaka-darc >/dev/null 2>&1 &&
    T notes | grep -q "火曜の午後は混む" &&
    T rollback &&
    T show osaka-darc | grep -q "大阪ダルク" &&
    T notes | grep -q "火曜の午後は混む"
}
t_sheet() {
  T sheet osaka-darc -o "$(win "$DIR/紹介 シート.pdf")" &&
    pdftotext "$DIR/紹介 シート.pdf" - | grep -q "大阪ダルク"
}
t_ics() {
  T upcoming --from 2026-12-01 --days 60 --ics "$(win "$DIR/日程.ics")" &&
    grep -q "BEGIN:VCALENDAR" "$DIR/日程.ics" && grep -q $'\r$' "$DIR/日程.ics"
}
t_excel_csv() {
  T export -o "$(win "$DIR/一覧.csv")" &&
    head -c 3 "$DIR/一覧.csv" | od -An -tx1 | grep -q "ef bb bf" &&
    grep -q $'\r$' "$DIR/一覧.csv" &&
    T export --encoding sjis -o "$(win "$DIR/一覧-sjis.csv")" &&
    python3 -c 'import sys; t=open(sys.argv[1], encoding="cp932").read(); assert "大阪ダルク" in t' "$DIR/一覧-sjis.csv"
}
t_default_place() {
  "$WINE" "$WORK/bin/tsunagu.exe" search ダルク >/dev/null &&
    [ -f "$WINEPREFIX/drive_c/users/$USER/AppData/Local/tsunagu/tsunagu/data/catalogue.sqlite3" ]
}
t_referral() {
  T referral add --case K-2026-001 --to osaka-darc --follow-up 2026-12-10 --on 2026-12-01 &&
    T referral due --on 2026-12-11 | grep -q "K-2026-001" &&
    T referral erase --case K-2026-001
}

check "searches the bundled catalogue" t_search
check "validates a Shift_JIS file with CRLF" t_sjis
check "validates a UTF-16 file" t_utf16
check "a failed import leaves the catalogue as it was" t_failed_import
check "imports a Shift_JIS edition and searches it" t_import
check "update and rollback; a note survives both" t_editions
check "a referral sheet to a Japanese path with spaces" t_sheet
check "upcoming --ics to a Japanese path" t_ics
check "CSV for Excel: UTF-8 with BOM and CRLF, or Shift_JIS" t_excel_csv
check "the catalogue lives in %LOCALAPPDATA% of a user named 山田 太郎" t_default_place
check "the referral log" t_referral

# The installer: per user, no administrator; the uninstaller keeps the user's catalogue.
SETUP=$(ls target/windows/tsunagu-*-setup.exe 2>/dev/null | head -1)
t_installer() {
  local home="$WINEPREFIX/drive_c/users/$USER/AppData/Local"
  "$WINE" "$(win "$PWD/$SETUP")" /S || return 1
  ls -R "$home/Programs" 2>&1 | head -20
  [ -f "$home/Programs/tsunagu/tsunagu-desktop.exe" ] &&
    [ -f "$home/Programs/tsunagu/tsunagu.exe" ] &&
    [ -f "$home/Programs/tsunagu/uninstall.exe" ] &&
    [ -n "$(find "$WINEPREFIX/drive_c/users/$USER" -name 'つなぐ.lnk')" ] &&
    [ -f "$home/tsunagu/tsunagu/data/catalogue.sqlite3" ] &&
    "$WINE" "$(win "$home/Programs/tsunagu/uninstall.exe")" /S &&
    for _ in $(seq 30); do [ -f "$home/Programs/tsunagu/tsunagu-desktop.exe" ] || break; sleep 1; done &&
    [ ! -f "$home/Programs/tsunagu/tsunagu-desktop.exe" ] &&
    [ -f "$home/tsunagu/tsunagu/data/catalogue.sqlite3" ]
}
if [ -n "$SETUP" ]; then
  check "the installer installs per user and the uninstaller keeps the catalogue" t_installer
else
  echo "skip - the installer (build it with scripts/windows.sh)"
fi

# The desktop exe may import only what Windows 10 provides, and the WebView2 loader it ships.
APP="target/$TARGET/dist/tsunagu-desktop.exe"
t_imports() {
  local allowed='^(kernel32|user32|gdi32|advapi32|shell32|ole32|oleaut32|comctl32|comdlg32|bcrypt|bcryptprimitives|ntdll|ws2_32|crypt32|shlwapi|uxtheme|dwmapi|userenv|winmm|version|imm32|shcore|msvcrt|propsys|secur32|iphlpapi|dbghelp|powrprof|setupapi|winspool\.drv|rpcrt4|msimg32|opengl32|d2d1|d3d11|dxgi|dwrite|windowscodecs|uiautomationcore|webview2loader|api-ms-win-[a-z0-9-]+)\.dll$'
  local dlls
  dlls=$(x86_64-w64-mingw32-objdump -p "$APP" | sed -n 's/.*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u)
  echo "$dlls"
  ! echo "$dlls" | grep -Ev "$allowed" || return 1
  # A DLL Windows does not have must travel with the exe, in the installer and in the zip.
  if grep -qx 'webview2loader.dll' <<<"$dlls"; then
    [ -n "$(unzip -l target/windows/tsunagu-*-portable.zip | grep 'WebView2Loader.dll')" ]
  fi
}
if [ -f "$APP" ]; then
  check "the desktop exe imports only Windows 10 DLLs and WebView2Loader" t_imports
else
  echo "skip - the desktop exe (build it with scripts/windows.sh)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
