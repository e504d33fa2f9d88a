#!/usr/bin/env bash
# Whole-process speed of `weblog verify --host` against `ssh host cat log | mawk` answering the same question about
# the same log read over SSH from an OpenSSH sshd on loopback: "how many 404s were linked from somewhere?".
# Starts its own sshd (as root, on a free port of 127.0.0.1, with a host key and a client key generated for the run)
# and stops it at the end. Runs alternate so all sides see the same machine; medians are reported, and the counts
# are compared so that speed is never bought with a wrong answer.
#
# Ciphers matter here: OpenSSH's ssh prefers chacha20-poly1305, weblog (MINA SSHD) prefers aes128-gcm, which is
# faster in Java. So ssh runs twice per round, with its default cipher and with `-c aes128-gcm@openssh.com`, and the
# cipher each side negotiated is shown (ssh -v for ssh; a one-connection `sshd -d` for weblog).
#
#   bench/ssh-compare.sh                 # 1,000,000 generated combined lines
#   LINES=5000000 RUNS=9 bench/ssh-compare.sh
#   FILE=/var/log/nginx/access.log bench/ssh-compare.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lines="${LINES:-1000000}"
runs="${RUNS:-7}"
file="${FILE:-$root/target/bench/access-$lines.log}"
command -v mawk >/dev/null || { echo "needs mawk (apt-get install mawk)" >&2; exit 2; }
# shellcheck source=bench/lib/sshd.sh
. "$root/bench/lib/sshd.sh"
trap sshd_stop EXIT
trap 'exit 130' INT TERM

if [ ! -f "$file" ]; then
  mkdir -p "$(dirname "$file")"
  "$root/weblog" generate --lines "$lines" --out "$file"
fi
file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
"$root/weblog" --version >/dev/null 2>&1 || true   # builds the jar and its class-data archive outside the timing
"$root/weblog" --version >/dev/null 2>&1 || true
cat "$file" >/dev/null                              # page cache warm for all

sshd_start 127.0.0.1
host=127.0.0.1
gcm=aes128-gcm@openssh.com
rule='status=404 referrer!=- max=0'
awk_program='$3 ~ /^ 404 / && $4 != "-" {n++} END {print n+0}'
remote_cat="cat -- $(printf '%q' "$file")"
weblog_cmd=("$root/weblog" verify --host "$ssh_user@$host:$ssh_port" --log "$file" --identity "$ssh_key"
            --known-hosts "$ssh_kh" --format combined --rule "$rule" --quiet)

weblog_loud() {   # the same check, not quiet: to show why it failed
  local a loud=()
  for a in "${weblog_cmd[@]}"; do [ "$a" = --quiet ] || loud+=("$a"); done
  "${loud[@]}" || true
}

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m/1e9}'; }

# The cipher each side negotiates. ssh says so with -v. For weblog, a second sshd in debug mode (one connection,
# then it exits) on another port logs what the client chose; the host key is pinned there by fingerprint.
ssh_cipher() {
  ssh -v "${ssh_opts[@]}" "$@" "$ssh_user@$host" true 2>&1 </dev/null \
    | sed -n 's/.*kex: server->client cipher: \([^ ]*\).*/\1/p' | head -n 1
}
weblog_cipher() {
  local port probe_pid
  port="$(sshd_free_port)"
  head -n 1000 "$file" >"$ssh_work/probe.log"
  /usr/sbin/sshd -d -f "$ssh_work/sshd_config" -p "$port" -o LogLevel=DEBUG1 -E "$ssh_work/probe-sshd.log" &
  probe_pid=$!
  for _ in $(seq 100); do
    [ -n "$(ss -Htln "sport = :$port")" ] && break
    sleep 0.05
  done
  "$root/weblog" verify --host "$ssh_user@$host:$port" --log "$ssh_work/probe.log" --identity "$ssh_key" \
    --host-key "$ssh_host_fp" --format combined --rule "$rule" --quiet >/dev/null 2>&1 || true
  for _ in $(seq 100); do
    kill -0 "$probe_pid" 2>/dev/null || break
    sleep 0.05
  done
  kill "$probe_pid" 2>/dev/null || true
  wait "$probe_pid" 2>/dev/null || true
  sed -n 's/.*kex: client->server cipher: \([^ ]*\).*/\1/p' "$ssh_work/probe-sshd.log" | head -n 1
}
weblog_negotiated="$(weblog_cipher)"
ssh_negotiated="$(ssh_cipher)"
ssh_gcm_negotiated="$(ssh_cipher -c "$gcm")"
if [ -z "$ssh_negotiated" ] || [ "$ssh_gcm_negotiated" != "$gcm" ]; then
  sshd_fail "could not see ssh's cipher with ssh -v"
fi

# One timed run of contestant $1; sets took (ns) and count (mawk's answer; weblog's comes from its report).
run() {
  local start end status=0
  case "$1" in
    weblog)
      start=$(now); "${weblog_cmd[@]}" || status=$?; end=$(now)
      # 1: the rule failed, as it should on this log; 0 would mean no such 404s. Anything else is a setup problem.
      [ "$status" -le 1 ] || sshd_fail "weblog exited with $status: $(weblog_loud 2>&1 | tail -n 5)"
      ;;
    ssh)
      start=$(now); count=$(ssh "${ssh_opts[@]}" "$ssh_user@$host" "$remote_cat" </dev/null | mawk -F'"' "$awk_program"); end=$(now)
      ;;
    ssh-gcm)
      start=$(now); count=$(ssh "${ssh_opts[@]}" -c "$gcm" "$ssh_user@$host" "$remote_cat" </dev/null | mawk -F'"' "$awk_program"); end=$(now)
      ;;
  esac
  took=$((end - start))
}

