#!/bin/sh
# Builds the JMH benchmarks and runs them on one thread; every score is in lines per second.
#   bench/jmh.sh                                   all benchmarks
#   bench/jmh.sh ParseBenchmark.parseAndJudge      those matching a regular expression
#   bench/jmh.sh ParseBenchmark -prof gc -i 10     more JMH options; an option given replaces its default below
#   bench/jmh.sh -h                                JMH's own help
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am package -DskipTests

given() {
    flag=$1
    shift
    for arg in "$@"; do
        if [ "$arg" = "$flag" ]; then
            return 0
        fi
    done
    return 1
}

defaults=""
for option in "-f 1" "-wi 3" "-w 2s" "-i 5" "-r 2s" "-t 1"; do
    if ! given "${option%% *}" "$@"; then
        defaults="$defaults $option"
    fi
done
# $defaults is unquoted on purpose: it is a list of simple words.
# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar benchmarks/target/benchmarks.jar $defaults "$@"
