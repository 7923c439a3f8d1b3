#!/usr/bin/env bash
# Runs the original scan_for_secrets / redact_secrets on each case input.
source ${ORIG_LIB:?set ORIG_LIB to a copy of the original lib/ outside the repo}/secret-scan.sh
for d in ${OUT:?}/secret-scan/*/; do
  text=$(cat "$d/input"; printf x); text=${text%x}
  rc=0; scan_for_secrets "$text" 2>"$d/scan.stderr" || rc=$?
  printf '%s\n' "$rc" > "$d/scan.rc"
  redact_secrets "$text" > "$d/redact.stdout"
done
