#!/usr/bin/env bash
# The desktop app's end-to-end suite: the real binary in a real WebKitGTK window under Xvfb,
# driven through tauri-driver. Screenshots of the main states land in docs/screenshots/.
#   TSUNAGU_E2E_BENCH=1 bash scripts/e2e.sh   # also the start/keystroke benchmark (slow)
set -euo pipefail
cd "$(dirname "$0")/.."
# scripts/test.sh has done the set-up already when it calls this.
[ "${TSUNAGU_SETUP_DONE:-}" = 1 ] || bash scripts/desktop-setup.sh --test
# The same targets and features as the test build in scripts/test.sh, so nothing is built twice.
cargo build --workspace --all-targets --locked --quiet
xvfb-run -a -s "-screen 0 1280x800x24" npm --prefix ui run e2e --silent
