# What the bench scripts share; sourced, never run. A script calls `bench_init NAME` first: it gets a scratch
# folder ${WORK} (the plugin's DataRootFolder is under it) and a clean-up, on exit, Ctrl-C or failure, that deletes
# the pods it created, stops the plugin it started and removes whatever that plugin's DataRootFolder labels still
# mark on the host engine (never anything else: other people's sandboxes on the same engine are left alone).
#
# Timing is done by bench/BenchClient.java (`bench_client COMMAND ...`); it writes `KEY VALUE` figures that
# `figure KEY` reads back.

readonly BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT="$(cd "${BENCH_DIR}/.." && pwd)"
readonly JAR="${ROOT}/host/target/interlink-docker-plugin.jar"
readonly IMAGE="interlink-jvm/busybox:local"
readonly DIND_IMAGE="interlink-jvm/dind:local"
readonly RESULTS_DIR="${BENCH_RESULTS_DIR:-${BENCH_DIR}/results}"
# Each bench's table rows (NAME.md) and summary line (NAME.summary), which run-all.sh puts together; not committed.
readonly PARTS_DIR="${RESULTS_DIR}/parts"
readonly DOCKER_TIMEOUT_S=120
readonly LABEL_PREFIX="eu.interlink.jvm"
# What a pod of 2 busybox containers takes of the machine (sandbox, inner engine, shims), a little over what
# footprint measures on the development machine (54 MiB), and how much memory the scaling benches leave free.
readonly ESTIMATED_MIB_PER_POD=80
readonly RESERVE_MIB=2048

PLUGIN_PID=""
PLUGIN_URL=""

# Prepares a run of the bench NAME: the jar, the test images, ${WORK}, the figures file, the clean-up trap.
bench_init() {
    BENCH_NAME="$1"
    [[ -f "${JAR}" ]] || (cd "${ROOT}" && mvn -B -q package -DskipTests)
    "${ROOT}/scripts/build-test-images.sh" >/dev/null
    WORK="$(mktemp -d /tmp/ilk-bench.XXXXXX)"
    DATA_ROOT="${WORK}/data"
    export BENCH_FIGURES="${WORK}/figures.txt"
    export BENCH_LEDGER="${WORK}/pods.tsv"
    # Labels the containers BenchClient runs straight on the host engine, so that the clean-up finds them too.
    export BENCH_RUN_LABEL="eu.interlink.jvm.bench-run=${WORK}"
    : >"${BENCH_FIGURES}"
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    mkdir -p "${PARTS_DIR}"
    echo "== ${BENCH_NAME} ($(machine), $(date -u '+%F %H:%M') UTC)"
}

machine() {
    echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, Docker $(docker_cli version --format \
        '{{.Server.Version}}'), Java $(java -version 2>&1 | awk -F'"' '/version/ {print $2}')"
}

