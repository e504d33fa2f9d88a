#!/usr/bin/env bash
# Time to verdict on a log that lives in a log store, three ways, on the same lines: the rules counted in the store
# (one aggregation request), every document streamed to weblog and judged there, and `weblog verify --file` on the
# log file. The raw line is stored in message but not indexed for search, as none of this needs it. A real OpenSearch node (the test runner's, started here on loopback from a JDK 21+) holds the documents,
# indexed once as ECS documents through the bulk API; the counts of the three are compared, so that speed is never
# bought with a wrong answer.
#
#   bench/store-compare.sh                    # 10,000,000 generated combined lines
#   LINES=1000000 RUNS=3 bench/store-compare.sh
#   KEEP=1 bench/store-compare.sh             # keep the node's data for another run (target/bench/opensearch)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lines="${LINES:-10000000}"
runs="${RUNS:-3}"
heap="${HEAP:-2g}"
work="$root/target/bench"
file="$work/access-$lines.log"
data="$work/opensearch-$lines"
index="logs-bench-$lines"
java21="${WEBLOG_OPENSEARCH_JAVA:-$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]-* 2>/dev/null | head -1)}"
[ -n "$java21" ] || { echo "needs a JDK 21 or newer for OpenSearch (WEBLOG_OPENSEARCH_JAVA)" >&2; exit 2; }
[ -x "$java21/bin/java" ] && java21="$java21/bin/java"
mkdir -p "$work"

(cd "$root" && ./mvnw -B -q package -DskipTests -DskipITs -pl opensearch-test-node,common,tools,cli,benchmarks -am)
# The jar built once, not the launcher, which would rebuild itself in the middle of the runs if a source changed.
weblog=(java -XX:+UseSerialGC -jar "$root/cli/target/weblog.jar")
[ -f "$file" ] || "${weblog[@]}" generate --lines "$lines" --out "$file"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
transport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
fresh=0
[ -d "$data/node_1" ] || fresh=1
mkdir -p "$data"
rm -f "$data/ready"
exec 3< <(sleep infinity)
"$java21" -Xms"$heap" -Xmx"$heap" -cp "$(cat "$root/opensearch-test-node/target/classpath.txt")" \
    "$root/opensearch-test-node/src/launcher/OpenSearchTestNode.java" "$data" "$port" "$transport" \
    <&3 >"$work/opensearch.log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null; wait $node 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$data"' EXIT
while [ ! -f "$data/ready" ]; do kill -0 $node 2>/dev/null || { tail "$work/opensearch.log"; exit 1; }; sleep 1; done
url="http://127.0.0.1:$port"
echo "OpenSearch node on $url"

if [ "$fresh" = 1 ] || ! curl -sf "$url/$index/_count" >/dev/null; then
  template="$(sed -n '/ECS_TEMPLATE = """/,/""";/p' "$root/common/src/test/java/io/weblog/testing/OpenSearchNode.java" \
      | sed '1d;$d' | sed 's/logs-weblog-\*/logs-bench-*/; s/"refresh_interval": "1s"/"refresh_interval": "30s"/' \
      | sed 's/"message": {"type": "text"}/"message": {"type": "text", "index": false}/' \
      | sed 's/"original": {"type": "keyword"}}}/"original": {"type": "keyword", "index": false, "doc_values": false}}}/')"
  curl -sf -XPUT "$url/_index_template/weblog-bench" -H 'Content-Type: application/json' -d "$template" >/dev/null
  curl -sf -XPUT "$url/$index" >/dev/null
  start=$(date +%s)
  java -cp "$root/benchmarks/target/benchmarks.jar" io.weblog.benchmarks.StoreIndexer "$url" "$index" "$file" combined 4
  curl -sf -XPOST "$url/$index/_refresh" >/dev/null
  curl -sf -XPOST "$url/$index/_forcemerge?max_num_segments=1" >/dev/null || true
  echo "indexed in $(( $(date +%s) - start )) s: $(curl -s "$url/$index/_count")"
fi

rules=(--rule 'broken-links: status=404 referrer^=https://shop.example.com/ max=0' --rule 'status=5xx max=0.5%'
       --rule 'path=/health min=5')
stream_only=(--rule 'no-such-agent: agent~^no-such-agent$ max=0')
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m/1e9}'; }
count() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(" ".join(str(x["count"]) for x in r["rules"][:3]))' "$1"; }

pushed=(); streamed=(); filed=()
for ((i = 0; i < runs; i++)); do
  start=$(now); "${weblog[@]}" verify --opensearch "$url" --index "$index" --host-field none "${rules[@]}" \
      --report-json "$work/pushed.json" --quiet || true; end=$(now); pushed+=($((end - start)))
  start=$(now); "${weblog[@]}" verify --opensearch "$url" --index "$index" --host-field none "${rules[@]}" \
      "${stream_only[@]}" --report-json "$work/streamed.json" --quiet || true; end=$(now); streamed+=($((end - start)))
  start=$(now); "${weblog[@]}" verify --file "$file" --format combined "${rules[@]}" \
      --report-json "$work/file.json" --quiet || true; end=$(now); filed+=($((end - start)))
done
echo "counts: pushed down $(count "$work/pushed.json"); streamed $(count "$work/streamed.json"); file $(count "$work/file.json")"
printf 'lines %s, medians of %s runs: counted in the store %s s, streamed %s s, --file %s s\n' "$lines" "$runs" \
    "$(printf '%s\n' "${pushed[@]}" | median)" "$(printf '%s\n' "${streamed[@]}" | median)" \
    "$(printf '%s\n' "${filed[@]}" | median)"
