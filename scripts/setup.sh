#!/usr/bin/env bash
# Installs what building and testing tsunagu needs on a fresh Debian 12 machine with Rust.
# Idempotent: packages already present are skipped. Runs apt only when something is missing.
set -euo pipefail

need_apt=()
# Callers name the Debian packages they need (the test script asks for poppler-utils, the
# benchmark for groonga-bin); the CLI itself needs nothing beyond Rust.
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

command -v cargo >/dev/null || { echo "Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

# The PDF font (Noto Sans JP), fetched once from the npm registry and checked by SHA-256.
bash "$(dirname "$0")/fonts.sh"
