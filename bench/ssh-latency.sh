#!/usr/bin/env bash
# How fast a live check over SSH fails: from one server error appended to the remote log to
# `weblog verify --host ... --follow 60s --rule 'status=5xx max=0'` having exited with 1 (target: under 1 s).
# Starts its own sshd (as root, on a free port of 127.0.0.1, with keys generated for the run) and stops it at the end.
#
# Each trial starts weblog, waits until it says on standard error that it is following (that is the "connect" time:
# JVM start, SSH connect and login, looking at the log), appends one 5xx line with a single write, and takes the time
# from just before that write to the process's exit; its exit code must be 1. Percentiles are nearest-rank, so with
# fewer than 100 trials p99 is the slowest trial. Afterwards no remote process may be left reading the log.
#
#   bench/ssh-latency.sh                 # 30 trials
#   TRIALS=100 bench/ssh-latency.sh
#   SETTLE=0.5 bench/ssh-latency.sh      # append half a second after "following", not at once: weblog has then
#                                        # finished opening its remote tail, so only the streaming path is timed
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trials="${TRIALS:-30}"
settle="${SETTLE:-0}"
# shellcheck source=bench/lib/sshd.sh
. "$root/bench/lib/sshd.sh"
weblog_pid=""
cleanup() {
  if [ -n "$weblog_pid" ]; then
    kill "$weblog_pid" 2>/dev/null || true
    wait "$weblog_pid" 2>/dev/null || true
  fi
  sshd_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$root/weblog" --version >/dev/null 2>&1 || true   # builds the jar and its class-data archive outside the timing
sshd_start 127.0.0.1
host=127.0.0.1
log="$ssh_work/access.log"
"$root/weblog" generate --lines 1000 --out "$log" >/dev/null 2>&1
rule='status=5xx max=0'

now() { date +%s%N; }
# Nearest-rank percentile $1 of the numbers (ns) on standard input, in ms.
percentile() { sort -n | awk -v p="$1" '{a[NR]=$1} END {r=int((p*NR+99)/100); if (r<1) r=1; printf "%.0f", a[r]/1e6}'; }
stats() {   # p50 p90 p99 min max of the arguments, in ms
  local values
  values="$(printf '%s\n' "$@")"
  printf '%6s %6s %6s %6s %6s' "$(percentile 50 <<<"$values")" "$(percentile 90 <<<"$values")" \
    "$(percentile 99 <<<"$values")" "$(percentile 0 <<<"$values")" "$(percentile 100 <<<"$values")"
}

# weblog's standard error goes through a FIFO to this, which stamps each line with the time it arrived: the violation
# line says when weblog saw the error, apart from its shutting down.
stamp() {
  local line
  while IFS= read -r line; do
    printf '%s %s\n' "${EPOCHREALTIME/./}000" "$line"
  done
}
mkfifo "$ssh_work/stderr"

latencies=()
detections=()
connects=()
codes=()
wrong=0
for ((i = 1; i <= trials; i++)); do
  err="$ssh_work/trial-$i.err"
  : >"$err"
  stamp <"$ssh_work/stderr" >"$err" &
  stamp_pid=$!
  start=$(now)
  "$root/weblog" verify --host "$ssh_user@$host:$ssh_port" --log "$log" --identity "$ssh_key" --known-hosts "$ssh_kh" \
    --format combined --follow 60s --rule "$rule" >/dev/null 2>"$ssh_work/stderr" &
  weblog_pid=$!
  deadline=$((start + 30 * 1000000000))
  until grep -q 'following until' "$err"; do
    if ! kill -0 "$weblog_pid" 2>/dev/null; then
      status=0; wait "$weblog_pid" || status=$?; weblog_pid=""
      sshd_fail "weblog ended with $status before following: $(cat "$err")"
    fi
    [ "$(now)" -lt "$deadline" ] || sshd_fail "weblog was not following after 30 s: $(cat "$err")"
    sleep 0.005
  done
  following=$(now)
  sleep "$settle"
  line="127.0.0.1 - - [$(LC_ALL=C date '+%d/%b/%Y:%H:%M:%S %z')] \"GET /bench/latency/$i HTTP/1.1\" 503 0 \"-\" \"weblog-bench\""
  appended=$(now)
  printf '%s\n' "$line" >>"$log"   # one write(2) of one whole line
  status=0
  wait "$weblog_pid" || status=$?
  ended=$(now)
  weblog_pid=""
  wait "$stamp_pid" || true
  reported=$(awk '/failed at/ {print $1; exit}' "$err")
  [ -n "$reported" ] || reported=$ended
  connects+=($((following - start)))
  latencies+=($((ended - appended)))
  detections+=($((reported - appended)))
  codes+=("$status")
  if [ "$status" != 1 ]; then
    wrong=$((wrong + 1))
    echo "trial $i: exit $status, expected 1: $(tail -n 3 "$err")" >&2
  fi
  printf 'trial %2d: connect %5d ms, error to violation reported %4d ms, to exit %4d ms, exit %s\n' "$i" \
    $(((following - start) / 1000000)) $(((reported - appended) / 1000000)) $(((ended - appended) / 1000000)) "$status"
done

sleep 1   # the remote side is given a moment to go; nothing may still be reading the log after that
leftovers=$(remote_leftovers "$log")

p50=$(printf '%s\n' "${latencies[@]}" | percentile 50)
p99=$(printf '%s\n' "${latencies[@]}" | percentile 99)
echo
echo "weblog verify --host $ssh_user@$host:$ssh_port --follow 60s --rule '$rule' (OpenSSH sshd on loopback)"
echo "$trials trials, the error appended ${settle} s after \"following\"; $(machine_load)"
echo "times in ms; nearest-rank percentiles (p99 of fewer than 100 trials is the slowest)"
echo
printf '%-48s %6s %6s %6s %6s %6s\n' "" p50 p90 p99 min max
printf '%-48s %s\n' "error appended -> weblog exited (target < 1000)" "$(stats "${latencies[@]}")"
printf '%-48s %s\n' "  of which: -> violation reported on stderr" "$(stats "${detections[@]}")"
printf '%-48s %s\n' "connect: start -> following" "$(stats "${connects[@]}")"
echo
echo "exit codes: $(printf '%s\n' "${codes[@]}" | sort | uniq -c | awk '{printf "%s%s x %s", (NR > 1 ? ", " : ""), $1, $2}')" \
  "(expected: all 1)"
echo "remote processes left reading the log 1 s after the last trial: $leftovers (expected 0)"
if [ "$p99" -ge 1000 ] || [ "$p50" -ge 1000 ]; then
  echo "target missed: p50 $p50 ms, p99 $p99 ms (target < 1000 ms)"
else
  echo "target met: p50 $p50 ms, p99 $p99 ms < 1000 ms"
fi
if [ "$wrong" -gt 0 ] || [ "$leftovers" -gt 0 ]; then
  echo "unexpected: $wrong trial(s) did not exit with 1; $leftovers remote process(es) left over"
fi
