#!/usr/bin/env bash
# Time from POST /create to a running container, for a busybox pod, against `docker run -d` of the same image
# straight on the host engine, measured in one run on this machine.
#
#   bench/create-latency.sh [RUNS] [POOL]      defaults: 20 runs, a pool of 2 sandboxes
#
# Prints every figure in milliseconds, the median and p95 of each series, and last one line of ratios.
# Warm: each create finds a ready sandbox in the pool (the script waits for /readyz between runs), with the image
# preloaded into pool sandboxes (Docker.PreloadImages), and again without, so that the image is moved from the host.
# Cold: AVAILABLEDINDS=0, so every pod builds its own sandbox.
# Needs: a Docker engine, the images from scripts/build-test-images.sh, curl, and the jar from `mvn package`.
set -euo pipefail

readonly RUNS="${1:-20}"
readonly POOL="${2:-2}"
readonly IMAGE="interlink-jvm/busybox:local"
readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly JAR="${ROOT}/host/target/interlink-docker-plugin.jar"

[[ -f "${JAR}" ]] || (cd "${ROOT}" && mvn -B -q package -DskipTests)
"${ROOT}/scripts/build-test-images.sh" >/dev/null

WORK="$(mktemp -d /tmp/ilk-bench.XXXXXX)"
PLUGIN_PID=""
stop_plugin() {
    if [[ -n "${PLUGIN_PID}" ]]; then
        kill "${PLUGIN_PID}" 2>/dev/null || true
        wait "${PLUGIN_PID}" 2>/dev/null || true
        PLUGIN_PID=""
    fi
}
trap 'stop_plugin; rm -rf "${WORK}"' EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Starts the plugin with a pool of $1 (preloading image $2, if given) on a free port and waits until its pool is
# full; sets URL.
start_plugin() {
    local pool="$1" preload="${2:-}" log="${WORK}/plugin-${1}${2:+-preload}.log"
    cat >"${WORK}/config.yaml" <<YAML
SidecarPort: 0
DataRootFolder: ${WORK}/data
AVAILABLEDINDS: ${pool}
Docker:
  DindImage: interlink-jvm/dind:local
  PreloadImages: [${preload}]
YAML
    INTERLINKCONFIGPATH="${WORK}/config.yaml" java -jar "${JAR}" >"${log}" 2>&1 &
    PLUGIN_PID=$!
    for _ in $(seq 1 600); do
        URL="$(grep -o 'listening on http://[0-9.:]*' "${log}" | head -n 1 | sed 's/listening on //')" || true
        [[ -n "${URL}" ]] && break
        sleep 0.1
    done
    [[ -n "${URL}" ]] || { echo "the plugin did not start:" >&2; cat "${log}" >&2; exit 1; }
    await_ready
}

await_ready() {
    for _ in $(seq 1 1200); do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL}/readyz")" == 200 ]] && return
        sleep 0.05
    done
    echo "the plugin did not become ready" >&2
    exit 1
}

pod_json() {
    printf '{"metadata":{"name":"bench-%s","namespace":"bench","uid":"%s","annotations":{"JobID":"x"}},' "$1" "$2"
    printf '"spec":{"restartPolicy":"Never","terminationGracePeriodSeconds":0,"containers":[{"name":"main","image":"%s","imagePullPolicy":"IfNotPresent",' "${IMAGE}"
    printf '"command":["sleep","3600"]}]}}'
}

# One create, timed until the status says running; prints milliseconds.
time_create() {
    local i="$1" uid pod start
    uid="$(cat /proc/sys/kernel/random/uuid)"
    pod="$(pod_json "${i}" "${uid}")"
    start="$(now_ms)"
    curl -sf -X POST "${URL}/create" -d "{\"pod\":${pod},\"container\":[{\"name\":\"main\"}]}" >/dev/null
    until curl -sf -X GET "${URL}/status" -d "[${pod}]" | grep -q '"running"'; do
        sleep 0.01
    done
    echo $(( $(now_ms) - start ))
    curl -sf -X POST "${URL}/delete" -d "${pod}" >/dev/null
}

# `docker run -d` on the host engine returns once the container runs; prints milliseconds.
time_docker_run() {
    local start id
    start="$(now_ms)"
    id="$(docker run -d --label eu.interlink.jvm.role=bench "${IMAGE}" sleep 3600)"
    echo $(( $(now_ms) - start ))
    docker rm -f "${id}" >/dev/null
}

# Reads numbers, one a line; prints "median p95".
stats() {
    sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        p = v[int(NR * 0.95 + 0.999)]
        printf "%d %d\n", m, p }'
}

series() {
    local name="$1" file="$2"
    read -r median p95 < <(stats <"${file}")
    printf '%-34s median %6d ms   p95 %6d ms   (%s runs: %s)\n' "${name}" "${median}" "${p95}" "$(wc -l <"${file}")" \
        "$(paste -sd' ' "${file}")"
    eval "${3}=${median}"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, Docker $(docker version --format '{{.Server.Version}}'), $(date -u +%F)"

: >"${WORK}/docker.txt"
for i in $(seq 1 "${RUNS}"); do time_docker_run >>"${WORK}/docker.txt"; done

warm_series() {
    start_plugin "${POOL}" "$1"
    : >"${WORK}/$2"
    for i in $(seq 1 "${RUNS}"); do
        await_ready
        time_create "${i}" >>"${WORK}/$2"
    done
    stop_plugin
}
warm_series "${IMAGE}" warm.txt
warm_series "" moved.txt

start_plugin 0
: >"${WORK}/cold.txt"
for i in $(seq 1 "${RUNS}"); do time_create "${i}" >>"${WORK}/cold.txt"; done
stop_plugin

series "docker run -d (host engine)" "${WORK}/docker.txt" DOCKER
series "create -> running, warm, preloaded" "${WORK}/warm.txt" WARM
series "create -> running, warm, image moved" "${WORK}/moved.txt" MOVED
series "create -> running, no pool" "${WORK}/cold.txt" COLD
awk -v w="${WARM}" -v m="${MOVED}" -v c="${COLD}" -v d="${DOCKER}" 'BEGIN {
    printf "ratio (median, vs docker run -d): warm preloaded %.2fx, warm image moved %.2fx, no pool %.2fx\n",
        w / d, m / d, c / d }'
