#!/usr/bin/env bash
# Builds the sample handoff repository from examples/sample into a fresh folder, with a short
# history, so the quick start has something real to validate. The folder is rebuilt only when a
# previous run of this script made it (it carries .git/handoff-sample); anything else is refused.
set -euo pipefail
out=${1:?usage: scripts/sample-repo.sh OUT_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -e "$out" ]; then
  if [ -f "$out/.git/handoff-sample" ]; then
    rm -rf "$out"
  else
    echo "error: $out exists and was not made by this script; choose another folder" >&2
    exit 2
  fi
fi
mkdir -p "$out"
cp -R "$here/examples/sample/." "$out/"
cd "$out"
git init -q -b main .
touch .git/handoff-sample
export GIT_AUTHOR_NAME="Jane Doe" GIT_AUTHOR_EMAIL="jane.doe@vendor.example"
export GIT_COMMITTER_NAME="Jane Doe" GIT_COMMITTER_EMAIL="jane.doe@vendor.example"
commit() { GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git commit -q -m "$2"; }
git add .handoff.yaml accounts/maple-county-schools accounts/riverside-college accounts/lincoln-usd
commit "2026-08-14T10:00:00Z" "Lincoln USD and Riverside closed; Maple County in prospecting"
git add accounts/summit-charter accounts/Pine_Valley
commit "2026-08-20T10:00:00Z" "Summit Charter onboarding; Pine Valley prospect"
git add accounts/harbor-academy
commit "2026-08-28T10:00:00Z" "Harbor Academy in negotiation"
echo "sample repository ready in $out ($(git rev-list --count HEAD) commits)"
