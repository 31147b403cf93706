#!/bin/sh
# The whole developer setup on a fresh Debian 12 machine.
#   sh packaging/dev.sh run    install what is missing, build, launch the app on the demo case
#   sh packaging/dev.sh workspace  the same, then a local team workspace (PostgreSQL) holding the
#                              demo's people and cases (docs/workspace.md); workspace-stop ends it
#   sh packaging/dev.sh test   install what is missing, build with -Werror, run every test,
#                              build the .deb, install it with apt and run the installed binaries,
#                              then build and run the tests again under AddressSanitizer + UBSan,
#                              then fuzz the checklist parsers for a bounded time (clang, build-fuzz)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-}
jobs=$(nproc 2>/dev/null || echo 2)

as_root() { # as_root COMMAND...: root runs it directly, others through sudo
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
    missing=""
    for pkg in $(grep -v '^#' "$here/packaging/build-deps.txt"); do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' && continue
        # NodeSource's nodejs (on some machine images) bundles npm and conflicts with Debian's npm
        # package: an npm already on the PATH is enough.
        [ "$pkg" = npm ] && command -v npm >/dev/null 2>&1 && continue
        missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    echo "Installing Debian packages:$missing"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}

# The Debian package of a build folder: cpack, its control data, apt install (dependencies resolve
# through apt), the installed binaries on the case-exchange sample, the desktop entry, AppStream
# metadata and man pages as installed.
check_package() { # check_package BUILD_DIR
    dir=$1
    for page in "$here"/packaging/man/*.1; do
        [ -z "$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)" ] ||
            { echo "package: $page has troff warnings" >&2; exit 1; }
    done
    rm -f "$dir"/reviewdesk_*.deb
    (cd "$dir" && cpack -G DEB)
    deb=$(ls "$dir"/reviewdesk_*.deb)
    dpkg-deb -I "$deb"
    dpkg-deb -f "$deb" Depends | grep -q 'libqt6widgets6' || { echo "package: no Qt dependency in $deb" >&2; exit 1; }
    listing=$(dpkg-deb -c "$deb")
    for path in usr/bin/reviewdesk usr/bin/reviewdesk-cli usr/bin/reviewdesk-pdfworker \
        usr/share/applications/org.reviewdesk.ReviewDesk.desktop usr/share/metainfo/org.reviewdesk.ReviewDesk.metainfo.xml \
        usr/share/mime/packages/org.reviewdesk.ReviewDesk.xml usr/share/icons/hicolor/scalable/apps/org.reviewdesk.ReviewDesk.svg \
        usr/share/icons/hicolor/256x256/apps/org.reviewdesk.ReviewDesk.png usr/share/man/man1/reviewdesk.1.gz \
        usr/share/man/man1/reviewdesk-cli.1.gz; do
        echo "$listing" | grep -q " \./$path\$" || { echo "package: $path missing from $deb" >&2; exit 1; }
    done
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall --no-install-recommends "$deb"
    /usr/bin/reviewdesk-cli --version
    /usr/bin/reviewdesk-cli evaluate "$here/tests/data/case-exchange-sample.json" >/dev/null
    # The installed CLI finds the installed PDF worker (new --attach checks each PDF in it).
    # A roster of its own (administrator, one reviewer) in a temporary trust folder, as an
    # administrator makes one (docs/security.md).
    tmp=$(mktemp -d)
    export REVIEWDESK_HOME="$tmp/home" REVIEWDESK_CONFIG_DIR="$tmp/etc"
    # The shipped binaries seal keys at the full Argon2id cost whatever the environment says.
    echo "package check admin" | REVIEWDESK_TEST_FAST_KDF=1 /usr/bin/reviewdesk-cli user add check.admin \
        --name "Check Admin" --password-stdin
    grep -q '"memLimit": "67108864"' "$tmp/home/users.json" ||
        { echo "package: reviewdesk-cli sealed a key below the interactive Argon2id cost" >&2; exit 1; }
    ! grep -qa REVIEWDESK_TEST_FAST_KDF /usr/bin/reviewdesk /usr/bin/reviewdesk-cli ||
        { echo "package: a shipped binary knows REVIEWDESK_TEST_FAST_KDF" >&2; exit 1; }
    echo "package check admin" | /usr/bin/reviewdesk-cli roster init "$tmp/roster.json" --admin check.admin \
        --password-stdin --trust-file "$tmp/etc/trust.json"
    echo "package check nurse" | /usr/bin/reviewdesk-cli user add check.nurse --name "Check Nurse" \
        --password-stdin --request-out "$tmp/nurse.json"
    echo "package check admin" | /usr/bin/reviewdesk-cli roster add "$tmp/roster.json" --request "$tmp/nurse.json" \
        --role reviewer --admin check.admin --password-stdin
    echo "package check nurse" | /usr/bin/reviewdesk-cli new "$tmp/case.rdcase" \
        --from "$here/tests/data/case-exchange-sample.json" --attach "$dir/testpdfs/clinic-note.pdf" \
        --user check.nurse --password-stdin
    /usr/bin/reviewdesk-cli verify "$tmp/case.rdcase" >/dev/null
    unset REVIEWDESK_HOME REVIEWDESK_CONFIG_DIR
    rm -rf "$tmp"
    QT_QPA_PLATFORM=offscreen /usr/bin/reviewdesk --version
    desktop-file-validate /usr/share/applications/org.reviewdesk.ReviewDesk.desktop
    appstreamcli validate --no-net /usr/share/metainfo/org.reviewdesk.ReviewDesk.metainfo.xml
    echo "package: $deb installs and runs"
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
    # The demo's own people (build/demo-home): nurse.demo and dr.demo, password demo-password; its own
    # organization roster and trust file (build/demo-config).
    REVIEWDESK_HOME="$here/build/demo-home" REVIEWDESK_CONFIG_DIR="$here/build/demo-config" \
        exec "$here/build/bin/reviewdesk" "$here/build/demo/demo-rivera.rdcase"
    ;;
test)
    install_missing
    # The code is formatted with the repository's .clang-format.
    git -C "$here" ls-files '*.cpp' '*.h' | (cd "$here" && xargs clang-format --dry-run --Werror)
    # Line tables only (-g1) in both test builds: the same -O2 code and warnings as RelWithDebInfo, file
    # and line in sanitizer reports, and much less compile and link time than full debug info (CI has
    # 30 minutes on two cores for everything below).
    build "$here/build-ci" -DREVIEWDESK_WERROR=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
    ctest --test-dir "$here/build-ci" --output-on-failure -j "$jobs"
    check_package "$here/build-ci"
    build "$here/build-asan" -DREVIEWDESK_WERROR=ON -DREVIEWDESK_SANITIZE=ON -DREVIEWDESK_BUILD_BENCH=OFF \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
    ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --test-dir "$here/build-asan" --output-on-failure -j "$jobs"
    # Bounded fuzzing of the checklist parsers (libFuzzer; needs clang and libclang-rt-dev):
    # FUZZ_SECONDS each (default 30), new inputs kept in build-fuzz/corpus, seeds in tests/fuzz/corpus.
    fuzz="$here/build-fuzz"
    CC=clang CXX=clang++ cmake -S "$here" -B "$fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DREVIEWDESK_FUZZ=ON -DREVIEWDESK_BUILD_BENCH=OFF
    cmake --build "$fuzz" -j "$jobs" --target fuzz_policy_loader fuzz_case_json
    for pair in policy_loader:policy case_json:case; do
        target=${pair%%:*}
        seeds=${pair#*:}
        mkdir -p "$fuzz/corpus/$seeds"
        (cd "$fuzz" && "./bin/fuzz_$target" -max_total_time="${FUZZ_SECONDS:-30}" -timeout=10 \
            -rss_limit_mb=2048 -print_final_stats=1 "corpus/$seeds" "$here/tests/fuzz/corpus/$seeds")
    done
    ;;
workspace) # a local team workspace with the demo's people and cases (docs/workspace.md)
    install_missing
    build "$here/build"
    # A throw-away cluster of its own in build/workspace-pg on a private Unix socket (as the system
    # user reviewdesk-pg when run as root); trust authentication on that socket only: a demo.
    pg="$here/build/workspace-pg"
    sh "$here/tests/workspace/pg_cluster.sh" start "$pg"
    sock=$(sh "$here/tests/workspace/pg_cluster.sh" socket "$pg")
    export REVIEWDESK_HOME="$here/build/demo-home" REVIEWDESK_CONFIG_DIR="$here/build/demo-config"
    cli="$here/build/bin/reviewdesk-cli"
    url() { echo "postgresql:///postgres?host=$sock&user=$1"; }
    "$cli" workspace init "$(url rdtest)"
    # Each person connects as their own role, in the group of their roster role.
    "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql" -q -h "$sock" -U rdtest -d postgres \
        -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nurse.demo') THEN CREATE ROLE "nurse.demo" LOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dr.demo') THEN CREATE ROLE "dr.demo" LOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'admin.demo') THEN CREATE ROLE "admin.demo" LOGIN; END IF;
END $$;
GRANT rd_reviewer TO "nurse.demo";
GRANT rd_medical_director TO "dr.demo";
GRANT rd_admin TO "admin.demo";
SQL
    "$cli" workspace roster "$(url admin.demo)" "$REVIEWDESK_CONFIG_DIR/roster.json" 2>/dev/null ||
        echo "(the workspace holds this roster already)"
    for case in "$here"/build/demo/*.rdcase; do
        # Imported once: a second run finds them there.
        "$cli" workspace import "$(url nurse.demo)" "$case" >/dev/null 2>"$pg/import.err" ||
            grep -q "already holds" "$pg/import.err" || cat "$pg/import.err" >&2
    done
    "$cli" workspace list "$(url nurse.demo)"
    echo "The demo workspace: $(url nurse.demo) (dr.demo, admin.demo likewise; passwords of their keys:"
    echo "demo-password). Try: $cli workspace take '$(url nurse.demo)'"
    echo "Stop it with: sh packaging/dev.sh workspace-stop"
    ;;
workspace-stop)
    sh "$here/tests/workspace/pg_cluster.sh" stop "$here/build/workspace-pg"
    ;;
package) # only the package check, on an existing build folder (default build-ci)
    check_package "${2:-$here/build-ci}"
    ;;
*)
    echo "usage: sh packaging/dev.sh run|workspace|workspace-stop|test|package [BUILD_DIR]" >&2
    exit 2
    ;;
esac
