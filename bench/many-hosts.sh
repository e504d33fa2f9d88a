#!/usr/bin/env bash
# Many hosts checked at once: one `weblog verify` with 50 --host options (--parallel 50) following the same log on
# each for a window (default 10 s), against an OpenSSH sshd of its own on 127.0.0.2 ... 127.0.0.51 (as root, one
# free port, keys generated for the run, a known_hosts entry for every address; four sshd processes in fact, as one
# listens on at most 16 addresses). A writer appends a healthy hit to the log ten times a second, so every host's
# window holds hits and the check passes (exit 0). Every host runs its remote commands (a `ls` a second to notice
# rotation, besides tail) on this one machine, so a login shell that is slow to start shows here 50 times over:
# see SSH_BASHRC in lib/sshd.sh.
#
# Measured per run: wall time of the whole process (target: window + 5 s), its maximum resident set size
# (/usr/bin/time %M; target < 512 MB), when the last live host was following (from weblog's standard error, stamped
# as each line arrives), the exit code, and how many remote processes were left reading the log afterwards.
#
# Variants:
#   all-up   50 live hosts                                                        exit 0
#   refused  49 live hosts and one address with nothing listening (127.0.0.52)   exit 3, the others not delayed
#   silent   49 live hosts and one that accepts TCP but never speaks SSH         exit 3 (needs python3; skipped
#            (a listener that never accepts, like a hung server or a firewall    without it); by default weblog
#            that lets SYNs through): --connect-timeout decides when it gives up  waits --connect-timeout (15 s)
#   silent-ct5s  the same with --connect-timeout 5s                             exit 3
#
#   bench/many-hosts.sh                  # 50 hosts, --follow 10s, 3 runs of each variant
#   HOSTS=100 WINDOW=20 RUNS=1 bench/many-hosts.sh
#   VARIANTS="all-up refused" bench/many-hosts.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${HOSTS:-50}"
window="${WINDOW:-10}"
runs="${RUNS:-3}"
variants="${VARIANTS:-all-up refused silent silent-ct5s}"
[ -x /usr/bin/time ] || { echo "needs GNU time as /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [ "$count" -lt 2 ] || [ "$count" -gt 250 ]; then
  echo "HOSTS must be 2..250 (127.0.0.2 ... 127.0.0.<HOSTS+1>)" >&2
  exit 2
fi
# shellcheck source=bench/lib/sshd.sh
. "$root/bench/lib/sshd.sh"
writer_pid=""
silent_pid=""
cleanup() {
  local pid
  for pid in "$writer_pid" "$silent_pid"; do
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  sshd_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$root/weblog" --version >/dev/null 2>&1 || true   # builds the jar and its class-data archive outside the timing
addresses=()
for ((n = 2; n <= count + 1; n++)); do
  addresses+=("127.0.0.$n")
done
spare="127.0.0.$((count + 2))"   # the dead host's address: nothing of this sshd listens there
sshd_start "${addresses[@]}"
log="$ssh_work/access.log"
"$root/weblog" generate --lines 1000 --out "$log" >/dev/null 2>&1
rule='status=5xx max=0'

now() { date +%s%N; }
ms() { echo $(($1 / 1000000)); }
stamp() {   # each line of standard input with the time it arrived (ns)
  local line
  while IFS= read -r line; do
    printf '%s %s\n' "${EPOCHREALTIME/./}000" "$line"
  done
}
mkfifo "$ssh_work/stderr"

# Appends a healthy hit to the log ten times a second, each with one write.
start_writer() {
  (
    i=0
    while :; do
      i=$((i + 1))
      printf '127.0.0.1 - - [%s] "GET /bench/many-hosts/%d HTTP/1.1" 200 512 "-" "weblog-bench"\n' \
        "$(LC_ALL=C date '+%d/%b/%Y:%H:%M:%S %z')" "$i" >>"$log"
      sleep 0.1
    done
  ) &
  writer_pid=$!
}
stop_writer() {
  kill "$writer_pid" 2>/dev/null || true
  wait "$writer_pid" 2>/dev/null || true
  writer_pid=""
}

# A host that accepts connections (the kernel completes the handshake into the backlog) and never says anything.
start_silent() {
  local port
  port="$(sshd_free_port)"
  python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(64); print("ready", flush=True); time.sleep(3600)' \
    "$spare" "$port" >"$ssh_work/silent.out" 2>&1 &
  silent_pid=$!
  for _ in $(seq 100); do
    grep -q ready "$ssh_work/silent.out" 2>/dev/null && break
    kill -0 "$silent_pid" 2>/dev/null || sshd_fail "the silent listener did not start: $(cat "$ssh_work/silent.out")"
    sleep 0.05
  done
  silent_port="$port"
}

# One run of variant $1; appends a row to the result table.
rows=()
run() {
  local variant="$1" hosts=() a status wall rss err json following_last sources outcomes leftovers expected
  for a in "${addresses[@]}"; do
    hosts+=(--host "$ssh_user@$a:$ssh_port")
  done
  expected=0
  case "$variant" in
    all-up) ;;
    refused)
      hosts[${#hosts[@]} - 1]="$ssh_user@$spare:$ssh_port"
      expected=3
      ;;
    silent)
      hosts[${#hosts[@]} - 1]="$ssh_user@$spare:$silent_port"
      expected=3
      ;;
    silent-ct5s)
      hosts[${#hosts[@]} - 1]="$ssh_user@$spare:$silent_port"
      hosts+=(--connect-timeout 5s)
      expected=3
      ;;
    *) sshd_fail "unknown variant $variant (all-up, refused, silent, silent-ct5s)" ;;
  esac
  err="$ssh_work/$variant.err"
  json="$ssh_work/$variant.json"
  rm -f "$json"
  stamp <"$ssh_work/stderr" >"$err" &
  local stamp_pid=$!
  start_writer
  local start end
  start=$(now)
  status=0
  /usr/bin/time -f '%e %M' -o "$ssh_work/time.out" \
    "$root/weblog" verify "${hosts[@]}" --log "$log" --identity "$ssh_key" --known-hosts "$ssh_kh" \
    --format combined --follow "${window}s" --parallel "$count" --rule "$rule" --report-json "$json" \
    >/dev/null 2>"$ssh_work/stderr" || status=$?
  end=$(now)
  stop_writer
  wait "$stamp_pid" || true
  [ -f "$json" ] || sshd_fail "weblog wrote no report (exit $status): $(tail -n 5 "$err")"
  wall=$(ms $((end - start)))
  rss=$(awk 'END {printf "%.0f", $2 / 1024}' "$ssh_work/time.out")
  following_last=$(awk -v s="$start" '/following until/ {t = $1} END {if (t) printf "%.1f", (t - s) / 1e9; else print "-"}' "$err")
  sources=$(grep -c 'following until' "$err" || true)
  # per-source outcomes: the first "outcome" in the report is the whole check's, the others are the sources'
  outcomes=$(grep -o '"outcome": "[A-Z]*"' "$json" | tail -n +2 | sort | uniq -c \
    | awk '{gsub(/"/, "", $3); printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $3}')
  sleep 1
  leftovers=$(remote_leftovers "$log")
  local verdict="ok"
  if [ "$wall" -gt $(((window + 5) * 1000)) ]; then verdict="target missed (wall)"; fi
  if [ "$rss" -ge 512 ]; then verdict="target missed (RSS)"; fi
  if [ "$status" != "$expected" ]; then verdict="unexpected exit (want $expected)"; fi
  rows+=("$(printf '%-11s %7.1f s %6s s %7s MB %4s %9s  %-26s %5s  %s' "$variant" "$(awk -v w="$wall" 'BEGIN {print w / 1000}')" \
    "$following_last" "$rss" "$status" "$sources/${#addresses[@]}" "$outcomes" "$leftovers" "$verdict")")
  echo "${rows[${#rows[@]} - 1]}"
  # what the dead host's source said, and whether it was tried again meanwhile
  grep -o '"error": "[^"]*"' "$json" | sort | uniq -c | sed 's/^ */         /' || true
  grep -c 'reconnecting' "$err" | awk '$1 > 0 {print "         " $1 " reconnect attempt(s) reported"}' || true
}

machine_load
echo "$count hosts (127.0.0.2 ... 127.0.0.$((count + 1)), port $ssh_port), --follow ${window}s, --parallel $count," \
  "--rule '$rule'"
for variant in $variants; do
  if [ "${variant#silent}" != "$variant" ] && [ -z "$silent_pid" ]; then
    if ! command -v python3 >/dev/null; then
      echo "$variant: skipped (needs python3 for a listener that never answers)"
      continue
    fi
    start_silent
  fi
  for ((r = 0; r < runs; r++)); do
    run "$variant"
  done
done

echo
echo "$count hosts, one weblog process, --follow ${window}s; targets: wall <= $((window + 5)) s, max RSS < 512 MB"
printf '%-11s %9s %8s %10s %4s %9s  %-26s %5s  %s\n' variant wall following RSS exit following "source outcomes" \
  left "result"
printf '%-11s %9s %8s %10s %4s %9s  %-26s %5s\n' "" "" "(last)" "(max)" "" "(sources)" "" "(ps)"
printf '%s\n' "${rows[@]}"
echo
machine_load
echo "wall: start to exit of the whole process; following (last): when the last live host said it was following,"
echo "from the start; left: remote processes still reading the log 1 s after the check (expected 0)."
