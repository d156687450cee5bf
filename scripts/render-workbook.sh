#!/usr/bin/env bash
# A visual check of the band highlighting: converts a workbook's sheets to PNG with LibreOffice
# headless (Debian: apt-get install -y libreoffice-calc-nogui). Not part of CI.
#
#   scripts/render-workbook.sh examples/leads.scored.xlsx [out-dir]
set -euo pipefail
in=${1:?usage: scripts/render-workbook.sh <workbook.xlsx> [out-dir]}
out=${2:-$(dirname "$in")}
command -v soffice >/dev/null 2>&1 || { echo "soffice not found: apt-get install -y --no-install-recommends libreoffice-calc-nogui" >&2; exit 1; }
mkdir -p "$out"
# A profile of its own, so a running LibreOffice (or another run) does not block this one.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation=file://"$profile" --headless --convert-to png --outdir "$out" "$in" >/dev/null
echo "$out/$(basename "${in%.*}").png"