contestants=(weblog ssh ssh-gcm)
weblog_times=()
ssh_times=()
gcm_times=()
ssh_count=""
gcm_count=""
run weblog   # one untimed round first: sshd's, the JVM's and the page cache's first-time costs out of the way
run ssh
for ((i = 0; i < runs; i++)); do
  for ((j = 0; j < 3; j++)); do   # the order rotates, so no side is always first after the others
    who=${contestants[$(((i + j) % 3))]}
    run "$who"
    case "$who" in
      weblog) weblog_times+=("$took") ;;
      ssh) ssh_times+=("$took"); ssh_count="$count" ;;
      ssh-gcm) gcm_times+=("$took"); gcm_count="$count" ;;
    esac
  done
done

# For the analysis: what the transfer alone costs (ssh ... cat >/dev/null), and weblog on the same file locally.
transfer() {
  local start end
  start=$(now); ssh "${ssh_opts[@]}" "$@" "$ssh_user@$host" "$remote_cat" </dev/null >/dev/null; end=$(now)
  echo $((end - start))
}
local_times=()
cat_times=()
cat_gcm_times=()
for ((i = 0; i < 3; i++)); do
  cat_times+=("$(transfer)")
  cat_gcm_times+=("$(transfer -c "$gcm")")
  start=$(now)
  "$root/weblog" verify --file "$file" --format combined --rule "$rule" --quiet || true
  end=$(now)
  local_times+=($((end - start)))
done

json="$ssh_work/report.json"
"${weblog_cmd[@]}" --report-json "$json" || true
weblog_count=$(grep -m1 -o '"count": [0-9]*' "$json" | grep -o '[0-9]*$')

weblog_median=$(printf '%s\n' "${weblog_times[@]}" | median)
ssh_median=$(printf '%s\n' "${ssh_times[@]}" | median)
gcm_median=$(printf '%s\n' "${gcm_times[@]}" | median)
local_median=$(printf '%s\n' "${local_times[@]}" | median)
cat_median=$(printf '%s\n' "${cat_times[@]}" | median)
cat_gcm_median=$(printf '%s\n' "${cat_gcm_times[@]}" | median)
bytes=$(stat -c %s "$file")
mbps() { awk -v b="$bytes" -v s="$1" 'BEGIN {printf "%.0f MB/s", b / s / 1e6}'; }
ratio() { awk -v w="$weblog_median" -v m="$1" 'BEGIN {r = w / m; printf "%.2fx%s", r, r <= 1.5 ? "" : "  target missed"}'; }

echo
echo "log:    $file ($(wc -l <"$file") lines, $(du -h "$file" | cut -f1)), over SSH from OpenSSH sshd on $host:$ssh_port"
echo "rule:   $rule"
echo "runs:   $runs each, alternating; medians of wall time, whole process; $(machine_load)"
echo "weblog: ./weblog's JVM options${WEBLOG_JAVA_OPTS:+, then WEBLOG_JAVA_OPTS=$WEBLOG_JAVA_OPTS}"
echo
printf '%-44s %-30s %8s %10s %9s  %s\n' "side" "cipher" "median" "speed" "count" "weblog / side (target <= 1.5x)"
printf '%-44s %-30s %8s %10s %9s\n' "weblog verify --host" "$weblog_negotiated" "$weblog_median s" "$(mbps "$weblog_median")" "$weblog_count"
printf '%-44s %-30s %8s %10s %9s  %s\n' "ssh cat | mawk" "$ssh_negotiated" "$ssh_median s" "$(mbps "$ssh_median")" "$ssh_count" "$(ratio "$ssh_median")"
printf '%-44s %-30s %8s %10s %9s  %s\n' "ssh -c $gcm cat | mawk" "$ssh_gcm_negotiated" "$gcm_median s" "$(mbps "$gcm_median")" "$gcm_count" "$(ratio "$gcm_median")"
echo
echo "for reference (3 runs each, medians):"
printf '%-44s %-30s %8s %10s\n' "ssh cat >/dev/null (transfer only)" "$ssh_negotiated" "$cat_median s" "$(mbps "$cat_median")"
printf '%-44s %-30s %8s %10s\n' "ssh -c $gcm cat >/dev/null" "$ssh_gcm_negotiated" "$cat_gcm_median s" "$(mbps "$cat_gcm_median")"
printf '%-44s %-30s %8s %10s\n' "weblog verify --file (local, no SSH)" "-" "$local_median s" "$(mbps "$local_median")"
echo
if [ "$weblog_count" = "$ssh_count" ] && [ "$weblog_count" = "$gcm_count" ]; then
  echo "counts: the same, $weblog_count"
else
  echo "counts differ: weblog $weblog_count, mawk $ssh_count / $gcm_count (mawk splits on every quote, so an escaped"
  echo "quote (\\\") before the referrer shifts its fields)"
fi
