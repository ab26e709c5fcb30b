#!/usr/bin/env bash
# Fault injection against a real server on PostgreSQL: kill -9 during load, PostgreSQL
# restarted during load, SIGTERM during load, and a read-only SQLite file. After each
# fault the load tool checks the database: every acknowledged answer stored exactly once,
# every acknowledged submit scored exactly once and right.
#
# Needs: bin/academy (make build), a local PostgreSQL whose cluster this script may restart
# (pg_ctlcluster), psql. Run with `make faults`.
set -uo pipefail
cd "$(dirname "$0")/.."

BIN=./bin/academy
ADDR=127.0.0.1:18080
URL="http://$ADDR"
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
export PGHOST PGUSER
CLUSTER="$(ls /etc/postgresql | head -n1) main"
DB="academy_faults_$$"
WORK=$(mktemp -d)
failures=0

say() { printf '\n== %s\n' "$*"; }
pass() { printf 'PASS: %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }

start_server() {
  ACADEMY_DATABASE_URL="$1" ACADEMY_ADDR=$ADDR ACADEMY_LOG_LEVEL=warn ACADEMY_SHUTDOWN_GRACE=10s \
    "$BIN" serve >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fs "$URL/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "the server did not start:"; cat "$WORK/server.log"; return 1
}

load() { # load DATABASE_URL LEARNERS LOGFILE: the load tool in the background
  ACADEMY_DATABASE_URL="$1" ACADEMY_LOG_LEVEL=error "$BIN" loadtest --url "$URL" --learners "$2" --concurrency 20 \
    --coaches 1 --expect-errors >"$3" 2>&1 &
  LOAD=$!
}

checked() { # checked LOGFILE NAME: the load tool's database check passed
  if grep -q "nothing lost, nothing doubled, every score right" "$1"; then pass "$2: nothing acknowledged was lost or doubled"
  else fail "$2: database check"; tail -20 "$1"; fi
}

cleanup() {
  kill -9 "${SERVER:-0}" "${LOAD:-0}" 2>/dev/null
  pg_ctlcluster --skip-systemctl-redirect $CLUSTER start >/dev/null 2>&1
  psql -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

psql -d postgres -qc "CREATE DATABASE $DB" || exit 1
PGURL="postgres://$PGUSER@$PGHOST:5432/$DB?sslmode=disable"
ACADEMY_DATABASE_URL=$PGURL "$BIN" migrate >/dev/null || exit 1

say "kill -9 during load, then restart"
start_server "$PGURL" || exit 1
load "$PGURL" 300 "$WORK/kill.log"
sleep 3
kill -9 $SERVER; wait $SERVER 2>/dev/null
sleep 1
start_server "$PGURL" || exit 1
wait $LOAD
checked "$WORK/kill.log" "kill -9"
open=$(psql -d "$DB" -tAc "SELECT count(*) FROM assessment_attempts a WHERE submitted_at IS NOT NULL AND
  (SELECT count(*) FROM assessment_dimension_scores s WHERE s.attempt_id = a.id) <> 8")
[ "$open" = "0" ] && pass "kill -9: no attempt is half-scored" || fail "kill -9: $open attempts half-scored"

say "PostgreSQL restarted during load"
load "$PGURL" 300 "$WORK/pg.log"
sleep 2
pg_ctlcluster --skip-systemctl-redirect $CLUSTER stop -m fast >/dev/null
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/readyz")
[ "$code" = "503" ] && pass "readyz answers 503 while the database is down" || fail "readyz answered $code while the database was down"
sleep 2
pg_ctlcluster --skip-systemctl-redirect $CLUSTER start >/dev/null
for _ in $(seq 1 50); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/readyz")" = "200" ] && break; sleep 0.2; done
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/readyz")
[ "$code" = "200" ] && pass "the server recovered by itself" || fail "readyz answered $code after the database came back"
wait $LOAD
checked "$WORK/pg.log" "PostgreSQL restart"

say "SIGTERM during load"
load "$PGURL" 300 "$WORK/term.log"
sleep 2
start=$(date +%s)
kill -TERM $SERVER; wait $SERVER; status=$?
took=$(( $(date +%s) - start ))
[ $took -le 11 ] && pass "exited $took s after SIGTERM (grace 10 s), status $status" || fail "took $took s to exit"
start_server "$PGURL" || exit 1
wait $LOAD
checked "$WORK/term.log" "SIGTERM"
kill $SERVER; wait $SERVER 2>/dev/null

say "read-only SQLite database"
# As root, file modes do not stop writes; the immutable attribute does.
mkdir -p "$WORK/ro"
LITE="sqlite:$WORK/ro/academy.db"
ACADEMY_DATABASE_URL=$LITE "$BIN" seed --demo >/dev/null
if chattr +i "$WORK/ro/academy.db" "$WORK/ro" 2>/dev/null; then
  ACADEMY_DATABASE_URL=$LITE ACADEMY_ADDR=$ADDR timeout 10 "$BIN" serve >"$WORK/ro.log" 2>&1; status=$?
  chattr -i "$WORK/ro" "$WORK/ro/academy.db"
  if [ $status -ne 0 ] && [ $status -ne 124 ] && grep -q "open sqlite database" "$WORK/ro.log" && ! grep -q "panic" "$WORK/ro.log"; then
    pass "a database that cannot be written stops the start with a clear message: $(tail -1 "$WORK/ro.log")"
  else
    fail "read-only database: status $status: $(tail -3 "$WORK/ro.log")"
  fi
else
  echo "skipped: chattr is not available on this filesystem"
fi

echo
[ $failures -eq 0 ] && echo "all fault checks passed" || echo "$failures fault checks failed"
exit $failures
