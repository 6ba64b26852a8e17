#!/usr/bin/env bash
# Fetches the PDF fonts from the npm registry, each pinned by package version and SHA-256 (all SIL
# OFL 1.1, assets/fonts/OFL.txt): Noto Sans JP Regular and Bold (every page), and for sheets in
# other languages Noto Sans Regular and Bold (English, Vietnamese), Noto Sans SC Regular
# (simplified Chinese) and Noto Sans KR Regular (Korean). The fonts (0.6–10 MB each) are not kept
# in the repository; the build embeds them from assets/fonts/ and typst subsets them into each PDF.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=assets/fonts
# name → "package version path-in-package sha256"
declare -A want=(
  [NotoSansJP-Regular.ttf]="@expo-google-fonts/noto-sans-jp 0.4.3 400Regular/NotoSansJP_400Regular.ttf d930d5d52d15231c283089760f84584272ad5e37e14607ba0d19c798e7a9caec"
  [NotoSansJP-Bold.ttf]="@expo-google-fonts/noto-sans-jp 0.4.3 700Bold/NotoSansJP_700Bold.ttf c5b7b9d6a6eb682b0d4e6bbb38509575fd2759a28f147daa74714d1359a7909e"
  [NotoSans-Regular.ttf]="@expo-google-fonts/noto-sans 0.4.2 400Regular/NotoSans_400Regular.ttf fe8c022f48d8dd29f17b744d16f9346f4357e16f7d4f7be58b000ae7c291b614"
  [NotoSans-Bold.ttf]="@expo-google-fonts/noto-sans 0.4.2 700Bold/NotoSans_700Bold.ttf 13a813c49624ae3ba3c5c6e72c5ebffc4b9e1e6ea32f421c04069b037c6ad431"
  [NotoSansSC-Regular.ttf]="@expo-google-fonts/noto-sans-sc 0.4.3 400Regular/NotoSansSC_400Regular.ttf d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16"
  [NotoSansKR-Regular.ttf]="@expo-google-fonts/noto-sans-kr 0.4.3 400Regular/NotoSansKR_400Regular.ttf 8cbc9b353bb9ce848fd69bb6a507319dfacc659cf5fd643db5d88f3c4970e1dd"
)
ok() { [ -f "$dest/$1" ] && echo "$2  $dest/$1" | sha256sum --quiet -c - 2>/dev/null; }
missing=()
for name in "${!want[@]}"; do
  read -r _ _ _ sum <<<"${want[$name]}"
  ok "$name" "$sum" || missing+=("$name")
done
[ ${#missing[@]} = 0 ] && exit 0

command -v npm >/dev/null || { echo "npm is needed once to fetch the PDF fonts" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in "${missing[@]}"; do
  read -r pkg version src sum <<<"${want[$name]}"
  dir="$tmp/$(echo "$pkg" | tr '/@' '__')-$version"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$pkg@$version" >/dev/null && tar xzf ./*.tgz)
  fi
  echo "$sum  $dir/package/$src" | sha256sum --quiet -c - || { echo "checksum mismatch: $pkg $src" >&2; exit 1; }
  cp "$dir/package/$src" "$dest/$name"
  echo "fetched $name into $dest/"
done
