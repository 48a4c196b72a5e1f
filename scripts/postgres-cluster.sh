#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite and for developers.
#
#   scripts/postgres-cluster.sh start DIR   initdb (once) and start on a free 127.0.0.1 port
#                                           (started again: the port of DIR/url, when free);
#                                           prints postgres://evalgate@127.0.0.1:PORT/postgres
#                                           and writes it to DIR/url
#   scripts/postgres-cluster.sh stop DIR    stops it (pg_ctl stop -m fast); nothing to do is fine
#   scripts/postgres-cluster.sh url DIR     prints the URL of the running cluster
#
# Layout: DIR/data (the cluster), DIR/.s.PGSQL.PORT (its socket), DIR/postgres.log, DIR/url.
# Authentication is `trust` and the server listens on 127.0.0.1 only: for tests, never for data
# that matters. PostgreSQL refuses to run as root, so as root the server runs as the system user
# `postgres` (Debian's package creates it), or `evalgate-pg`, created here when neither exists.
#
# Environment: EVALGATE_PG_BINDIR (the directory holding initdb and pg_ctl; default the newest
# /usr/lib/postgresql/*/bin, else initdb on PATH, else `pg_config --bindir`), EVALGATE_PG_USER
# (the user to run as when root).
#
# Exit codes: 0 done, 1 failed, 2 usage, 3 PostgreSQL's server binaries are not installed (the
# test suite's global setup reads 3 as "no PostgreSQL here", not as a failure).
set -euo pipefail

readonly DB_USER=evalgate
# Tests open a pool per store, several stores per file, two files at a time.
readonly MAX_CONNECTIONS=300

die() {
  echo "postgres-cluster: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
}

# The directory with initdb, pg_ctl and postgres, newest major version first.
find_bindir() {
  if [ -n "${EVALGATE_PG_BINDIR:-}" ]; then
    [ -x "$EVALGATE_PG_BINDIR/initdb" ] || die "EVALGATE_PG_BINDIR=$EVALGATE_PG_BINDIR holds no initdb"
    echo "$EVALGATE_PG_BINDIR"
    return
  fi
  local newest
  newest=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$newest" ]; then
    dirname "$newest"
    return
  fi
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  # Debian's pg_config comes with libpq-dev, without the server: check for initdb itself.
  if command -v pg_config >/dev/null 2>&1; then
    local bindir
    bindir=$(pg_config --bindir)
    if [ -x "$bindir/initdb" ]; then
      echo "$bindir"
      return
    fi
  fi
  echo "postgres-cluster: PostgreSQL's server is not installed (no initdb found): on Debian or Ubuntu run" \
    "'apt-get install -y postgresql', or set EVALGATE_PG_BINDIR to the directory holding initdb." >&2
  exit 3
}

# The unprivileged user the server runs as when we are root.
server_user() {
  if [ -n "${EVALGATE_PG_USER:-}" ]; then
    id -u "$EVALGATE_PG_USER" >/dev/null 2>&1 || die "EVALGATE_PG_USER=$EVALGATE_PG_USER does not exist"
    echo "$EVALGATE_PG_USER"
  elif id -u postgres >/dev/null 2>&1; then
    echo postgres
  else
    if ! id -u evalgate-pg >/dev/null 2>&1; then
      useradd --system --user-group --no-create-home --shell /usr/sbin/nologin evalgate-pg >&2 \
        || die "cannot create the system user evalgate-pg to run PostgreSQL as (PostgreSQL refuses root)"
    fi
    echo evalgate-pg
  fi
}

# Runs a command as the server's user: ourselves, or the unprivileged user when we are root.
# From / so that a working directory the user cannot enter (root's home) raises no warnings.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u "$RUN_AS" -- "$@")
  else
    (cd / && "$@")
  fi
}

# A TCP port no one listens on now: the kernel's pick for port 0, released at once. Another
# process may take it before the server binds it; `start` then retries with a new one.
free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    die "need node or python3 to find a free port"
  fi
}

# The locale of the cluster's databases. Not C when avoidable: the store sorts with COLLATE "C"
# itself, and a cluster whose default collation differs is the one that shows a missing COLLATE.
cluster_locale() {
  local available
  available=$(locale -a 2>/dev/null || true)
  if grep -qix 'en_US\.utf-\?8' <<<"$available"; then
    echo en_US.UTF-8
  elif grep -qix 'C\.utf-\?8' <<<"$available"; then
    echo C.UTF-8
  else
    echo C
  fi
}

