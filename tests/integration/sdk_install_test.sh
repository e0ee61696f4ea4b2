#!/bin/bash
# SDK install test: what a plugin author outside this repository experiences.
#
#   1. cmake --install <build> --component sdk into a fresh prefix;
#   2. the installed package must not point back into the build or source tree;
#   3. configure sdk/template with only that prefix (find_package(IngestSDK 1.0)), in a fresh
#      build directory, with -Werror;
#   4. build it and run its tests (unit tests against the fake host, and one that loads the
#      built .so through the daemon's own loader via Ingest::sdk_testing's harness);
#   5. the built library must export exactly one symbol, ingest_plugin_entry.
#
# Usage: sdk_install_test.sh --build-dir DIR --source-dir DIR --template DIR
#                            [--cmake PATH] [--ctest PATH] [--generator NAME]
set -euo pipefail

build_dir= source_dir= template= cmake=cmake ctest=ctest generator=
while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) build_dir=$2; shift 2 ;;
        --source-dir) source_dir=$2; shift 2 ;;
        --template) template=$2; shift 2 ;;
        --cmake) cmake=$2; shift 2 ;;
        --ctest) ctest=$2; shift 2 ;;
        --generator) generator=$2; shift 2 ;;
        *) echo "sdk_install_test.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ -z "$build_dir" ] || [ -z "$source_dir" ] || [ -z "$template" ]; then
    echo "usage: sdk_install_test.sh --build-dir DIR --source-dir DIR --template DIR" >&2
    exit 2
fi

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/ingest-sdk-install-XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

echo "== install the sdk component into $prefix"
"$cmake" --install "$build_dir" --prefix "$prefix" --component sdk

config=$(find "$prefix" -name IngestSDKConfig.cmake -print -quit)
[ -n "$config" ] || fail "no IngestSDKConfig.cmake under $prefix"
for f in include/ingest/plugin_abi.h include/ingest/sdk.hpp include/ingest/sdk/json_read.hpp \
         include/ingest/sdk/testing/fake_host.hpp include/ingest/sdk/testing/harness.hpp; do
    [ -f "$prefix/$f" ] || fail "$f is not installed"
done
[ -n "$(find "$prefix" -name 'libingest_sdk_testing.a' -print -quit)" ] ||
    fail "libingest_sdk_testing.a is not installed"
[ -n "$(find "$prefix" -name 'libingest_plugin_host.a' -print -quit)" ] ||
    fail "libingest_plugin_host.a is not installed"
if [ -d "$prefix/include/plugin_host" ]; then
    fail "the daemon's internal headers leaked into the SDK"
fi

echo "== the installed package must not refer to the build or source tree"
leaks=$(grep -rlF -e "$(cd "$build_dir" && pwd)" -e "$(cd "$source_dir" && pwd)" \
    "$(dirname "$config")" || true)
[ -z "$leaks" ] || fail "installed CMake files refer to the build or source tree: $leaks"

echo "== configure the template against $prefix only"
"$cmake" -S "$template" -B "$work/build" ${generator:+-G "$generator"} \
    -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
    -DCMAKE_CXX_FLAGS=-Werror
found=$(sed -n 's/^IngestSDK_DIR:PATH=//p' "$work/build/CMakeCache.txt")
case "$found" in
    "$prefix"/*) ;;
    *) fail "find_package(IngestSDK) found '$found', not the fresh install under $prefix" ;;
esac

echo "== build the template"
"$cmake" --build "$work/build"

echo "== run the template's tests"
"$ctest" --test-dir "$work/build" --output-on-failure --no-tests=error

echo "== the plugin exports exactly ingest_plugin_entry"
so=$(find "$work/build" -name 'ingest-source-static.so' -print -quit)
[ -n "$so" ] || fail "ingest-source-static.so was not built"
exported=$(nm -D --defined-only "$so" | awk '$2 ~ /^[A-Z]$/ && $2 != "A" {print $3}' | sort -u)
[ "$exported" = "ingest_plugin_entry" ] ||
    fail "ingest-source-static.so exports more than ingest_plugin_entry: $exported"

echo "PASS: the installed SDK builds, tests and loads the template plugin"
