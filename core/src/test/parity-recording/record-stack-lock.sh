#!/usr/bin/env bash
# Records transcripts of the original stack-lock functions under a fake clock.
# usage: run_lock.sh SCENARIO_FILE > transcript
export PATH="$(cd "$(dirname "$0")" && pwd)/shim:$PATH"
export FAKE_NOW_FILE=$(mktemp)
export HOME=$(mktemp -d)
LOCKDIR=$HOME/data/locks
poll=30
set_now() { date -u -d "$1" +%s > "$FAKE_NOW_FILE"; echo "now $1"; }
write_lock() { # project mtime-age-seconds content
  mkdir -p "$LOCKDIR"; printf '%s\n' "$3" > "$LOCKDIR/$1-stack.lock"
  touch -d "@$(( $(cat "$FAKE_NOW_FILE") - $2 ))" "$LOCKDIR/$1-stack.lock"
  echo "write $1 $2 $3"
}
run() {
  : > "$FAKE_NOW_FILE.sleeps"
  echo "run $*"
  local out err rc=0
  out=$(mktemp); err=$(mktemp)
  ( source ${ORIG_LIB:?}/stack-lock.sh; STACK_LOCK_POLL_INTERVAL=$poll; "stack_lock_$@" ) >"$out" 2>"$err" || rc=$?
  echo "rc $rc"
  sed 's/^/out /' "$out"; sed 's/^/err /' "$err"
  local proj
  case "$1" in check|release) proj=$2;; *) proj=$3;; esac
  if [ -f "$LOCKDIR/$proj-stack.lock" ]; then
    printf 'file %s ' "$proj"; cat "$LOCKDIR/$proj-stack.lock"
  else echo "file $proj ABSENT"; fi
  echo "sleeps $(paste -sd, "$FAKE_NOW_FILE.sleeps")"
}
advance() { echo $(( $(cat "$FAKE_NOW_FILE") + $1 )) > "$FAKE_NOW_FILE"; echo "advance $1"; }
set_poll() { poll=$1; echo "poll $1"; }
source "$1"
