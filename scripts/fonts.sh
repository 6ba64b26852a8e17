#!/usr/bin/env bash
# Fetches the PDF font, Noto Sans JP Regular and Bold (SIL OFL 1.1, assets/fonts/OFL.txt), from the
# npm registry package @expo-google-fonts/noto-sans-jp, pinned by version and SHA-256. The fonts
# (5 MB each) are not kept in the repository; the build embeds them from assets/fonts/.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=assets/fonts
declare -A want=(
  [NotoSansJP-Regular.ttf]="400Regular/NotoSansJP_400Regular.ttf d930d5d52d15231c283089760f84584272ad5e37e14607ba0d19c798e7a9caec"
  [NotoSansJP-Bold.ttf]="700Bold/NotoSansJP_700Bold.ttf c5b7b9d6a6eb682b0d4e6bbb38509575fd2759a28f147daa74714d1359a7909e"
)
ok() { [ -f "$dest/$1" ] && echo "$2  $dest/$1" | sha256sum --quiet -c - 2>/dev/null; }
missing=0
for name in "${!want[@]}"; do
  read -r _ sum <<<"${want[$name]}"
  ok "$name" "$sum" || missing=1
done
[ "$missing" = 0 ] && exit 0

command -v npm >/dev/null || { echo "npm is needed once to fetch the PDF font" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @expo-google-fonts/noto-sans-jp@0.4.3 >/dev/null && tar xzf expo-google-fonts-noto-sans-jp-0.4.3.tgz)
for name in "${!want[@]}"; do
  read -r src sum <<<"${want[$name]}"
  echo "$sum  $tmp/package/$src" | sha256sum --quiet -c - || { echo "checksum mismatch: $src" >&2; exit 1; }
  cp "$tmp/package/$src" "$dest/$name"
done
echo "fetched Noto Sans JP into $dest/"
