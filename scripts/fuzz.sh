#!/usr/bin/env bash
# A time-bounded libFuzzer run over the YAML loader and the schema validator.
#   scripts/fuzz.sh [SECONDS]     (make fuzz SECONDS=60)
# Builds Fuzz/FuzzRecordChecker.swift with the library sources it needs, using
# `swiftc -sanitize=fuzzer,address`, then fuzzes from Fuzz/seeds into .build/fuzz-corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=.build/fuzz
mkdir -p "$out" .build/fuzz-corpus
kit=Sources/HandoffKit
sources=(
  "$kit"/YAML/*.swift "$kit"/Schema/*.swift
  "$kit"/Support/CalendarDate.swift "$kit"/Support/Suggestion.swift
  "$kit"/Record/RecordFile.swift "$kit"/Report/RuleID.swift
  "$kit"/Validation/RecordChecker.swift "$kit"/Validation/FileFinding.swift
  "$kit"/Output/JSONValue.swift
  Fuzz/FuzzRecordChecker.swift
)
swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
  -module-name HandoffFuzz -I Sources/CFYAML -lfyaml -lm \
  "${sources[@]}" -o "$out/fuzz-record-checker"
# Leak detection is off: the schemas are compiled once into a global and LeakSanitizer reports
# those few boxes at exit; per-input leaks would show as growing RSS, which -rss_limit_mb bounds.
ASAN_OPTIONS=detect_leaks=0 "$out/fuzz-record-checker" -max_total_time="$seconds" -max_len=8192 -timeout=10 -detect_leaks=0 \
  -rss_limit_mb=2048 -print_final_stats=1 .build/fuzz-corpus Fuzz/seeds
