#!/usr/bin/env bash
# Builds the desktop app's Debian package, offline: target/release/bundle/deb/tsunagu_*.deb.
# The package is named tsunagu (Debian package names are ASCII); its menu entry says つなぐ
# (src-tauri/tsunagu.desktop).
#   bash scripts/package.sh
#   sudo apt install ./target/release/bundle/deb/*.deb   # then start it as tsunagu-desktop
# Only the deb target: AppImage bundling downloads its tools and fails offline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/desktop-setup.sh
bash scripts/setup.sh dpkg-dev # dpkg-deb, used by the bundler
# The Tauri CLI does the bundling; installed once (about 7 minutes on 2 cores). It refuses to
# bundle when the npm package @tauri-apps/api and the tauri crate differ in minor version, so
# ui/package.json pins the same minor as the tauri in Cargo.lock: move both together.
command -v cargo-tauri >/dev/null || cargo install tauri-cli --version "^2" --locked --quiet
cargo tauri build --bundles deb
ls -l target/release/bundle/deb/tsunagu_*.deb
