#!/usr/bin/env bash
# Redis (Rasa's lock store) and PostgreSQL (Rasa's tracker store) on loopback, for the scale-out
# profile and its test. Installs Debian's packages when missing, starts both servers from a state
# folder of their own (not the system's clusters), creates the database and its user, and prints
# the connection settings as KEY=VALUE lines on stdout. Safe to run again: running servers are reused.
#
#   scripts/ensure-services.sh          install if needed, start, print settings
#   scripts/ensure-services.sh stop     stop the servers this script started
#
# Settings (environment): ZWGK_SERVICES_DIR (/tmp/zwgk-services), ZWGK_REDIS_PORT (56379),
# ZWGK_PG_PORT (55432), ZWGK_PG_DB / ZWGK_PG_USER / ZWGK_PG_PASSWORD (zwgk / zwgk / zwgk-scale-out).
# Exit codes: 0 ready, 3 the packages cannot be installed (as root or with passwordless sudo it installs
# them; otherwise it says what to install), 4 a server did not start.
set -euo pipefail

STATE=${ZWGK_SERVICES_DIR:-/tmp/zwgk-services}
REDIS_PORT=${ZWGK_REDIS_PORT:-56379}
PG_PORT=${ZWGK_PG_PORT:-55432}
PG_DB=${ZWGK_PG_DB:-zwgk}
PG_USER=${ZWGK_PG_USER:-zwgk}
PG_PASSWORD=${ZWGK_PG_PASSWORD:-zwgk-scale-out}
PG_DATA=$STATE/postgres/data
PG_SOCKETS=$STATE/postgres/sockets
STARTED=()

log() { echo "ensure-services: $*" >&2; }

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

cannot_install() {
    log "cannot install $1: $2"
    log "install them as root: apt-get install -y --no-install-recommends $1"
    exit 3
}

apt_install() {
    local sudo=""
    command -v apt-get >/dev/null || cannot_install "$*" "apt-get is not available"
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
            cannot_install "$*" "installing needs root (no passwordless sudo)"
        sudo="sudo -n"
    fi
    log "installing $* from Debian's packages"
    # Keep the packages' own init scripts from starting system-wide servers on the default ports.
    local policy=/usr/sbin/policy-rc.d own_policy=""
    if [ ! -e "$policy" ]; then
        $sudo sh -c "printf '#!/bin/sh\\nexit 101\\n' >$policy && chmod +x $policy" && own_policy=1
    fi
    local status=0
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 || {
        $sudo apt-get update -qq >&2 &&
            $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
    } || status=$?
    [ -n "$own_policy" ] && $sudo rm -f "$policy"
    [ "$status" = 0 ] || cannot_install "$*" "apt-get failed"
}

ensure_packages() {
    local wanted=()
    command -v redis-server >/dev/null && command -v redis-cli >/dev/null || wanted+=(redis-server redis-tools)
    pg_bin >/dev/null || wanted+=(postgresql)
    if [ ${#wanted[@]} -gt 0 ]; then apt_install "${wanted[@]}"; fi
}

redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

start_redis() {
    if redis_up; then return; fi
    mkdir -p "$STATE/redis"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes --daemonize yes \
        --dir "$STATE/redis" --pidfile "$STATE/redis/redis.pid" --logfile "$STATE/redis/redis.log" \
        --save "" --appendonly no >&2
    for _ in $(seq 50); do redis_up && break; sleep 0.1; done
    redis_up || { log "redis did not start; see $STATE/redis/redis.log"; exit 4; }
    STARTED+=(redis)
}

pg_up() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

pg_sql() {
    as_postgres "$(pg_bin)/psql" -h "$PG_SOCKETS" -p "$PG_PORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 "$@"
}

start_postgres() {
    local bin
    bin=$(pg_bin)
    if ! pg_up; then
        mkdir -p "$PG_DATA" "$PG_SOCKETS"
        [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$STATE/postgres"
        chmod 700 "$PG_DATA"
        if [ ! -s "$PG_DATA/PG_VERSION" ]; then
            as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
                --auth-local=trust --auth-host=scram-sha-256 >"$STATE/postgres/initdb.log" 2>&1 ||
                { log "initdb failed; see $STATE/postgres/initdb.log"; exit 4; }
        fi
        as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$STATE/postgres/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_SOCKETS" start >&2 ||
            { log "postgres did not start; see $STATE/postgres/server.log"; exit 4; }
        STARTED+=(postgres)
    fi
    if [ -z "$(pg_sql -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" ]; then
        pg_sql -c "CREATE ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASSWORD'"
    fi
    if [ -z "$(pg_sql -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" ]; then
        pg_sql -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\""
    fi
}

stop_services() {
    if [ -s "$STATE/redis/redis.pid" ] && redis_up; then
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
        log "redis stopped"
    fi
    if [ -n "$(pg_bin)" ] && [ -s "$PG_DATA/postmaster.pid" ]; then
        as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >&2 || true
    fi
}

if [ "${1:-}" = stop ]; then
    stop_services
    exit 0
fi

ensure_packages
start_redis
start_postgres
cat <<EOF
REDIS_HOST=127.0.0.1
REDIS_PORT=$REDIS_PORT
PG_HOST=127.0.0.1
PG_PORT=$PG_PORT
PG_DB=$PG_DB
PG_USER=$PG_USER
PG_PASSWORD=$PG_PASSWORD
STARTED=$(IFS=,; echo "${STARTED[*]:-}")
EOF
