#!/usr/bin/env bash
# Sets up and runs every test: formatting, lints, unit, integration and property tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh poppler-utils  # pdftotext, pdffonts, pdfinfo read the generated PDFs back
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
