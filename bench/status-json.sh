#!/usr/bin/env bash
# The JSON of one GET /status round at 200 pods of two containers each (reading the virtual kubelet's request,
# writing the answer), measured by JMH (bench/jmh, class StatusJson) for each JSON codec the benchmark compares.
#
#   bench/status-json.sh [JMH OPTIONS...]      e.g. -f 3 for three forks instead of one
#
# Builds the api and the benchmark jar offline, runs JMH (about 2 minutes on 2 cores), prints JMH's figures, then per
# benchmark and codec the median and mean time per operation and the bytes allocated per operation, and last one
# line of ratios: each codec after the first against the first, by median.
# The median of JMH's sampled operation times is what the summary compares, not the mean: on a shared machine other
# processes stretch some operations many times over, which moves the mean far more than the median.
# Needs: Java 17+, Maven with the project's dependencies in ~/.m2, python3.
set -euo pipefail

readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly JAR="${ROOT}/bench/jmh/target/benchmarks.jar"

WORK="$(mktemp -d /tmp/ilk-status-json.XXXXXX)"
trap 'rm -rf "${WORK}"' EXIT

# Maven's own output (and the colour codes it writes even when quiet) only when a build fails.
build() {
    (cd "$1" && shift && mvn -B -o -q "$@") >"${WORK}/build.log" 2>&1 || { cat "${WORK}/build.log" >&2; exit 1; }
}
build "${ROOT}" install -DskipTests -pl api -am
build "${ROOT}/bench/jmh" package

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -n 1), $(date -u +%F)"
java -jar "${JAR}" StatusJson -prof gc -rf json -rff "${WORK}/result.json" "$@"

python3 - "${WORK}/result.json" <<'PY'
import json
import sys

LABELS = {"writeAnswer": "write", "readRequest": "read"}

results = json.load(open(sys.argv[1]))
figures = {}
for result in results:
    benchmark = result["benchmark"].rsplit(".", 1)[1]
    codec = next(iter(result["params"].values()))
    metric = result["primaryMetric"]
    allocated = result["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    figures.setdefault(benchmark, {})[codec] = (metric["scorePercentiles"]["50.0"], metric["score"], allocated)

print()
print(f"{'benchmark':<14}{'codec':<14}{'median us':>12}{'mean us':>12}{'KiB/op':>12}")
ratios = []
for benchmark in sorted(figures, key=lambda name: list(LABELS).index(name) if name in LABELS else len(LABELS)):
    codecs = figures[benchmark]
    (base_codec, (base_median, _, _)), *others = codecs.items()
    for codec, (median, mean, allocated) in codecs.items():
        print(f"{benchmark:<14}{codec:<14}{median:>12.0f}{mean:>12.0f}{allocated / 1024:>12.0f}")
    against = ", ".join(f"{codec} {median / base_median:.2f}x" for codec, (median, _, _) in others)
    ratios.append(f"{LABELS.get(benchmark, benchmark)} 200 pods {base_median:.0f} us ({'; '.join(filter(None, [base_codec, against]))})")
print()
print("SUMMARY status-json: " + ", ".join(ratios))
PY
