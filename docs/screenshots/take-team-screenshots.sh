#!/bin/sh
# Retakes the user guide's team-mode screenshots (guide-team-*.png) from a build folder's app, CLI and
# demo cases, under Xvfb, against a throw-away PostgreSQL cluster of their own (the demo workspace as
# `sh packaging/dev.sh workspace` makes it).
#   sh docs/screenshots/take-team-screenshots.sh BUILD_DIR
# Needs xvfb (xvfb-run) and packaging/screenshot-deps.txt: xdotool, imagemagick (import) and the PostgreSQL server. Look at every picture
# before committing it.
set -eu
build=$(cd "${1:?usage: take-team-screenshots.sh BUILD_DIR}" && pwd)
out=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$out/../.." && pwd)
work=${TMPDIR:-/tmp}/reviewdesk-team-shots
pg="$work/pg"
sh "$src/tests/workspace/pg_cluster.sh" stop "$pg" 2>/dev/null || true
rm -rf "$work"
mkdir -p "$work"
trap 'sh "$src/tests/workspace/pg_cluster.sh" stop "$pg"; rm -rf "$work"' EXIT

sh "$src/tests/workspace/pg_cluster.sh" start "$pg"
sock=$(sh "$src/tests/workspace/pg_cluster.sh" socket "$pg")
url() { echo "postgresql:///postgres?host=$sock&user=$1"; }
cli="$build/bin/reviewdesk-cli"
export REVIEWDESK_HOME="$work/people" REVIEWDESK_CONFIG_DIR="$work/config"
cp -r "$build/demo-home" "$REVIEWDESK_HOME"
cp -r "$build/demo-config" "$REVIEWDESK_CONFIG_DIR"
"$cli" workspace init "$(url rdtest)" >/dev/null
"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql" -q -h "$sock" -U rdtest -d postgres -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
CREATE ROLE "nurse.demo" LOGIN; GRANT rd_reviewer TO "nurse.demo";
CREATE ROLE "dr.demo" LOGIN; GRANT rd_medical_director TO "dr.demo";
CREATE ROLE "admin.demo" LOGIN; GRANT rd_admin TO "admin.demo";
SQL
"$cli" workspace roster "$(url admin.demo)" "$REVIEWDESK_CONFIG_DIR/roster.json" >/dev/null
for case in "$build"/demo/*.rdcase; do "$cli" workspace import "$(url nurse.demo)" "$case" >/dev/null; done
# The two most urgent with the medical directors, the first held by one: the nurse sees it read-only
# with their name.
for i in 1 2; do
    taken=$("$cli" workspace take "$(url nurse.demo)" | cut -f1)
    "$cli" workspace route "$(url nurse.demo)" "$taken" --to medical-director >/dev/null
done
"$cli" workspace take "$(url dr.demo)" --queue medical-director >/dev/null
# The installation's workspace: the app opens it without an argument.
printf '{"url": "postgresql:///postgres?host=%s"}\n' "$sock" >"$REVIEWDESK_CONFIG_DIR/workspace.json"

. "$out/shot.sh"
# The app as nurse.demo on the installation's workspace; run:stop_workspace cuts it off.
setup=$(
    cat <<SETUP
export HOME="$work/reviewer" USER=reviewer
rm -rf "\$HOME"; mkdir -p "\$HOME/.config/ReviewDesk"
stop_workspace() { sh "$src/tests/workspace/pg_cluster.sh" crash "$pg"; }
"$build/bin/reviewdesk" & pid=\$!
SETUP
)

shot guide-team-queue.png "$setup" login sleep:1 focus sleep:1
shot guide-team-case.png "$setup" login sleep:1 focus ctrl+t sleep:3 m 1 sleep:1
shot guide-team-held.png "$setup" login sleep:1 focus ctrl+1 sleep:1 Home Return sleep:3
shot guide-team-unreachable.png "$setup" login sleep:1 focus ctrl+t sleep:3 run:stop_workspace sleep:4
sh "$src/tests/workspace/pg_cluster.sh" start "$pg"
