#!/usr/bin/env bash
# Records the original lib/ci-debug.sh against the testkit's mock Woodpecker, one case folder at a
# time: each case holds `seed.json` (the body of POST /_mock/seed), `args` (one argument a line)
# and optionally `env` (KEY=value lines; @HOSTPORT@ stands for the mock's host:port). It writes
# the original's `stdout`, `stderr` and `rc` next to them. See README.md for how to run it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$here/../../../.." && pwd)
: "${ORIG_LIB:?set ORIG_LIB to a folder holding the original ci-debug.sh and env.sh}"
cases=${CASES:-$repo_root/ci/src/test/resources/parity/ci-debug}
token=ci-debug-parity-token

work=$(mktemp -d)
trap 'kill "$mock_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
# The script sources ../lib/env.sh relative to itself, and env.sh takes FACTORY_ROOT from its own
# place: a private factory folder with no .env.
mkdir -p "$work/factory/lib" "$work/home"
cp "$ORIG_LIB/ci-debug.sh" "$ORIG_LIB/env.sh" "$work/factory/lib/"

"$repo_root/bin/disinto" mock-woodpecker --port 0 > "$work/mock.out" 2> "$work/mock.err" &
mock_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/mock.out" ] && break
  sleep 0.2
done
base=$(head -1 "$work/mock.out")
hostport=${base#http://}
echo "mock Woodpecker at $base" >&2

for dir in "$cases"/*/; do
  dir=${dir%/}
  curl -sf -X POST "$base/_mock/reset" > /dev/null
  seeded=$(curl -sf -X POST --data-binary "@$dir/seed.json" "$base/_mock/seed")
  repo_id=$(jq -r '.repos[0].id // ""' <<<"$seeded")
  envs=(HOME="$work/home" USER=disinto PATH="$here/shim:/usr/local/bin:/usr/bin:/bin"
    FORGE_REPO=disinto/proj WOODPECKER_SERVER="$base" WOODPECKER_TOKEN="$token"
    WOODPECKER_REPO_ID="$repo_id")
  if [ -f "$dir/env" ]; then
    while IFS= read -r line; do
      [ -n "$line" ] && envs+=("${line//@HOSTPORT@/$hostport}")
    done < "$dir/env"
  fi
  args=()
  if [ -f "$dir/args" ]; then
    while IFS= read -r a; do args+=("$a"); done < "$dir/args"
  fi
  rc=0
  (cd "$work" && env -i "${envs[@]}" bash "$work/factory/lib/ci-debug.sh" "${args[@]}" \
    > "$dir/stdout" 2> "$dir/stderr") || rc=$?
  # The shell's own messages name the script's temporary path: keep only its name.
  sed -i "s|$work/factory/lib/|lib/|g" "$dir/stderr"
  echo "$rc" > "$dir/rc"
  echo "$(basename "$dir"): rc=$rc" >&2
done
