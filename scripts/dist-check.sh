#!/usr/bin/env bash
# `make dist-check`: proves the release tarball needs no Swift. A minimal Debian root is made
# with debootstrap (kept in .build/dist-root; only libgit2 and libfyaml added to minbase), the
# tarball is unpacked into it, and its binary validates the sample repository there. ldd must
# list no libswift, and the root must have no Swift anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
tarball=$(ls -t .build/dist/handoff-*-linux-*.tar.gz | head -1)
root=.build/dist-root
if [ ! -x "$root/usr/bin/apt-get" ] || [ ! -f "$root/.handoff-root" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
  rm -rf "$root"
  mkdir -p "$root"
  echo "making a minimal Debian root in $root (a few minutes, once)"
  debootstrap --variant=minbase --include=libgit2-1.5,libfyaml0 bookworm "$root" http://deb.debian.org/debian >/dev/null
  touch "$root/.handoff-root"
fi
if find "$root" -name 'libswiftCore*' -o -name swift -type f | grep -q .; then
  echo "error: the root has Swift in it; it proves nothing" >&2
  exit 1
fi
# The Swift runtime reads a program's arguments from /proc/self/cmdline.
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
rm -rf "$root/opt/handoff" "$root/sample"
mkdir -p "$root/opt/handoff"
tar -C "$root/opt/handoff" --strip-components=1 -xzf "$tarball"
bash scripts/sample-repo.sh .build/dist-sample >/dev/null
cp -R .build/dist-sample "$root/sample"
echo "ldd in the root:"
chroot "$root" /usr/bin/ldd /opt/handoff/bin/handoff | sed 's/^/  /'
if chroot "$root" /usr/bin/ldd /opt/handoff/bin/handoff | grep -qE 'libswift|not found'; then
  echo "error: the binary still needs libraries the root does not have" >&2
  exit 1
fi
set +e
chroot "$root" /opt/handoff/bin/handoff validate --repo /sample > .build/dist-check.out
status=$?
set -e
tail -1 .build/dist-check.out
chroot "$root" /opt/handoff/bin/handoff --version
# The sample repository has findings by design: exit 1 is the expected answer, 2 would be a failure.
[ $status -eq 1 ] || { echo "error: validate exited $status in the minimal root" >&2; exit 1; }
echo "dist-check: $(basename "$tarball") runs in a Debian root without Swift"
