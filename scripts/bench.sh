#!/usr/bin/env bash
# Sets up and runs the search benchmark: tsunagu beside SQLite FTS5 (trigram) and Groonga
# (Debian's groonga-bin, installed here), on N synthetic rows, plus the judged-set hit rates.
#   bash scripts/bench.sh                      # 100,000 rows, 500 queries
#   bash scripts/bench.sh --rows 10000         # any `tsunagu bench search` option
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh groonga-bin
cargo build --release -p tsunagu-cli --locked --quiet
exec ./target/release/tsunagu bench search "$@"
