#!/usr/bin/env bash
# Sets up and runs every test: formatting, lints, unit, integration and property tests of the
# core, the UI's unit tests, and the desktop app end to end in a real window.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh poppler-utils  # pdftotext, pdffonts, pdfinfo read the generated PDFs back
bash scripts/desktop-setup.sh --test # WebKitGTK, Xvfb, tauri-driver; builds ui/dist
cargo fmt --all -- --check

# Clippy lints the workspace's own crates while they are built for the tests: clippy-driver is a
# rustc that runs the lints and then compiles as usual, exactly what `cargo clippy --workspace
# --all-targets -- -D warnings` checks. Dependencies are then compiled once, not once in check mode
# for clippy and again for the tests (that was a third of a clean CI run). `--all-targets` here and
# in scripts/e2e.sh resolves the same features, so the tests and the app binaries share every
# artifact.
export RUSTC_WORKSPACE_WRAPPER
RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver)"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
cargo build --workspace --all-targets --locked
cargo test --workspace --locked

# The UI's types are generated from the Rust ones by the run above; a stale copy fails here.
if [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  git status --short -- ui/src/bindings >&2
  echo "ui/src/bindings is out of date: commit what 'cargo test' generated" >&2
  exit 1
fi
npm --prefix ui test --silent
TSUNAGU_SETUP_DONE=1 bash scripts/e2e.sh
