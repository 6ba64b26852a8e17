#!/usr/bin/env bash
# Installs what building the desktop app needs: WebKitGTK (Debian), the UI's npm packages and the
# UI build. With --test also what the end-to-end suite needs: Xvfb, WebKitWebDriver and tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=(libwebkit2gtk-4.1-dev)
if [ "${1:-}" = "--test" ]; then
  # minisign signs the e2e suite's dataset; pdftotext (poppler-utils) reads its saved PDFs back
  pkgs+=(xvfb webkit2gtk-driver xauth minisign poppler-utils)
fi
bash scripts/setup.sh "${pkgs[@]}"
if [ "${1:-}" = "--test" ] && ! command -v tauri-driver >/dev/null; then
  cargo install tauri-driver --version "^2" --locked --quiet
fi
# package-lock.json pins every package; `npm ci` installs exactly those, from the npm registry.
npm ci --prefix ui --no-audit --no-fund --loglevel=error
npm --prefix ui run build --silent
