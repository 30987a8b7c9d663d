#!/usr/bin/env bash
# Builds the plugin's image (packaging/Dockerfile) with no registry.
#
#   scripts/build-host-image.sh [--base IMAGE] [TAG]        (default tag: interlink-jvm/interlink-docker-plugin:local)
#
# Without --base, the base image is interlink-jvm/jre:local, made once (kept while present) from this machine's JDK:
# a Java runtime made with jlink, with only the modules the plugin uses, plus the libraries it loads, imported as an
# image FROM scratch. With --base, that image is the base (e.g. eclipse-temurin:17-jre where a registry is reachable).
# The plugin jar must have been built (mvn -B package -DskipTests); only the jar is sent to the engine as context.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly JAR="${ROOT}/host/target/interlink-docker-plugin.jar"
readonly JRE_TAG="interlink-jvm/jre:local"
readonly JAVA_HOME_IN_IMAGE="/opt/java/openjdk"
# What jdeps finds the plugin needs, plus java.xml for logback's configuration and java.management with
# jdk.management for the JVM and process meters of /metrics.
readonly MODULES="java.base,java.xml,java.naming,java.net.http,jdk.unsupported,java.management,jdk.management"

fail() {
    echo "build-host-image: $*" >&2
    exit 1
}

BASE=""
TAG="interlink-jvm/interlink-docker-plugin:local"
while (($# > 0)); do
    case "$1" in
        --base)
            (($# >= 2)) || fail "--base needs an image"
            BASE="$2"
            shift 2
            ;;
        -*) fail "unknown option '$1'; usage: $0 [--base IMAGE] [TAG]" ;;
        *)
            TAG="$1"
            shift
            ;;
    esac
done

command -v docker >/dev/null || fail "'docker' (the CLI) not found on PATH; install Docker Engine (apt-get install docker.io)"
docker info >/dev/null 2>&1 || fail "no Docker engine answers; start one (scripts/start-docker.sh) and retry"
[[ -f "${JAR}" ]] || fail "no ${JAR}: build it first (mvn -B package -DskipTests)"

# Copies every shared library that a file loads, the dynamic loader included, to the same path under $1.
copy_libraries() {
    local root="$1" file="$2" library
    for library in $(ldd "${file}" 2>/dev/null | grep -o '/[^ ]*' || true); do
        if [[ ! -e "${root}${library}" ]]; then
            mkdir -p "${root}$(dirname "${library}")"
            cp -L "${library}" "${root}${library}"
        fi
    done
}

build_jre_image() {
    local jlink root file
    jlink="${JAVA_HOME:+${JAVA_HOME}/bin/}jlink"
    command -v "${jlink}" >/dev/null || fail "'${jlink}' not found; install a JDK 17 or later (apt-get install openjdk-17-jdk-headless)"
    command -v ldd >/dev/null || fail "'ldd' not found; install libc-bin"
    root="$(mktemp -d)"
    trap 'rm -rf "${root}"' RETURN
    mkdir -p "${root}/opt/java" "${root}/etc" "${root}/tmp" "${root}/proc" "${root}/sys" "${root}/dev"
    chmod 1777 "${root}/tmp"
    "${jlink}" --add-modules "${MODULES}" --strip-debug --no-man-pages --no-header-files --compress=2 \
        --output "${root}${JAVA_HOME_IN_IMAGE}"
    while IFS= read -r -d '' file; do
        copy_libraries "${root}" "${file}"
    done < <(find "${root}${JAVA_HOME_IN_IMAGE}" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0)
    # The name resolver's modules, which glibc loads at run time without ldd seeing them.
    for file in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2; do
        if [[ -e "${file}" ]]; then
            copy_libraries "${root}" "${file}"
            cp -L "${file}" "${root}${file}"
        fi
    done
    printf 'root:x:0:0:root:/root:/sbin/nologin\n' >"${root}/etc/passwd"
    printf 'root:x:0:\n' >"${root}/etc/group"
    printf 'hosts: files dns\n' >"${root}/etc/nsswitch.conf"
    mkdir -p "${root}/root"
    tar -C "${root}" -c . | docker import \
        -c "ENV JAVA_HOME=${JAVA_HOME_IN_IMAGE}" \
        -c "ENV PATH=${JAVA_HOME_IN_IMAGE}/bin:/usr/bin:/bin" \
        -m "Java runtime (${MODULES}) made with jlink by build-host-image.sh" \
        - "${JRE_TAG}" >/dev/null
    echo "build-host-image: built ${JRE_TAG}"
}

if [[ -z "${BASE}" ]]; then
    BASE="${JRE_TAG}"
    docker image inspect "${BASE}" >/dev/null 2>&1 || build_jre_image
fi

context="$(mktemp -d)"
trap 'rm -rf "${context}"' EXIT
cp "${JAR}" "${context}/"
docker build -q -f "${ROOT}/packaging/Dockerfile" --build-arg "BASE_IMAGE=${BASE}" -t "${TAG}" "${context}" >/dev/null
echo "build-host-image: built ${TAG} on ${BASE}"
