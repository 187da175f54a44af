#!/usr/bin/env bash
# The set-up figures of the README (a benchmark, not a test): a fresh clone of this repository's HEAD
# built by `./run.sh build` with an empty NuGet package folder and an empty HTTP cache (so every
# package is downloaded), under /usr/bin/time -v. Reports the wall time, the bytes downloaded (the
# .nupkg files the restore fetched), the package folder's size on disk, and what the build's bin/
# folders add to it, into bench/results/<UTC time>-setup.md. Everything else is written under SETUP_DIR.
#
#   bench/setup.sh
#
# Environment: SETUP_DIR=/tmp/w2v-setup (needs about 2 GB; emptied first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${SETUP_DIR:-/tmp/w2v-setup}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
command -v dotnet >/dev/null || { echo "setup: the .NET SDK (dotnet) is not installed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "setup: /usr/bin/time is missing (apt package 'time')" >&2; exit 1; }
rm -rf "$WORK"; mkdir -p "$WORK"

# The clone is of HEAD: uncommitted changes are not measured.
COMMIT=$(git rev-parse --short HEAD)
git clone -q "$ROOT" "$WORK/clone"
# Empty package folder and HTTP cache: every package is downloaded.
export NUGET_PACKAGES="$WORK/packages" NUGET_HTTP_CACHE_PATH="$WORK/http-cache" DOTNET_CLI_HOME="$WORK/home"
# No build server left from another build may serve this one: each step starts its own.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
log "./run.sh build in $WORK/clone (packages in $NUGET_PACKAGES)"
/usr/bin/time -v -o "$WORK/time.txt" "$WORK/clone/run.sh" build > "$WORK/build.txt" 2>&1 \
  || { tail -20 "$WORK/build.txt" >&2; echo "setup: the build failed (log: $WORK/build.txt)" >&2; exit 1; }

mb() { awk '{printf "%.0f", $1 / 1048576}'; }
downloaded=$(find "$NUGET_PACKAGES" -name '*.nupkg' -printf '%s\n' | awk '{s += $1} END {print s}' | mb)
packages=$(find "$NUGET_PACKAGES" -name '*.nupkg' | wc -l)
# bin/ holds hard links to the cache's libtorch where the file system allows: one du over both counts
# a linked file once, so what bin/ adds is that total less the package folder's.
unpacked_bytes=$(du -sb "$NUGET_PACKAGES" | cut -f1)
unpacked=$(echo "$unpacked_bytes" | mb)
both_bytes=$(du -scb "$NUGET_PACKAGES" "$WORK"/clone/src/*/bin "$WORK"/clone/tests/*/bin | tail -1 | cut -f1)
bins=$(echo $((both_bytes - unpacked_bytes)) | mb)
elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")

STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
OUT="$ROOT/bench/results/$STAMP-setup.md"
{
  echo "# Set-up from a fresh clone"
  echo
  echo "$STAMP, commit $COMMIT, $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), one run; written by \`bench/setup.sh\`."
  echo
  echo '```sh'
  echo "git clone REPO clone && NUGET_PACKAGES=EMPTY NUGET_HTTP_CACHE_PATH=EMPTY /usr/bin/time -v clone/run.sh build"
  echo '```'
  echo
  echo "| restore and build, wall | packages downloaded | downloaded | package folder on disk | bin/ folders beyond it |"
  echo "|---:|---:|---:|---:|---:|"
  echo "| $elapsed | $packages | $downloaded MB | $unpacked MB | $bins MB |"
  echo
  echo "The largest packages (MB downloaded):"
  echo
  find "$NUGET_PACKAGES" -name '*.nupkg' -printf '%s %f\n' | sort -rn | head -8 \
    | awk '{printf "- %s: %.0f MB\n", $2, $1 / 1048576}'
  echo
  echo "The download's speed is the network's here: the time is this machine's, not a fresh machine's anywhere."
} > "$OUT.part"
mv "$OUT.part" "$OUT"
log "wrote $OUT"
