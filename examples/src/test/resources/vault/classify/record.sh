#!/usr/bin/env bash
# Records what the original vault/classify.sh prints for every line of cases.txt.
# Usage: record.sh <checkout of Disinto/disinto at 41f0210abf>  (writes expected.txt here)
set -euo pipefail
orig="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
esc() { local s="$1"; s="${s//\\/\\\\}"; s="${s//$'\t'/\\t}"; s="${s//$'\r'/\\r}"; printf '%s' "${s//$'\n'/\\n}"; }
: > "$here/expected.txt"
while IFS= read -r line; do
  case "$line" in '#'*|'') continue ;; esac
  policy="${line%%$'\t'*}"
  # Each tab starts one argument; a line ending in a tab passes a last empty argument.
  mapfile -t args < <(printf '%s' "${line#*$'\t'}" | tr '\t' '\n'; [ "${line: -1}" = $'\t' ] && echo)
  [ "$line" = "$policy" ] && args=()
  rm -rf "$work/ops" && mkdir -p "$work/ops/vault"
  [ "$policy" = "-" ] || cp "$here/policies/$policy.toml" "$work/ops/vault/policy.toml"
  set +e
  out="$(env -i PATH="$PATH" HOME="$work" USER=nobody OPS_REPO_ROOT="$work/ops" \
    bash "$orig/vault/classify.sh" "${args[@]}" 2>"$work/err"; echo "|$?")"
  set -e
  rc="${out##*|}"; out="${out%|*}"
  printf '%s\t%s\t%s\t%s\n' "$(esc "$line")" "$rc" "$(esc "$out")" "$(esc "$(cat "$work/err")")" >> "$here/expected.txt"
done < "$here/cases.txt"
