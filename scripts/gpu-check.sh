#!/usr/bin/env bash
# Checks the NVIDIA support on a machine with an NVIDIA GPU, in under 5 minutes, without network.
#
#   scripts/gpu-check-bundle.sh     on a build machine: makes target/gpu-check/ (module jars, plugin, a Java runtime)
#   scripts/gpu-check.sh --bundle   the same, from this script
#   scripts/gpu-check.sh            on the GPU machine, from the repository or from inside the bundle folder
#
# 1. Runs the NVIDIA module's own discovery (eu.interlink.jvm.gpu.nvidia.NvidiaDiscoveryCheck) with the machine's
#    Java 17+, or the bundle's when there is none, prints each device found, and compares their number with what
#    `nvidia-smi -L` lists.
# 2. Only where `docker info` lists an `nvidia` runtime: starts the plugin from the bundle with the NVIDIA jar on its
#    classpath, creates a pod asking for `nvidia.com/gpu: 1` whose container runs `nvidia-smi -L`, waits for it to end,
#    reads its log, checks that it lists exactly one GPU, and deletes it.
#
# The last line says how it went: `GPU CHECK: PASS (...)`, `GPU CHECK: FAIL (...)` or `GPU CHECK: NO GPU (...)`,
# with exit status 0, 1 and 2.
#
# Environment: GPU_CHECK_BUNDLE (the bundle folder), NVIDIASMIPATH (the nvidia-smi to use), GPU_CHECK_DIND_IMAGE (the
# sandboxes' image; default interlink-jvm/dind:local or docker:dind when present, else built with
# scripts/build-dind-image.sh), GPU_CHECK_GPU_DIND_IMAGE (the image of the GPU pod's sandbox, Docker.GpuDindImage;
# default the DIND image: where the host engine has the nvidia runtime, the pod's containers get the GPU as a device
# request to the sandbox's own engine, so this image needs the NVIDIA container toolkit inside), GPU_CHECK_IMAGE (the
# pod's image, default the DIND image: it has a C library, and the NVIDIA runtime mounts nvidia-smi into it).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE
readonly BUDGET_S=280
readonly SMI="${NVIDIASMIPATH:-nvidia-smi}"

if [[ "${1:-}" == "--bundle" ]]; then
    exec "${HERE}/gpu-check-bundle.sh" "${@:2}"
fi

if [[ -n "${GPU_CHECK_BUNDLE:-}" ]]; then
    BUNDLE="${GPU_CHECK_BUNDLE}"
elif [[ -d "${HERE}/lib" ]]; then
    BUNDLE="${HERE}"
else
    BUNDLE="$(cd "${HERE}/.." && pwd)/target/gpu-check"
fi
readonly BUNDLE
WORK="$(mktemp -d)"
readonly WORK
PLUGIN_PID=""

# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
    if [[ -n "${PLUGIN_PID}" ]]; then
        kill "${PLUGIN_PID}" 2>/dev/null
        wait "${PLUGIN_PID}" 2>/dev/null
    fi
    rm -rf "${WORK}"
}
trap cleanup EXIT

finish() {
    local verdict="$1" why="$2" status=1
    case "${verdict}" in
        PASS) status=0 ;;
        "NO GPU") status=2 ;;
    esac
    echo "GPU CHECK: ${verdict} (${why})"
    exit "${status}"
}

left_s() {
    local left=$((BUDGET_S - SECONDS))
    ((left > 0)) || left=1
    echo "${left}"
}

# A Java 17 or later: the machine's, else the bundle's.
find_java() {
    local major
    if command -v java >/dev/null 2>&1; then
        major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
        if [[ -n "${major}" && "${major}" -ge 17 ]]; then
            command -v java
            return
        fi
    fi
    if [[ -x "${BUNDLE}/jre/bin/java" ]]; then
        echo "${BUNDLE}/jre/bin/java"
    fi
}

