#!/usr/bin/env bash
# Writes what `make install` and `make dist` ship beside the binary into .build/share:
# the man page (generated from the command definitions by swift-argument-parser's
# generate-manual plugin), completion scripts for bash, zsh and fish (from the binary's
# --generate-completion-script) and the published schemas.
#   scripts/share.sh BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:?usage: scripts/share.sh BINARY}
out=.build/share
rm -rf "$out"
mkdir -p "$out/man/man1" "$out/bash-completion/completions" "$out/zsh/site-functions" \
  "$out/fish/vendor_completions.d" "$out/handoff/schema/draft-07"
# The plugin builds the command definitions in debug (the release build has other flags).
swift package plugin generate-manual --configuration debug >/dev/null
cp .build/plugins/GenerateManual/outputs/handoff/handoff.1 "$out/man/man1/handoff.1"
"$binary" --generate-completion-script bash > "$out/bash-completion/completions/handoff"
"$binary" --generate-completion-script zsh > "$out/zsh/site-functions/_handoff"
"$binary" --generate-completion-script fish > "$out/fish/vendor_completions.d/handoff.fish"
cp schema/*.json "$out/handoff/schema/"
cp schema/draft-07/*.json "$out/handoff/schema/draft-07/"
