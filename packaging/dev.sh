#!/bin/sh
# The whole developer setup on a fresh Debian 12 machine.
#   sh packaging/dev.sh run    install what is missing, build, launch the app on the demo case
#   sh packaging/dev.sh test   install what is missing, build with -Werror, run every test,
#                              then build and run them again under AddressSanitizer + UBSan,
#                              then fuzz the checklist parsers for a bounded time (clang, build-fuzz)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-}
jobs=$(nproc 2>/dev/null || echo 2)

install_missing() {
    missing=""
    for pkg in $(grep -v '^#' "$here/packaging/build-deps.txt"); do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    echo "Installing Debian packages:$missing"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

build() { # build DIR [cmake options...]
    dir=$1
    shift
    cmake -S "$here" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
    cmake --build "$dir" -j "$jobs"
}

case "$mode" in
run)
    install_missing
    build "$here/build"
    # The demo's own people (build/demo-home): nurse.demo and dr.demo, password demo-password.
    REVIEWDESK_HOME="$here/build/demo-home" exec "$here/build/bin/reviewdesk" "$here/build/demo/demo-rivera.rdcase"
    ;;
test)
    install_missing
    # The code is formatted with the repository's .clang-format.
    git -C "$here" ls-files '*.cpp' '*.h' | (cd "$here" && xargs clang-format --dry-run --Werror)
    build "$here/build-ci" -DREVIEWDESK_WERROR=ON
    ctest --test-dir "$here/build-ci" --output-on-failure -j "$jobs"
    build "$here/build-asan" -DREVIEWDESK_WERROR=ON -DREVIEWDESK_SANITIZE=ON -DREVIEWDESK_BUILD_BENCH=OFF
    ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --test-dir "$here/build-asan" --output-on-failure -j "$jobs"
    # Bounded fuzzing of the checklist parsers (libFuzzer; needs clang and libclang-rt-dev):
    # FUZZ_SECONDS each (default 60), new inputs kept in build-fuzz/corpus, seeds in tests/fuzz/corpus.
    fuzz="$here/build-fuzz"
    CC=clang CXX=clang++ cmake -S "$here" -B "$fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DREVIEWDESK_FUZZ=ON -DREVIEWDESK_BUILD_BENCH=OFF
    cmake --build "$fuzz" -j "$jobs" --target fuzz_policy_loader fuzz_case_json
    for pair in policy_loader:policy case_json:case; do
        target=${pair%%:*}
        seeds=${pair#*:}
        mkdir -p "$fuzz/corpus/$seeds"
        (cd "$fuzz" && "./bin/fuzz_$target" -max_total_time="${FUZZ_SECONDS:-60}" -timeout=10 \
            -rss_limit_mb=2048 -print_final_stats=1 "corpus/$seeds" "$here/tests/fuzz/corpus/$seeds")
    done
    ;;
*)
    echo "usage: sh packaging/dev.sh run|test" >&2
    exit 2
    ;;
esac
