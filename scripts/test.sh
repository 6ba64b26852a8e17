#!/usr/bin/env bash
# Sets up and runs every test: formatting, lints, unit, integration and property tests of the
# core, the UI's unit tests, and the desktop app end to end in a real window.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh poppler-utils  # pdftotext, pdffonts, pdfinfo read the generated PDFs back
bash scripts/desktop-setup.sh --test # WebKitGTK, Xvfb, tauri-driver; builds ui/dist
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
# The UI's types are generated from the Rust ones by the run above; a stale copy fails here.
if [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  git status --short -- ui/src/bindings >&2
  echo "ui/src/bindings is out of date: commit what 'cargo test' generated" >&2
  exit 1
fi
npm --prefix ui test --silent
TSUNAGU_SETUP_DONE=1 bash scripts/e2e.sh
