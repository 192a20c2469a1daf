#!/usr/bin/env bash
# `make dist`: handoff-VERSION-linux-ARCH.tar.gz with the release binary (the Swift runtime
# linked in statically: it needs only libgit2 and libfyaml from the system), the man page,
# completions, schemas, README and LICENSE, and its SHA-256 beside it, in .build/dist.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=.build/release/handoff
version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/HandoffKit/Support/HandoffVersion.swift)
arch=$(uname -m)
name=handoff-$version-linux-$arch
if ldd "$binary" | grep -q libswift; then
  echo "error: $binary links the Swift runtime dynamically; build it with make release" >&2
  exit 1
fi
bash scripts/share.sh "$binary"
stage=.build/dist/$name
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/share"
install -m 755 "$binary" "$stage/bin/handoff"
strip "$stage/bin/handoff" 2>/dev/null || true
cp -R .build/share/. "$stage/share/"
cp LICENSE README.md "$stage/"
tar -C .build/dist -czf ".build/dist/$name.tar.gz" "$name"
(cd .build/dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo ".build/dist/$name.tar.gz"
cat ".build/dist/$name.tar.gz.sha256"
