# Shared bootstrap for scripts/run, scripts/test, scripts/bench and scripts/mujun. Source it; do not run it.
# Installs missing system packages, starts the private PostgreSQL + PostGIS cluster under var/, builds the server.
set -euo pipefail

MUJUN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=${MUJUN_PG_PORT:-55432}
# The private cluster's folder (var/ by default; the crash tests start a throwaway cluster elsewhere with MUJUN_PG_DIR).
PG_DIR=${MUJUN_PG_DIR:-$MUJUN_ROOT/var}
PG_PORTFILE="$PG_DIR/pg.port"
[ -s "$PG_PORTFILE" ] && PG_PORT=$(cat "$PG_PORTFILE")
PG_DATA="$PG_DIR/pgdata"
PG_SOCK="$PG_DIR/run"
PG_PASSFILE="$PG_DIR/pg.password"
PG_OS_USER=postgres

say() { printf '\033[1m[mujun]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[mujun] %s\033[0m\n' "$*" >&2; exit 1; }

# Installs the Debian packages named in "$@" that are missing, as root or through sudo.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
      die "Missing system packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}"
    fi
  fi
  say "installing system packages: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get could not install: ${missing[*]}"
}

ensure_runtime_packages() {
  command -v java >/dev/null || die "No java on PATH: install a JDK 17."
  command -v mvn >/dev/null || die "No mvn on PATH: install Maven (apt-get install maven)."
  ensure_packages postgresql-15 postgresql-15-postgis-3 gdal-bin
}

# Runs a command as the unprivileged OS user that owns the cluster (PostgreSQL refuses to run as root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$PG_OS_USER" -- "$@"; else "$@"; fi
}

# The cluster's owner must be able to reach var/: grant traverse (x) on ancestors that lack it.
ensure_traversable() {
  [ "$(id -u)" -eq 0 ] || return 0
  local d="$MUJUN_ROOT"
  while [ "$d" != "/" ]; do
    if ! runuser -u "$PG_OS_USER" -- test -x "$d" 2>/dev/null; then
      say "granting traverse permission on $d to the database user"
      chmod o+x "$d"
    fi
    d=$(dirname "$d")
  done
}

pg_password() { cat "$PG_PASSFILE"; }

# True when something listens on 127.0.0.1:$1.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The private cluster's tuning, rewritten on every start into var/pgdata/mujun.conf (included from postgresql.conf). Memory, planner and checkpoint settings only: fsync, synchronous_commit and full_page_writes stay at
# PostgreSQL's durable defaults (on), so a write answered 2xx survives a crash of the server, PostgreSQL or the machine.
# A cluster made by an earlier release had `synchronous_commit = off` in postgresql.conf: that line is removed here.
ensure_durable_settings() {
  local conf="$PG_DATA/postgresql.conf"
  if grep -Eq '^[[:space:]]*(synchronous_commit|fsync|full_page_writes)[[:space:]]*=' "$conf"; then
    say "restoring PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes) in var/pgdata/postgresql.conf"
    sed -i -E 's/^[[:space:]]*(synchronous_commit|fsync|full_page_writes)[[:space:]]*=.*$/# (removed by Mujun: durable default) &/' "$conf"
  fi
  cat > "$PG_DATA/mujun.conf" <<CONF
# Written by scripts/lib.sh on every start; edit that file, not this one.
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 256MB
max_connections = 60
# Advisory locks per grid cell (overlap rules under concurrent writers): room for large edits.
max_locks_per_transaction = 256
jit = off
# Checkpoints: an import of 100,000 parcels writes about half a gigabyte of WAL, and a checkpoint that starts in its
# middle makes each page it touches next be written whole into the WAL again (full_page_writes, which stays on): room
# for a few such writes between checkpoints, and those page images compressed. Neither changes what survives a crash.
max_wal_size = 4GB
# A hot standby (start_private_standby) that was away a while can still follow: the last 512 MB of WAL are kept.
wal_keep_size = 512MB
wal_compression = lz4
CONF
  if [ -n "${MUJUN_WAL_ARCHIVE:-}" ]; then
    # Point-in-time recovery: every finished WAL segment is copied to the archive (never over one already there), and a
    # segment is finished at least every minute, so a restore can reach any moment up to a minute ago.
    mkdir -p "$MUJUN_WAL_ARCHIVE"; [ "$(id -u)" -eq 0 ] && chown "$PG_OS_USER" "$MUJUN_WAL_ARCHIVE"
    cat >> "$PG_DATA/mujun.conf" <<CONF
archive_mode = on
archive_command = 'test ! -f $MUJUN_WAL_ARCHIVE/%f && cp %p $MUJUN_WAL_ARCHIVE/%f'
archive_timeout = 60
CONF
  fi
  grep -q "^include_if_exists = 'mujun.conf'" "$conf" || echo "include_if_exists = 'mujun.conf'" >> "$conf"
  [ "$(id -u)" -eq 0 ] && chown "$PG_OS_USER" "$PG_DATA/mujun.conf"
  return 0
}

