#!/bin/sh
# A throw-away PostgreSQL cluster for the workspace tests and benchmarks.
#   pg_cluster.sh start DIR            initdb into DIR (once), start the server on a Unix socket only
#   pg_cluster.sh stop DIR             fast shutdown (the CTest fixture's cleanup)
#   pg_cluster.sh crash DIR            immediate shutdown: no checkpoint, as if the machine died
#   pg_cluster.sh socket DIR           print the socket folder (libpq's host=)
#   pg_cluster.sh standby DIR PRIMARY  a streaming replica of PRIMARY's running server (pg_basebackup
#                                      -R, once), started read-only in DIR; stop it as any other
#   pg_cluster.sh promote DIR          the replica becomes a read-write server (failover)
# The socket lives in a folder of its own under /tmp (a Unix socket path is limited to 107 bytes),
# named in DIR/socketdir, so that clusters of parallel builds never meet; no TCP port is opened.
# initdb and postgres refuse to run as root: as root the cluster runs as the system user
# reviewdesk-pg, created here when missing, and DIR is given to it.
set -eu
verb=$1
dir=$2
bin=${REVIEWDESK_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$bin/initdb" ] || { echo "pg_cluster.sh: no PostgreSQL server binaries (install postgresql)" >&2; exit 2; }
pguser=reviewdesk-pg

as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u "$pguser" -- "$@"; else "$@"; fi
}

# DIR made absolute, given to the server user when running as root, with its socket folder.
prepare() {
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then
        id "$pguser" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pguser"
        chown "$pguser" "$dir"
        # The server user must reach DIR: when it cannot, the folders above it get search permission
        # for others (x only: nothing in them becomes readable).
        if ! runuser -u "$pguser" -- test -x "$dir"; then
            d=$(dirname "$dir")
            while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d=$(dirname "$d"); done
        fi
    fi
    if [ ! -s "$dir/socketdir" ] || [ ! -d "$(cat "$dir/socketdir")" ]; then
        sock=$(mktemp -d /tmp/rdpg.XXXXXX)
        [ "$(id -u)" = 0 ] && chown "$pguser" "$sock"
        chmod 755 "$sock"
        echo "$sock" >"$dir/socketdir"
    fi
    sock=$(cat "$dir/socketdir")
}

case $verb in
start|standby)
    prepare
    if [ "$verb" = standby ] && [ ! -f "$dir/data/PG_VERSION" ]; then
        primary=$(cat "$3/socketdir")
        as_pg "$bin/pg_basebackup" -D "$dir/data" -R -X stream -c fast -h "$primary" -U rdtest >"$dir/basebackup.log" 2>&1 ||
            { cat "$dir/basebackup.log" >&2; exit 1; }
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        # Made aside and renamed when complete: a start killed half-way (a test timeout) must not leave
        # a cluster without the settings below (it would listen on TCP port 5432).
        rm -rf "$dir/data" "$dir/data.new"
        as_pg "$bin/initdb" -D "$dir/data.new" -U rdtest -A trust -E UTF8 --locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1 ||
            { cat "$dir/initdb.log" >&2; exit 1; }
        cat >>"$dir/data.new/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_permissions = 0777
max_connections = 200
shared_buffers = 32MB
fsync = ${REVIEWDESK_PG_FSYNC:-off}
full_page_writes = off
log_min_messages = warning
CONF
        mv "$dir/data.new" "$dir/data"
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-c unix_socket_directories=$sock" -w -t 60 start >/dev/null ||
            { tail -n 20 "$dir/server.log" >&2; exit 1; }
    fi
    # -w waits for the postmaster; wait for it to accept connections as well.
    tries=0
    until "$bin/pg_isready" -q -h "$sock" -U rdtest -d postgres; do
        tries=$((tries + 1))
        [ $tries -lt 600 ] || { echo "pg_cluster.sh: the server in $dir does not accept connections" >&2; exit 1; }
        "$bin/pg_isready" -h "$sock" -t 1 >/dev/null 2>&1 || true
    done
    ;;
stop)
    [ -f "$dir/data/PG_VERSION" ] || exit 0
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    [ -s "$dir/socketdir" ] && rm -rf "$(cat "$dir/socketdir")" "$dir/socketdir"
    ;;
crash)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
socket)
    cat "$dir/socketdir"
    ;;
promote)
    as_pg "$bin/pg_ctl" -D "$dir/data" -w -t 60 promote >/dev/null
    ;;
*)
    echo "usage: pg_cluster.sh start|stop|crash|socket|promote DIR | standby DIR PRIMARY_DIR" >&2
    exit 2
    ;;
esac
