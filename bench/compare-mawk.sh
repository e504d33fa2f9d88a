#!/usr/bin/env bash
# Whole-process speed of `weblog verify` against mawk answering the same question on the same log, side by side:
# "how many 404s were linked from somewhere?". Runs alternate so both see the same machine; medians are reported,
# and the two counts are compared so that speed is never bought with a wrong answer.
#
#   bench/compare-mawk.sh                 # 1,000,000 generated combined lines
#   LINES=5000000 RUNS=9 bench/compare-mawk.sh
#   FILE=/var/log/nginx/access.log bench/compare-mawk.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lines="${LINES:-1000000}"
runs="${RUNS:-7}"
file="${FILE:-$root/target/bench/access-$lines.log}"
command -v mawk >/dev/null || { echo "needs mawk (apt-get install mawk)" >&2; exit 2; }

if [ ! -f "$file" ]; then
  mkdir -p "$(dirname "$file")"
  "$root/weblog" generate --lines "$lines" --out "$file"
fi
"$root/weblog" --version >/dev/null 2>&1 || true   # builds the jar and its class-data archive outside the timing
"$root/weblog" --version >/dev/null 2>&1 || true
cat "$file" >/dev/null                              # page cache warm for both

rule='status=404 referrer!=- max=0'
awk_program='$3 ~ /^ 404 / && $4 != "-" {n++} END {print n+0}'

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m/1e9}'; }

weblog_times=()
mawk_times=()
for ((i = 0; i < runs; i++)); do
  start=$(now); "$root/weblog" verify --file "$file" --format combined --rule "$rule" --quiet || true; end=$(now)
  weblog_times+=($((end - start)))
  start=$(now); mawk -F'"' "$awk_program" "$file" >/dev/null; end=$(now)
  mawk_times+=($((end - start)))
done

json="$(mktemp)"
"$root/weblog" verify --file "$file" --format combined --rule "$rule" --quiet --report-json "$json" || true
weblog_count=$(grep -m1 -o '"count": [0-9]*' "$json" | grep -o '[0-9]*$')
rm -f "$json"
mawk_count=$(mawk -F'"' "$awk_program" "$file")

weblog_median=$(printf '%s\n' "${weblog_times[@]}" | median)
mawk_median=$(printf '%s\n' "${mawk_times[@]}" | median)
size=$(du -h "$file" | cut -f1)
echo "log:    $file ($(wc -l <"$file") lines, $size)"
echo "rule:   $rule"
echo "runs:   $runs each, alternating; medians of wall time"
printf 'weblog: %s s  (count %s)\n' "$weblog_median" "$weblog_count"
printf 'mawk:   %s s  (count %s)\n' "$mawk_median" "$mawk_count"
awk -v w="$weblog_median" -v m="$mawk_median" 'BEGIN {printf "ratio:  %.2fx mawk (target <= 1.5x)\n", w / m}'
if [ "$weblog_count" != "$mawk_count" ]; then
  echo "counts differ: mawk splits on every quote, so an escaped quote (\\\") before the referrer shifts its fields"
fi