# Starts the private cluster under var/ (initialising it on first use). Idempotent.
start_private_cluster() {
  mkdir -p "$PG_DIR"
  ensure_traversable
  if [ "$(id -u)" -eq 0 ]; then PG_OS_USER=postgres; else PG_OS_USER=$(id -un); fi
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    say "initialising the private PostgreSQL cluster in var/pgdata"
    umask 077
    [ -s "$PG_PASSFILE" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$PG_PASSFILE"
    umask 022
    mkdir -p "$PG_DATA" "$PG_SOCK"
    local tmppw; tmppw=$(mktemp); cp "$PG_PASSFILE" "$tmppw"
    if [ "$(id -u)" -eq 0 ]; then chown "$PG_OS_USER" "$PG_DATA" "$PG_SOCK" "$tmppw"; fi
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$tmppw" -E UTF8 --locale=C.UTF-8 \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 >/dev/null
    rm -f "$tmppw"
    cat >> "$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_SOCK'
CONF
  fi
  ensure_durable_settings
  mkdir -p "$PG_SOCK"; [ "$(id -u)" -eq 0 ] && chown "$PG_OS_USER" "$PG_SOCK"
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" reload >/dev/null
  else
    if port_busy "$PG_PORT"; then
      # Another PostgreSQL (e.g. another checkout's) holds the port: the test suite moves to a free one; run refuses.
      [ "${MUJUN_PG_PORT_FALLBACK:-}" = 1 ] || die "Port $PG_PORT is used by another program. Stop it, or set DATABASE_URL to use that PostgreSQL."
      local p
      for p in $(seq $((PG_PORT + 1)) $((PG_PORT + 20))); do port_busy "$p" || { PG_PORT=$p; break; }; done
      port_busy "$PG_PORT" && die "No free port near $PG_PORT for the private PostgreSQL."
    fi
    echo "$PG_PORT" > "$PG_PORTFILE"
    say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/postgres.log" -o "-p $PG_PORT" -w -t 60 start >/dev/null \
      || die "PostgreSQL did not start; see var/pgdata/postgres.log"
  fi
}

# A hot standby of the private cluster (PostgreSQL streaming replication) in $PG_DIR/standby: copied with pg_basebackup
# on first use (made again when it has fallen too far behind to follow), started on the next free port above the
# primary's, and the port written to $PG_DIR/standby.port. Reads that may lag (DATABASE_READ_URLS) go there.
start_private_standby() {
  local data="$PG_DIR/standby" portfile="$PG_DIR/standby.port" port p
  if [ ! -s "$data/PG_VERSION" ]; then
    say "copying the private cluster into a hot standby ($data)"
    rm -rf "$data"; mkdir -p "$data"; chmod 700 "$data"
    [ "$(id -u)" -eq 0 ] && chown "$PG_OS_USER" "$data"
    as_pg env PGPASSWORD="$(pg_password)" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$data" \
      -R -X stream -c fast -d "application_name=mujun_standby" || die "pg_basebackup could not copy the primary"
  fi
  if ! as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port=$((PG_PORT + 1))
    for p in $(seq $((PG_PORT + 1)) $((PG_PORT + 20))); do port_busy "$p" || { port=$p; break; }; done
    echo "$port" > "$portfile"
    say "starting the hot standby on 127.0.0.1:$port"
    as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$data/postgres.log" -o "-p $port" -w -t 120 start >/dev/null \
      || die "the hot standby did not start; see $data/postgres.log"
  fi
  # Streaming within 30 s, or too far behind (the WAL it needs is gone): copy it again, once.
  for p in $(seq 1 60); do
    psql_admin -d postgres -tAc "SELECT 1 FROM pg_stat_replication WHERE application_name = 'mujun_standby' AND state = 'streaming'" | grep -q 1 && return 0
    sleep 0.5
  done
  [ "${1:-}" = again ] && die "the hot standby does not follow the primary; see $data/postgres.log"
  say "the hot standby does not follow the primary: copying it again"
  as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
  rm -rf "$data"
  start_private_standby again
}

# Physical backup (scripts/mujun backup --physical --out DIR): a base backup of the whole cluster with pg_basebackup (plain
# files, checked against its own backup_manifest) in DIR/base; scripts/mujun then writes the database's manifest (mujun
# manifest) into DIR/manifest.json. Sets PHYSICAL_OUT to DIR. With WAL archiving on (MUJUN_WAL_ARCHIVE for the private cluster; archive_command on your own
# server) it restores to any moment after it. The copy is made as MUJUN_REPLICATION_URL (a role with the REPLICATION
# attribute), else as DATABASE_URL; without either, the private cluster's superuser copies it and its database mujun is
# the one described.
physical_backup() {
  local out="" conn
  while [ $# -gt 0 ]; do case $1 in --out) out=$2; shift 2 ;; --physical) shift ;; *) die "unknown option $1 (backup --physical --out DIR)" ;; esac; done
  [ -n "$out" ] || die "give --out DIR (a folder that does not exist yet)"
  [ -e "$out" ] && die "$out exists: a physical backup goes into a new folder"
  if [ -z "${DATABASE_URL:-}" ]; then
    start_private_cluster
    export DATABASE_URL=$(private_url mujun)
    conn=${MUJUN_REPLICATION_URL:-"postgresql://postgres:$(pg_password)@127.0.0.1:$PG_PORT/postgres"}
  else
    conn=${MUJUN_REPLICATION_URL:-$DATABASE_URL}
  fi
  local archiving; archiving=$(psql -X -tA -d "$conn" -c "SELECT current_setting('archive_mode') <> 'off' AND current_setting('archive_command') <> ''")
  [ "$archiving" = t ] || say "warning: WAL archiving is off on this server: the backup restores to its own end only, not to a later moment"
  mkdir -p "$out"; chmod 700 "$out"
  [ "$(id -u)" -eq 0 ] && chown "$PG_OS_USER" "$out"
  say "base backup of the whole cluster into $out/base (pg_basebackup)"
  as_pg "$PG_BIN/pg_basebackup" -d "$conn" -D "$out/base" -Fp -X stream -c fast --manifest-checksums=SHA256 -P \
    || die "pg_basebackup failed (a role with REPLICATION is needed)"
  as_pg "$PG_BIN/pg_verifybackup" -q "$out/base" || die "the base backup does not match its own manifest"
  PHYSICAL_OUT=$out
  say "physical backup in $out ($(du -sh "$out/base" | cut -f1)); restore with: scripts/mujun restore --physical --in $out --wal-archive DIR --until TIME --pgdata NEWDIR"
}

# Point-in-time restore (scripts/mujun restore --physical --in DIR --wal-archive ARCHIVE --until TIME --pgdata NEWDIR
# [--port N]): copies the base backup into NEWDIR (a new folder), replays the archived WAL up to TIME (a timestamp with
# its zone, e.g. '2026-12-02 11:30:00+08') and opens it for writes there, on port N (default: the next free one). The
# restored cluster does not archive (turn it on again once you make it the primary). Prints its port.
physical_restore() {
  local in="" arch="" until="" data="" port=""
  while [ $# -gt 0 ]; do
    case $1 in
      --in) in=$2; shift 2 ;; --wal-archive) arch=$2; shift 2 ;; --until) until=$2; shift 2 ;; --pgdata) data=$2; shift 2 ;;
      --port) port=$2; shift 2 ;; --physical) shift ;;
      *) die "unknown option $1 (restore --physical --in DIR --wal-archive DIR --until TIME --pgdata NEWDIR [--port N])" ;;
    esac
  done
  [ -n "$in" ] && [ -n "$arch" ] && [ -n "$until" ] && [ -n "$data" ] || die "give --in, --wal-archive, --until and --pgdata"
  [ -d "$in/base" ] || die "$in holds no base backup (base/)"
  [ -d "$arch" ] || die "no WAL archive at $arch"
  [ -e "$data" ] && die "$data exists: a restore goes into a new folder"
  [[ "$until" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}[\ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([+-][0-9]{2}(:?[0-9]{2})?|Z)$ ]] \
    || die "--until must be a timestamp with its zone, such as '2026-12-02 11:30:00+08'"
  [[ "$until" == *Z ]] && until="${until%Z}+00"  # PostgreSQL's recovery target takes a numeric zone
  if [ "$(id -u)" -eq 0 ]; then PG_OS_USER=postgres; else PG_OS_USER=$(id -un); fi
  as_pg "$PG_BIN/pg_verifybackup" -q "$in/base" || die "the base backup does not match its own manifest"
  say "copying the base backup into $data"
  mkdir -p "$data"; cp -a "$in/base/." "$data/"; chmod 700 "$data"
  [ "$(id -u)" -eq 0 ] && chown -R "$PG_OS_USER" "$data"
  rm -f "$data/postmaster.pid" "$data/standby.signal" "$data/backup_manifest"
  cat >> "$data/postgresql.auto.conf" <<CONF