# The port of the running server (line 4 of postmaster.pid), or nothing when it is not running.
running_port() {
  if as_server_user "$BINDIR/pg_ctl" status -D "$DATA" >/dev/null 2>&1; then
    sed -n 4p "$DATA/postmaster.pid"
  fi
}

url_for() {
  echo "postgres://$DB_USER@127.0.0.1:$1/postgres"
}

cmd_start() {
  mkdir -p "$DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown "$RUN_AS:" "$DIR"
    # The server's user must reach DIR through its parents (a DIR under /root cannot work).
    as_server_user test -w "$DIR" -a -x "$DIR" \
      || die "$RUN_AS cannot write $DIR: choose a directory it can reach, e.g. under /tmp"
  fi
  chmod 700 "$DIR"
  # The socket path is limited to 107 bytes (sun_path).
  [ "${#DIR}" -le 90 ] || die "DIR is too long for a socket path (${#DIR} characters; keep it under 90): $DIR"

  local port
  port=$(running_port)
  if [ -n "$port" ]; then
    url_for "$port" | tee "$DIR/url"
    return
  fi

  if [ ! -f "$DATA/PG_VERSION" ]; then
    [ ! -e "$DATA" ] || [ -z "$(ls -A "$DATA")" ] || die "$DATA exists but holds no cluster: remove it or choose another DIR"
    local locale
    locale=$(cluster_locale)
    as_server_user "$BINDIR/initdb" -D "$DATA" -U "$DB_USER" --auth=trust --encoding=UTF8 \
      --locale="$locale" --no-instructions >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; die "initdb failed (log above, also in $DIR/initdb.log)"; }
  fi

  # Started again, the cluster keeps the port its URL names (a saved EVALGATE_STORE_URL, a waiting
  # `reports wait`, still reach it); a new port only when that one is taken meanwhile.
  local previous=""
  [ -f "$DIR/url" ] && previous=$(sed -n 's#^postgres://[^@]*@127\.0\.0\.1:\([0-9][0-9]*\)/.*#\1#p' "$DIR/url")
  local attempt
  for attempt in 1 2 3 4 5; do
    if [ "$attempt" -eq 1 ] && [ -n "$previous" ]; then port=$previous; else port=$(free_port); fi
    if as_server_user "$BINDIR/pg_ctl" start -D "$DATA" -w -t 60 -l "$DIR/postgres.log" \
      -o "-p $port -k $DIR -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=$MAX_CONNECTIONS" \
      >/dev/null; then
      url_for "$port" | tee "$DIR/url"
      return
    fi
    # A port taken between our pick and the server's bind: try another. Anything else: stop.
    grep -q 'could not bind\|Address already in use' "$DIR/postgres.log" || break
    echo "postgres-cluster: port $port was taken (attempt $attempt), trying another" >&2
  done
  tail -n 20 "$DIR/postgres.log" >&2 || true
  die "the server did not start (log above, also in $DIR/postgres.log)"
}

cmd_stop() {
  if [ -z "$(running_port)" ]; then
    echo "postgres-cluster: the cluster in $DIR is not running" >&2
    return
  fi
  as_server_user "$BINDIR/pg_ctl" stop -D "$DATA" -m fast -w -t 60 >/dev/null \
    || die "pg_ctl stop failed for $DATA (see $DIR/postgres.log)"
}

cmd_url() {
  local port
  port=$(running_port)
  [ -n "$port" ] || die "no cluster is running in $DIR: start it with '$0 start $DIR'"
  url_for "$port"
}

[ $# -eq 2 ] || usage
readonly COMMAND=$1
case "$COMMAND" in start | stop | url) ;; *) usage ;; esac
[ -n "$2" ] || usage
# Absolute, because the server and pg_ctl run from /; and plain, because pg_ctl hands the
# server's options (the socket directory among them) to a shell.
DIR=$(realpath -m -- "$2")
readonly DIR DATA="$DIR/data"
case "$DIR" in *[[:space:]\'\"\\\$\`]*) die "DIR must not contain spaces, quotes, \\, \$ or \`: $DIR" ;; esac
if [ "$COMMAND" = stop ] && [ ! -f "$DATA/PG_VERSION" ]; then
  # Nothing can run without a cluster: stopping succeeds even where PostgreSQL is not installed.
  echo "postgres-cluster: no cluster in $DIR: nothing to stop" >&2
  exit 0
fi
BINDIR=$(find_bindir)
readonly BINDIR
if [ "$(id -u)" -eq 0 ]; then RUN_AS=$(server_user); else RUN_AS=$(id -un); fi
readonly RUN_AS

"cmd_$COMMAND"