[[ -d "${BUNDLE}/lib" ]] || finish FAIL "no bundle at ${BUNDLE}: run scripts/gpu-check-bundle.sh on a build machine first"
JAVA="$(find_java)"
[[ -n "${JAVA}" ]] || finish FAIL "no Java 17+ on this machine and none in ${BUNDLE}/jre"
echo "java: ${JAVA}"

# 1. Discovery through the module's code.
CLASSPATH_CHECK="${BUNDLE}/lib/interlink-jvm-gpu-nvidia.jar:${BUNDLE}/lib/interlink-jvm-api.jar"
CLASSPATH_CHECK+=":${BUNDLE}/lib/slf4j-api.jar:${BUNDLE}/lib/slf4j-simple.jar"
timeout 60 "${JAVA}" -cp "${CLASSPATH_CHECK}" eu.interlink.jvm.gpu.nvidia.NvidiaDiscoveryCheck \
    >"${WORK}/devices" 2>"${WORK}/discovery.log"
discovery_status=$?
echo "--- devices found by the NVIDIA module (exit status ${discovery_status}):"
cat "${WORK}/devices"
echo "--- its log:"
cat "${WORK}/discovery.log"
found="$(grep -c . "${WORK}/devices")"
reason="$(grep -o 'no NVIDIA device found: .*' "${WORK}/discovery.log" | head -n 1)"

if ! command -v "${SMI}" >/dev/null 2>&1; then
    finish "NO GPU" "nvidia-smi not found (${SMI}); the module found ${found} device(s): ${reason:-none logged}"
fi
timeout 30 "${SMI}" -L >"${WORK}/smi-list" 2>&1
smi_status=$?
echo "--- ${SMI} -L (exit status ${smi_status}):"
cat "${WORK}/smi-list"
if [[ "${smi_status}" -ne 0 ]]; then
    finish "NO GPU" "${SMI} -L failed with status ${smi_status}: $(head -n 1 "${WORK}/smi-list");"`
        `" the module found ${found} device(s): ${reason:-none logged}"
fi
# A GPU in MIG mode is replaced by its MIG instances, as the module does.
listed="$(awk '/^GPU [0-9]+:/ { if (gpu) n++; gpu = 1; next } /^ +MIG / { n++; gpu = 0 } END { if (gpu) n++; print n + 0 }' \
    "${WORK}/smi-list")"
if [[ "${discovery_status}" -ne 0 || "${found}" -eq 0 ]]; then
    finish FAIL "nvidia-smi -L lists ${listed} device(s) but the module found none: ${reason:-see its log above}"
fi
if [[ "${found}" -ne "${listed}" ]]; then
    finish FAIL "the module found ${found} device(s), nvidia-smi -L lists ${listed}"
fi
summary="the module found ${found} device(s), as nvidia-smi -L"

# 2. A pod with one GPU through the plugin, where Docker has the NVIDIA runtime.
if ! timeout 20 docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"nvidia"'; then
    finish PASS "${summary}; no Docker engine with an nvidia runtime here, so no pod was run"
fi
command -v curl >/dev/null 2>&1 || finish FAIL "${summary}; curl is missing, so the plugin cannot be driven"

dind="${GPU_CHECK_DIND_IMAGE:-}"
if [[ -z "${dind}" ]]; then
    for candidate in interlink-jvm/dind:local docker:dind; do
        if timeout 20 docker image inspect "${candidate}" >/dev/null 2>&1; then
            dind="${candidate}"
            break
        fi
    done
fi
if [[ -z "${dind}" && -x "${HERE}/build-dind-image.sh" ]]; then
    echo "--- building interlink-jvm/dind:local with scripts/build-dind-image.sh"
    timeout 120 "${HERE}/build-dind-image.sh" && dind="interlink-jvm/dind:local"
fi
[[ -n "${dind}" ]] || finish FAIL "${summary}; no DIND image (set GPU_CHECK_DIND_IMAGE)"
image="${GPU_CHECK_IMAGE:-${dind}}"