# Written by scripts/mujun restore --physical: replay the archive up to $until, then open for writes.
restore_command = 'cp "$arch/%f" "%p"'
recovery_target_time = '$until'
recovery_target_action = 'promote'
archive_mode = off
primary_conninfo = ''
CONF
  as_pg touch "$data/recovery.signal"
  if [ -z "$port" ]; then port=$((PG_PORT + 30)); while port_busy "$port"; do port=$((port + 1)); done; fi
  say "replaying the archived WAL up to $until (port $port)"
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$data/postgres.log" -o "-p $port" -w -t 600 start >/dev/null \
    || { tail -15 "$data/postgres.log" >&2; die "the restored cluster did not start; see $data/postgres.log"; }
  # Recovery ends (recovery.signal removed) at the target; a target beyond the archive's end stops the server instead.
  local i
  for i in $(seq 1 1200); do
    [ -f "$data/recovery.signal" ] || break
    as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1 || { tail -15 "$data/postgres.log" >&2; die "recovery stopped before $until (is the archive complete?); see $data/postgres.log"; }
    sleep 0.5
  done
  [ -f "$data/recovery.signal" ] && die "the restored cluster did not reach $until within 10 minutes; see $data/postgres.log"
  say "restored to $until: open for writes on 127.0.0.1:$port ($data)"
  echo "$port"
}