bench_cleanup() {
    local status=$?
    if (( status != 0 )); then
        echo "${BENCH_NAME} failed (exit status ${status}); the ends of the plugin's logs:" >&2
        tail -n 15 "${WORK}"/*.log >&2 || true
    fi
    plugin_stop
    rm -rf "${WORK}"
}

# The Docker CLI, bounded in time.
docker_cli() {
    timeout "${DOCKER_TIMEOUT_S}" docker "$@"
}

bench_client() {
    java "${BENCH_DIR}/BenchClient.java" "$@"
}

# Writes the plugin's config to $1: a pool of $2, preloading image $3 when given, any more YAML lines from stdin
# under `Docker:`. The port is 0 (a free one; the log says which).
plugin_config() {
    local file="$1" pool="$2" preload="${3:-}"
    {
        printf 'SidecarPort: 0\nDataRootFolder: %s\nAVAILABLEDINDS: %s\nDocker:\n' "${DATA_ROOT}" "${pool}"
        printf '  DindImage: %s\n  PreloadImages: [%s]\n' "${DIND_IMAGE}" "${preload}"
    } >"${file}"
}

# Starts the plugin with a pool of $1 (preloading image $2, if given) and waits for /healthz; sets PLUGIN_PID and
# PLUGIN_URL. PLUGIN_JAVA_OPTS, when set, goes to its JVM (e.g. -Xlog:gc:file=/tmp/gc.log to look at pauses).
plugin_start() {
    local pool="$1" preload="${2:-}" log="${WORK}/plugin-$(date +%s%N).log"
    plugin_config "${WORK}/config.yaml" "${pool}" "${preload}"
    INTERLINKCONFIGPATH="${WORK}/config.yaml" java ${PLUGIN_JAVA_OPTS:-} -jar "${JAR}" >"${log}" 2>&1 &
    PLUGIN_PID=$!
    PLUGIN_URL=""
    for _ in $(seq 1 600); do
        PLUGIN_URL="$(grep -o 'listening on http://[0-9.:]*' "${log}" | head -n 1 | sed 's/listening on //')" || true
        [[ -n "${PLUGIN_URL}" ]] && break
        kill -0 "${PLUGIN_PID}" 2>/dev/null || break
        sleep 0.1
    done
    [[ -n "${PLUGIN_URL}" ]] || { echo "the plugin did not start:" >&2; cat "${log}" >&2; exit 1; }
    await_endpoint /healthz
}

# Waits until the plugin's endpoint $1 answers 200 (at most 5 minutes).
await_endpoint() {
    for _ in $(seq 1 3000); do
        [[ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "${PLUGIN_URL}$1")" == 200 ]] && return
        sleep 0.1
    done
    echo "the plugin's $1 did not answer 200 within 5 minutes" >&2
    exit 1
}

# Deletes the pods the bench created, waits (at most 5 minutes) until the plugin has removed their sandboxes, stops
# it with SIGTERM (it removes its pool) and removes what its DataRootFolder's labels still mark: all of it, when the
# plugin could not delete the pods (it was stopping already, as when a terminal's Ctrl-C reached it too).
plugin_stop() {
    if [[ -n "${PLUGIN_PID}" ]] && kill -0 "${PLUGIN_PID}" 2>/dev/null; then
        if bench_client delete-all "${PLUGIN_URL}" >/dev/null; then
            for _ in $(seq 1 300); do
                [[ -z "$(owned_by_plugin container role=pod-claim)" ]] && break
                kill -0 "${PLUGIN_PID}" 2>/dev/null || break
                sleep 1
            done
        fi
        kill "${PLUGIN_PID}" 2>/dev/null || true
        for _ in $(seq 1 120); do
            kill -0 "${PLUGIN_PID}" 2>/dev/null || break
            sleep 1
        done
        kill -9 "${PLUGIN_PID}" 2>/dev/null || true
        wait "${PLUGIN_PID}" 2>/dev/null || true
    fi
    PLUGIN_PID=""
    remove_leftovers
}

# The ids of the host engine's objects of kind $1 (container or volume) labelled with this bench's DataRootFolder,
# and with the further labels given (without the prefix), e.g. `owned_by_plugin container role=sandbox pool=true`.
owned_by_plugin() {
    local kind="$1" filters=(--filter "label=${LABEL_PREFIX}.data-root=${DATA_ROOT}") label
    shift
    for label in "$@"; do filters+=(--filter "label=${LABEL_PREFIX}.${label}"); done
    if [[ "${kind}" == container ]]; then
        docker_cli ps -aq "${filters[@]}"
    else
        docker_cli volume ls -q "${filters[@]}"
    fi
}

remove_leftovers() {
    [[ -n "${DATA_ROOT:-}" ]] || return 0
    local containers volumes
    containers="$(owned_by_plugin container)" || true
    [[ -n "${containers}" ]] && { docker_cli rm -f -v ${containers} >/dev/null || true; }
    volumes="$(owned_by_plugin volume)" || true
    [[ -n "${volumes}" ]] && { docker_cli volume rm -f ${volumes} >/dev/null || true; }
    containers="$(docker_cli ps -aq --filter "label=${BENCH_RUN_LABEL}")" || true
    [[ -n "${containers}" ]] && { docker_cli rm -f ${containers} >/dev/null || true; }
    return 0
}

# The resident memory of process $1, in MiB (VmRSS).
rss_mib() {
    awk '/^VmRSS:/ { printf "%.0f\n", $2 / 1024 }' "/proc/$1/status"
}

# The plugin's running sandboxes that a pod has claimed ($1 = claimed) or not ($1 = unclaimed: the pool's ready ones,
# and any being built for a pod), as `SANDBOX_ID CONTAINER_ID` lines, found by their labels.
sandboxes() {
    local claimed unpaired=()
    claimed="$(docker_cli ps -a --filter "label=${LABEL_PREFIX}.data-root=${DATA_ROOT}" \
        --filter "label=${LABEL_PREFIX}.role=pod-claim" --format "{{.Label \"${LABEL_PREFIX}.sandbox-id\"}}" | sort)"
    [[ "$1" == claimed ]] || unpaired=(-v 1)
    docker_cli ps --filter "label=${LABEL_PREFIX}.data-root=${DATA_ROOT}" --filter "label=${LABEL_PREFIX}.role=sandbox" \
        --format "{{.Label \"${LABEL_PREFIX}.sandbox-id\"}} {{.ID}}" | sort -k 1,1 \
        | join "${unpaired[@]}" - <(echo "${claimed}")
}

# The memory use of the plugin's sandboxes, claimed or unclaimed ($1, as `sandboxes` takes it), one figure in MiB a
# line, as `docker stats` reports it for the sandbox container: the inner engine (dockerd and containerd; the pod's
# containers have cgroups of their own), without the page cache the kernel may drop.
sandbox_memory_mib() {
    local ids
    ids="$(sandboxes "$1" | cut -d ' ' -f 2)"
    [[ -n "${ids}" ]] || return 0
    docker_cli stats --no-stream --format '{{.MemUsage}}' ${ids} | awk '{
        v = $1; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[A-Za-z]+$/, "", v)
        f = unit == "GiB" ? 1024 : unit == "KiB" ? 1 / 1024 : unit == "B" ? 1 / 1048576 : 1
        printf "%.1f\n", v * f }'
}

# The figure KEY that the bench client or the script recorded.
figure() {
    awk -v key="$1" '$1 == key { value = $2 } END { if (value == "") exit 1; print value }' "${BENCH_FIGURES}" \
        || { echo "no figure $1" >&2; exit 1; }
}

# Records figure KEY VALUE from the script itself.
put_figure() {
    echo "$1 $2" >>"${BENCH_FIGURES}"
}

# Prints A / B with two decimals (n/a when either is n/a).
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a") print "n/a"; else printf "%.2f\n", a / b }'
}

# Prints number $1 rounded to $2 decimals (default 0).
rounded() {
    awk -v v="$1" -v d="${2:-0}" 'BEGIN { if (v == "n/a") print v; else printf "%.*f\n", d, v }'
}

# Starts the results of this bench: the table rows of bench/results/parts/NAME.md that `result_row` writes.
results_begin() {
    : >"${PARTS_DIR}/${BENCH_NAME}.md"
}

# Appends one row to the README's table: what, ours, the baseline, the ratio, the goal and whether it is met.
result_row() {
    printf '| %s | %s | %s | %s | %s |\n' "$@" >>"${PARTS_DIR}/${BENCH_NAME}.md"
}

# Whether `A <= B` (for the goals): "met" or "not met".
met_if_at_most() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a") print "n/a"; else print (a <= b ? "met" : "not met") }'
}

# Prints the one summary line a bench ends with, and keeps it in bench/results/parts/NAME.summary.
summary() {
    echo "SUMMARY ${BENCH_NAME}: $*" | tee "${PARTS_DIR}/${BENCH_NAME}.summary"
}

# The heap the JVM of process $1 uses after a full GC (what its data takes, whatever the heap has grown to), in MiB.
live_heap_mib() {
    timeout 60 jcmd "$1" GC.run >/dev/null
    timeout 60 jcmd "$1" GC.heap_info | awk 'match($0, /used [0-9]+K/) {
        printf "%.0f\n", substr($0, RSTART + 5, RLENGTH - 6) / 1024; exit }'
}

# The machine's available memory in MiB (MemAvailable).
available_mib() {
    awk '/^MemAvailable:/ { printf "%.0f\n", $2 / 1024 }' /proc/meminfo
}

# How many pods the machine can hold: $1 wanted, $2 live now, $3 MiB a new pod takes, keeping RESERVE_MIB free.
pods_that_fit() {
    awk -v want="$1" -v live="$2" -v per="$3" -v free="$(available_mib)" -v reserve="${RESERVE_MIB}" 'BEGIN {
        fit = live + int((free - reserve) / per); print (want < fit ? want : fit) }'
}

# The mean of the numbers on stdin, one a line, with one decimal.
mean() {
    awk '{ s += $1; n++ } END { if (n == 0) print "n/a"; else printf "%.1f\n", s / n }'
}

# Footprint, part one, once the pool is full and before any pod: the plugin's RSS and the inner engine's memory of
# the pool sandboxes. Part two is footprint_loaded.
footprint_idle() {
    put_figure footprint.rss-idle "$(rss_mib "${PLUGIN_PID}")"
    put_figure footprint.heap-idle "$(live_heap_mib "${PLUGIN_PID}")"
    put_figure footprint.sandbox-idle "$(sandbox_memory_mib unclaimed | mean)"
    put_figure footprint.available-idle "$(available_mib)"
    echo "plugin RSS idle (pool full, no pod): $(figure footprint.rss-idle) MiB, heap after a full GC" \
        "$(figure footprint.heap-idle) MiB; inner engine of a pool sandbox" \
        "without pods: $(figure footprint.sandbox-idle) MiB (mean)"
}

# Footprint, part two, with $1 pods running: the plugin's RSS, the inner engine's memory of the sandboxes built for
# pods, and the machine's memory per pod; writes bench/results/footprint.md and ends with its summary line.
footprint_loaded() {
    local pods="$1"
    put_figure footprint.rss-loaded "$(rss_mib "${PLUGIN_PID}")"
    put_figure footprint.heap-loaded "$(live_heap_mib "${PLUGIN_PID}")"
    put_figure footprint.sandbox-loaded "$(sandbox_memory_mib claimed | mean)"
    put_figure footprint.machine-per-pod "$(awk -v a="$(figure footprint.available-idle)" -v b="$(available_mib)" \
        -v n="${pods}" 'BEGIN { printf "%.1f\n", (a - b) / n }')"
    echo "plugin RSS with ${pods} pods: $(figure footprint.rss-loaded) MiB, heap after a full GC" \
        "$(figure footprint.heap-loaded) MiB; inner engine of a pod's sandbox (2 busybox" \
        "containers): $(figure footprint.sandbox-loaded) MiB (mean); machine memory per pod, all in:" \
        "$(figure footprint.machine-per-pod) MiB (MemAvailable drop / pods; noisy on a shared machine)"
    (
        BENCH_NAME=footprint
        results_begin
        result_row "plugin JVM RSS, idle (pool of 4 full) / with ${pods} pods (default JVM flags)" \
            "$(figure footprint.rss-idle) / $(figure footprint.rss-loaded) MiB" "" "" "none"
        result_row "plugin heap in use after a full GC, idle / with ${pods} pods" \
            "$(figure footprint.heap-idle) / $(figure footprint.heap-loaded) MiB" "" "" "none"
        result_row "memory of a sandbox's inner engine, idle / with a pod of 2 containers" \
            "$(figure footprint.sandbox-idle) / $(figure footprint.sandbox-loaded) MiB" "" "" "none"
        result_row "machine memory per pod, all in (MemAvailable drop / ${pods})" \
            "$(figure footprint.machine-per-pod) MiB" "" "" "none"
        summary "JVM RSS $(figure footprint.rss-idle) MiB idle, $(figure footprint.rss-loaded) MiB with ${pods} pods" \
            "(live heap $(figure footprint.heap-idle) / $(figure footprint.heap-loaded) MiB);" \
            "inner engine $(figure footprint.sandbox-idle) MiB a sandbox idle, $(figure footprint.sandbox-loaded) MiB" \
            "with a pod; $(figure footprint.machine-per-pod) MiB of the machine per pod"
    )
}
