#!/usr/bin/env bash
# Sets up and starts the desktop app on the bundled Osaka dataset (needs a graphical session; on a
# headless machine run it under xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/desktop-setup.sh
cargo build -p tsunagu-desktop --locked --quiet
exec ./target/debug/tsunagu-desktop "$@"
