#!/usr/bin/env bash
# Prepares what scripts/gpu-check.sh needs on a GPU machine that has no network and maybe no Java.
#
#   scripts/gpu-check-bundle.sh [--no-build]
#
# Builds the plugin and the NVIDIA module (offline Maven; --no-build takes the jars already in */target), then makes
# target/gpu-check/ (ignored by git), self-contained:
#   lib/     the NVIDIA module's jar, the api jar, slf4j-api and slf4j-simple (the discovery check's classpath)
#   plugin/  interlink-docker-plugin.jar (the plugin with its dependencies inside)
#   jre/     a Java runtime made with jlink from this machine's JDK, with only the modules the plugin uses
#   gpu-check.sh, a copy of the check script, to run from the folder itself
# and stops when the folder is over 64 MiB, the most a device run can carry.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly OUT="${ROOT}/target/gpu-check"
readonly MAX_BYTES=$((64 * 1024 * 1024))
# What `jdeps --print-module-deps` finds in the plugin jar's classes, plus java.xml (logback reads its XML
# configuration through it), less java.desktop, java.compiler, java.sql and java.security.jgss, which only optional
# code paths reach (the plugin starts and serves without them; checked below). java.management and jdk.management
# stay: /metrics' JVM meters read the JVM's MXBeans at start.
readonly MODULES="java.base,java.xml,java.naming,java.net.http,java.management,jdk.management,jdk.unsupported"

fail() {
    echo "gpu-check-bundle: $*" >&2
    exit 1
}

cd "${ROOT}"
if [[ "${1:-}" != "--no-build" ]]; then
    mvn -B -o -q package -DskipTests -pl host,runtime-gpu-nvidia -am
fi

version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
slf4j="$(sed -n 's:.*<slf4j.version>\(.*\)</slf4j.version>.*:\1:p' pom.xml)"
repo="${HOME}/.m2/repository/org/slf4j"
for jar in "runtime-gpu-nvidia/target/interlink-jvm-gpu-nvidia-${version}.jar" \
    "api/target/interlink-jvm-api-${version}.jar" host/target/interlink-docker-plugin.jar \
    "${repo}/slf4j-api/${slf4j}/slf4j-api-${slf4j}.jar" "${repo}/slf4j-simple/${slf4j}/slf4j-simple-${slf4j}.jar"; do
    [[ -f "${jar}" ]] || fail "missing ${jar}: build without --no-build, or resolve slf4j-simple ${slf4j} once online"
done

rm -rf "${OUT}"
mkdir -p "${OUT}/lib" "${OUT}/plugin"
cp "runtime-gpu-nvidia/target/interlink-jvm-gpu-nvidia-${version}.jar" "${OUT}/lib/interlink-jvm-gpu-nvidia.jar"
cp "api/target/interlink-jvm-api-${version}.jar" "${OUT}/lib/interlink-jvm-api.jar"
cp "${repo}/slf4j-api/${slf4j}/slf4j-api-${slf4j}.jar" "${OUT}/lib/slf4j-api.jar"
cp "${repo}/slf4j-simple/${slf4j}/slf4j-simple-${slf4j}.jar" "${OUT}/lib/slf4j-simple.jar"
cp host/target/interlink-docker-plugin.jar "${OUT}/plugin/"
cp scripts/gpu-check.sh "${OUT}/"

jlink --add-modules "${MODULES}" --strip-debug --no-man-pages --no-header-files --compress=2 --output "${OUT}/jre"
# The JDK's shared libraries keep their symbol tables; the runtime does not need them.
find "${OUT}/jre/lib" -name '*.so' -exec strip --strip-unneeded {} +

# The plugin must start and answer its health ping on the bundled runtime, or the bundle is no use.
check="$(mktemp -d)"
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "${check}"' EXIT
printf 'SidecarPort: 0\nDataRootFolder: %s/data\nAVAILABLEDINDS: 0\n' "${check}" >"${check}/config.yaml"
INTERLINKCONFIGPATH="${check}/config.yaml" GPUENABLED=0 timeout 60 "${OUT}/jre/bin/java" \
    -cp "${OUT}/plugin/interlink-docker-plugin.jar:${OUT}/lib/interlink-jvm-gpu-nvidia.jar" \
    eu.interlink.jvm.host.Main >"${check}/plugin.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 300); do
    url="$(grep -o 'listening on http://[0-9.:]*' "${check}/plugin.log" | head -n 1 | sed 's/listening on //')" || true
    [[ -n "${url}" ]] && break
    kill -0 "${pid}" 2>/dev/null || break
    sleep 0.1
done
[[ -n "${url}" ]] || { cat "${check}/plugin.log" >&2; fail "the plugin does not start on the bundled runtime"; }
curl -sf -m 10 -X GET "${url}/status" -d '[]' >/dev/null \
    || { cat "${check}/plugin.log" >&2; fail "the plugin does not answer /status on the bundled runtime"; }
kill "${pid}"
wait "${pid}" 2>/dev/null || true

bytes="$(du -sb "${OUT}" | cut -f1)"
((bytes <= MAX_BYTES)) || fail "${OUT} has ${bytes} bytes, over the ${MAX_BYTES} a device run carries"
echo "gpu-check bundle: ${OUT} ($((bytes / 1024 / 1024)) MiB; runtime modules ${MODULES})"
