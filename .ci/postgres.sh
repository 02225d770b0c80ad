#!/usr/bin/env bash
# A throwaway PostgreSQL server for the ledger's tests: a cluster initdb'd in a folder of its own, on 127.0.0.1 on a
# free port, trusted local logins, nothing kept.
#
#   .ci/postgres.sh start <dir>   # installs Debian's postgresql package if missing (as root), starts the server, and
#                                 # writes the Npgsql connection string to <dir>/connection (also printed)
#   .ci/postgres.sh stop <dir>    # stops it and removes <dir> (safe to call twice, or when start failed midway)
#
# <dir>: a fresh folder whose parents the postgres user can traverse (mktemp -d under /tmp).
#
# .ci/run starts it before the tests, exports OPPORTUNITYSCORING_TEST_POSTGRES and stops it on every exit path (trap).
# The tests start one the same way when the variable is absent (docs/ledger.md).
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop <dir>" >&2; exit 2; }

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# The server refuses to run as root: as root, run it as the postgres user; otherwise as whoever we are.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    bin=$(bin_dir)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
      [ "$(id -u)" = 0 ] || { echo "PostgreSQL is not installed and this is not root: apt-get install postgresql" >&2; exit 1; }
      echo "installing PostgreSQL (Debian's postgresql package)…" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -q postgresql >&2 || { apt-get update -q >&2 && apt-get install -y -q postgresql >&2; }
      bin=$(bin_dir)
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: a test cluster is thrown away, and a durable commit per 5,000-row transaction is the store's job in production.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2 \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "$bin" > "$dir/bin"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" | tee "$dir/connection"
    ;;
  stop)
    if [ -f "$dir/bin" ] && [ -d "$dir/data" ]; then
      as_owner "$(cat "$dir/bin")/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop <dir>" >&2; exit 2 ;;
esac
