#!/usr/bin/env bash
# Runs the original lib/parse-deps.sh on each case input (stdin) and records stdout and rc.
for d in "${OUT:?}"/parse-deps/*/; do
  rc=0; bash "${ORIG_LIB:?}/parse-deps.sh" < "$d/input" > "$d/stdout" || rc=$?
  echo "$rc" > "$d/rc"
done