cat >"${WORK}/config.yaml" <<YAML
SidecarPort: 0
DataRootFolder: ${WORK}/data
AVAILABLEDINDS: 0
Docker:
  DindImage: ${dind}
  GpuDindImage: ${GPU_CHECK_GPU_DIND_IMAGE:-${dind}}
YAML
INTERLINKCONFIGPATH="${WORK}/config.yaml" timeout "$(left_s)" "${JAVA}" \
    -cp "${BUNDLE}/plugin/interlink-docker-plugin.jar:${BUNDLE}/lib/interlink-jvm-gpu-nvidia.jar" \
    eu.interlink.jvm.host.Main >"${WORK}/plugin.log" 2>&1 &
PLUGIN_PID=$!
url=""
for _ in $(seq 1 600); do
    url="$(grep -o 'listening on http://[0-9.:]*' "${WORK}/plugin.log" | head -n 1 | sed 's/listening on //')"
    [[ -n "${url}" ]] && break
    kill -0 "${PLUGIN_PID}" 2>/dev/null || break
    sleep 0.1
done
if [[ -z "${url}" ]]; then
    tail -n 30 "${WORK}/plugin.log"
    finish FAIL "${summary}; the plugin did not start"
fi
echo "--- plugin at ${url}; health ping: $(curl -s -m 10 -X GET "${url}/status" -d '[]')"

uid="$(cat /proc/sys/kernel/random/uuid)"
pod='{"metadata":{"name":"gpu-check","namespace":"gpu-check","uid":"'"${uid}"'"},'
pod+='"spec":{"restartPolicy":"Never","terminationGracePeriodSeconds":0,"containers":[{"name":"main",'
pod+='"image":"'"${image}"'","imagePullPolicy":"IfNotPresent","command":["nvidia-smi","-L"],'
pod+='"resources":{"limits":{"nvidia.com/gpu":"1"}}}]}}'
created="$(curl -s -m 30 -w ' HTTP %{http_code}' -X POST "${url}/create" -d '{"pod":'"${pod}"',"container":[{"name":"main"}]}')"
echo "--- create: ${created}"
if [[ "${created}" != *"HTTP 200" ]]; then
    tail -n 30 "${WORK}/plugin.log"
    finish FAIL "${summary}; the plugin refused the GPU pod: ${created}"
fi

status=""
while ((SECONDS < BUDGET_S - 20)); do
    status="$(curl -s -m 10 -X GET "${url}/status" -d "[${pod}]")"
    [[ "${status}" == *'"terminated"'* ]] && break
    sleep 1
done
echo "--- status: ${status}"
logs="$(curl -s -m 10 -X GET "${url}/getLogs" -d '{"Namespace":"gpu-check","PodUID":"'"${uid}"'","PodName":"gpu-check",'`
    `'"ContainerName":"main","Opts":{"Tail":0,"Bytes":0,"Timestamps":false,"Follow":false,"Previous":false,'`
    `'"SinceSeconds":0,"SinceTime":"0001-01-01T00:00:00Z"}}')"
echo "--- the container's log:"
echo "${logs}"
curl -s -m 30 -X POST "${url}/delete" -d "${pod}" >/dev/null
echo "--- deleted"

if [[ "${status}" != *'"terminated"'* ]]; then
    tail -n 30 "${WORK}/plugin.log"
    finish FAIL "${summary}; the GPU pod did not end in time"
fi
gpus="$(grep -cE '^GPU [0-9]+:' <<<"${logs}")"
if [[ "${gpus}" -ne 1 ]]; then
    finish FAIL "${summary}; the pod asking for one GPU saw ${gpus} GPU line(s) in nvidia-smi -L"
fi
finish PASS "${summary}; a pod asking for nvidia.com/gpu: 1 saw exactly one GPU ($(grep -E '^GPU [0-9]+:' <<<"${logs}"))"