standby_url() { echo "postgresql://mujun:$(pg_password)@127.0.0.1:$(cat "$PG_DIR/standby.port")/$1"; }

psql_admin() { PGPASSWORD=$(pg_password) psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

# Creates database $1 (owned by role mujun) with PostGIS, unless it exists. $2=fresh drops it first.
ensure_database() {
  local db=$1 fresh=${2:-}
  psql_admin -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='mujun'" | grep -q 1 \
    || psql_admin -d postgres -c "CREATE ROLE mujun LOGIN PASSWORD '$(pg_password)'"
  if [ "$fresh" = fresh ]; then psql_admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"; fi
  if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    psql_admin -d postgres -c "CREATE DATABASE $db OWNER mujun ENCODING 'UTF8' TEMPLATE template0"
  fi
  psql_admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm"
}

private_url() { echo "postgresql://mujun:$(pg_password)@127.0.0.1:$PG_PORT/$1"; }

# Builds the server unless the jar is newer than every source file.
build_server() {
  local jar="$MUJUN_ROOT/server/target/mujun-server.jar"
  if [ -f "$jar" ] && [ -z "$(find "$MUJUN_ROOT/pom.xml" "$MUJUN_ROOT/server/pom.xml" "$MUJUN_ROOT/server/src/main" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  say "building the server (mvn package)"
  (cd "$MUJUN_ROOT" && mvn -q -B -DskipTests package) || die "the build failed"
}

server_java() {
  exec java ${MUJUN_JAVA_OPTS:--Xmx512m} -cp "$MUJUN_ROOT/server/target/mujun-server.jar:$MUJUN_ROOT/server/target/lib/*" mujun.Main "$@"
}
