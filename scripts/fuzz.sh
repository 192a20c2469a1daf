#!/usr/bin/env bash
# Time-bounded libFuzzer runs over every parser of untrusted input.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      (make fuzz SECONDS=60; default: every target)
# Builds Fuzz/FuzzTargets.swift with the whole library, using `swiftc -sanitize=fuzzer,address`,
# then fuzzes each target for SECONDS from Fuzz/seeds-TARGET into .build/fuzz-corpus/TARGET.
# Crashes are written to .build/fuzz-crashes/TARGET; keep each as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(record settings raw-tree index csv editor merge plain-yaml)
out=.build/fuzz
mkdir -p "$out"
binary="$out/handoff-fuzz"
sources=(Sources/HandoffKit/*/*.swift Sources/HandoffKit/*/*/*.swift Fuzz/FuzzTargets.swift)
# No pipe here: under pipefail a reader closing early would end the script silently.
if [ ! -x "$binary" ] || [ -n "$(find "${sources[@]}" -newer "$binary" -print -quit)" ]; then
  echo "building $binary (a few minutes on 2 cores)"
  rm -f "$binary"
  # The library imports CSV.swift: it is built first as a module of its own, from the checkout
  # the package manager made.
  [ -d .build/checkouts/CSV.swift ] || swift package resolve >/dev/null
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name CSV -emit-module \
    -emit-module-path "$out/CSV.swiftmodule" -emit-library -static -o "$out/libCSV.a" \
    .build/checkouts/CSV.swift/Sources/CSV/*.swift 2>&1 | grep -v "warning" || true
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name HandoffFuzz \
    -I Sources/CFYAML -I Sources/CLibGit2 -I Sources/CZlib -I "$out" -L "$out" -lCSV -lfyaml -lgit2 -lz -lcrypto -lm "${sources[@]}" -o "$binary" 2>&1 |
    grep -v "Cannot export local symbol" || true
  [ -x "$binary" ] || { echo "the fuzz build failed" >&2; exit 1; }
fi
for target in "${targets[@]}"; do
  corpus=.build/fuzz-corpus/$target
  crashes=.build/fuzz-crashes/$target
  mkdir -p "$corpus" "$crashes" "Fuzz/seeds-$target"
  echo "== $target: $seconds s"
  # Leak detection is off: the schemas are compiled once into a global and LeakSanitizer reports
  # those few boxes at exit; per-input leaks would show as growing RSS, which -rss_limit_mb bounds.
  log=$out/$target.log
  set +e
  HANDOFF_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 "$binary" -max_total_time="$seconds" \
    -max_len=8192 -timeout=10 -detect_leaks=0 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$corpus" "Fuzz/seeds-$target" >"$log" 2>&1
  status=$?
  set -e
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|cov: " "$log" | tail -4
  if [ $status -ne 0 ]; then
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -5
    echo "fuzz target $target failed (exit $status); the input is in $crashes/" >&2
    exit 1
  fi
done
