#!/usr/bin/env bash
# Run CMD with DATABASE_URL pointing at a PostgreSQL server.
#   scripts/with-postgres.sh CMD [ARGS...]
# If DATABASE_URL is already set, CMD runs as is. Otherwise a throwaway
# cluster is started on 127.0.0.1 (first free port from 55432), database
# seatdesk_test is created, CMD runs, and the cluster is stopped and deleted.
# Exits with CMD's status; 3 if no PostgreSQL server binaries are installed.
set -euo pipefail

(($# > 0)) || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }
[[ -n ${DATABASE_URL:-} ]] && exec "$@"

# Server binaries: Debian keeps them in /usr/lib/postgresql/VERSION/bin.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z $pgbin ]] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
  pgbin=$(dirname "$(readlink -f "$(command -v initdb)")")
fi
if [[ -z $pgbin || ! -x $pgbin/initdb || ! -x $pgbin/pg_ctl ]]; then
  echo "with-postgres: no PostgreSQL server found (initdb/pg_ctl)." >&2
  echo "with-postgres: the tests need one: run 'sudo bash scripts/setup-system.sh'" \
       "(apt-get install postgresql) or set DATABASE_URL to an existing server." >&2
  exit 3
fi

# initdb and postgres refuse to run as root: run them as the postgres user.
if ((EUID == 0)); then
  osuser=postgres
  id -u "$osuser" >/dev/null 2>&1 || osuser=nobody
  as_pg() { (cd / && runuser -u "$osuser" -- "$@"); }
  pgroot=$(mktemp -d /tmp/seatdesk-pg.XXXXXX)  # must be reachable by $osuser
  chown "$osuser" "$pgroot"
else
  as_pg() { "$@"; }
  pgroot=$(mktemp -d "${TMPDIR:-/tmp}/seatdesk-pg.XXXXXX")
fi

cleanup() {
  if [[ -f $pgroot/data/postmaster.pid ]]; then
    as_pg "$pgbin/pg_ctl" -D "$pgroot/data" -m fast -w -t 20 stop >/dev/null 2>&1 ||
      as_pg "$pgbin/pg_ctl" -D "$pgroot/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pgroot"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$pgbin/initdb" -D "$pgroot/data" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 --no-sync >"$pgroot/initdb.log" 2>&1 ||
  { cat "$pgroot/initdb.log" >&2; echo "with-postgres: initdb failed" >&2; exit 1; }

# Take the first port from 55432 that nobody listens on; if the server still
# cannot bind it (a race with another run), try the next one.
port=55432
while :; do
  if ((port > 55532)); then
    echo "with-postgres: no free port in 55432-55532" >&2; exit 1
  fi
  if (: <>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    port=$((port + 1)); continue  # something is listening there
  fi
  rm -f "$pgroot/server.log"
  # fsync off: a throwaway cluster does not need durability, only speed.
  if as_pg "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/server.log" -w -t 30 \
       -o "-c listen_addresses=127.0.0.1 -p $port -k $pgroot -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
       start >/dev/null 2>&1; then
    break
  fi
  if grep -qsE 'could not (bind|create any TCP/IP)|already in use' "$pgroot/server.log"; then
    port=$((port + 1)); continue
  fi
  cat "$pgroot/server.log" >&2 2>/dev/null || true
  echo "with-postgres: PostgreSQL did not start" >&2
  exit 1
done

createdb=$pgbin/createdb
[[ -x $createdb ]] || createdb=createdb
"$createdb" -h 127.0.0.1 -p "$port" -U postgres seatdesk_test
export DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$port/seatdesk_test"
echo "with-postgres: throwaway PostgreSQL $("$pgbin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

# Not exec: the EXIT trap must stop the server after CMD.
status=0
"$@" || status=$?
exit "$status"
