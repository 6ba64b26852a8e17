#!/usr/bin/env bash
# Builds tsunagu for 64-bit Windows on this Linux machine, downloading nothing beyond the package
# registries (Debian's mingw-w64 toolchain and makensis; the Rust target from rustup):
#   target/windows/tsunagu-<version>-setup.exe     per-user installer (no administrator rights)
#   target/windows/tsunagu-<version>-portable.zip  for PCs where installing is not allowed
# Both hold the desktop app (tsunagu-desktop.exe), the CLI (tsunagu.exe), the bundled dataset
# (inside the programs, and its CSV and sources beside them), the fonts' licence and a Japanese
# README. `--cli` builds only tsunagu.exe (what scripts/windows-test.sh needs).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=x86_64-pc-windows-gnu
OUT=target/windows
bash scripts/setup.sh gcc-mingw-w64-x86-64 nsis zip imagemagick
rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
BIN="target/$TARGET/dist"

if [ "${1:-}" = "--cli" ]; then
  cargo build --profile dist --target "$TARGET" -p tsunagu-cli --locked
  ls -l "$BIN/tsunagu.exe"
  exit 0
fi

# The desktop app embeds the built UI, and Windows programs carry an .ico.
npm ci --prefix ui --no-audit --no-fund --loglevel=error
npm --prefix ui run build --silent
[ -f src-tauri/icons/icon.ico ] ||
  convert src-tauri/icons/icon.png -define icon:auto-resize=256,64,48,32,16 src-tauri/icons/icon.ico
cargo build --profile dist --target "$TARGET" -p tsunagu-cli -p tsunagu-desktop --locked

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
STAGE="$OUT/tsunagu-$VERSION"
rm -rf "$STAGE" && mkdir -p "$STAGE/licenses" "$STAGE/data"
cp "$BIN/tsunagu-desktop.exe" "$BIN/tsunagu.exe" "$STAGE/"
# webview2-com links the WebView2 loader dynamically under the GNU toolchain; it must sit beside
# the exe. It only finds the runtime Windows already has; it downloads nothing.
loader=$(find "target/$TARGET/dist/build" -path '*x64/WebView2Loader.dll' | head -1)
imports=$(x86_64-w64-mingw32-objdump -p "$BIN/tsunagu-desktop.exe")
if grep -qi 'DLL Name: WebView2Loader.dll' <<<"$imports"; then
  [ -n "$loader" ] || { echo "WebView2Loader.dll not found in the build" >&2; exit 1; }
  cp "$loader" "$STAGE/"
fi
cp src-tauri/icons/icon.ico "$STAGE/tsunagu.ico"
cp data/resources.csv data/dataset.json data/SOURCES.md data/SCHEMA.md "$STAGE/data/"
cp assets/fonts/OFL.txt "$STAGE/licenses/NotoSansJP-OFL.txt"
cp assets/licenses/IPADIC.txt assets/licenses/Sudachi-synonyms-Apache-2.0.txt "$STAGE/licenses/"
printf '%s\r\n' "tsunagu: MIT OR Apache-2.0 (the program)." \
  "Noto Sans JP: SIL Open Font License 1.1 (NotoSansJP-OFL.txt), embedded in referral sheets." \
  "The dataset: compiled from the public pages cited in each record (data/SOURCES.md)." \
  "Search dictionaries: from IPADIC (IPADIC.txt, NAIST/ICOT terms) and Sudachi's synonym dictionary" \
  "(Sudachi-synonyms-Apache-2.0.txt, WAP Tokushima Laboratory of AI and NLP), inside the programs." \
  > "$STAGE/licenses/README.txt"
# Windows tools expect CRLF in text files.
sed 's/$/\r/' scripts/windows/README-windows.txt > "$STAGE/README.txt"

makensis -V2 -DVERSION="$VERSION" -DSTAGE="$(realpath "$STAGE")" \
  -DOUTFILE="$(realpath "$OUT")/tsunagu-$VERSION-setup.exe" scripts/windows/tsunagu.nsi
(cd "$OUT" && rm -f "tsunagu-$VERSION-portable.zip" && zip -qr -9 "tsunagu-$VERSION-portable.zip" "tsunagu-$VERSION")

ls -l "$BIN/tsunagu.exe" "$BIN/tsunagu-desktop.exe" "$OUT/tsunagu-$VERSION-setup.exe" \
  "$OUT/tsunagu-$VERSION-portable.zip"
