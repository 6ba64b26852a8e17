#!/usr/bin/env bash
# Sets up and runs the tsunagu CLI on the bundled Osaka dataset.
#   bash scripts/run.sh                 # search for 家族
#   bash scripts/run.sh search ダルク    # any tsunagu command
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release -p tsunagu-cli --locked --quiet
if [ $# -eq 0 ]; then set -- search 家族; fi
exec ./target/release/tsunagu "$@"
