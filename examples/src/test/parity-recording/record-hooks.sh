#!/usr/bin/env bash
# Runs the original lib/hooks/*.sh on every case folder that hook-cases.py wrote under
# $OUT/hooks and records rc, stdout, stderr, the scratch folder's files after the run (after/),
# and the arguments of every tmux call (tmux). See README.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${ORIG_LIB:?the original lib/ folder}" "${OUT:?the fixture folder}"
factory=/var/tmp/hookfx/factory  # the guard's factory root is where the script lives (not under /tmp,
                                 # which its rm rule allows anyway)
run=/tmp/hookfx/run              # the scratch folder, @DIR@ in the cases
rm -rf /tmp/hookfx /var/tmp/hookfx && mkdir -p /tmp/hookfx "$factory/lib/hooks"
cp "$ORIG_LIB"/hooks/*.sh "$factory/lib/hooks/"
export FAKE_NOW_FILE=/tmp/hookfx/now; echo 1775000000 > "$FAKE_NOW_FILE"
export PATH="$here/shim:$PATH"
sub() { sed -e "s#@DIR@#$run#g" -e "s#@FACTORY@#$factory#g"; }
unsub() { sed -e "s#$run#@DIR@#g" -e "s#$factory#@FACTORY@#g"; }
for d in "$OUT"/hooks/*/*/; do
  d=${d%/}; hook=$(basename "$(dirname "$d")")
  rm -rf "$run"; mkdir -p "$run"
  [ -d "$d/setup" ] && cp -a "$d/setup/." "$run/"
  mapfile -t args < <(sub < "$d/args")
  session="${args[2]:-}"
  nudge="/tmp/claude-nudge-${session}.count"
  rm -f "$nudge"
  if [ -f "$run/nudge.count" ] && [ -n "$session" ]; then mv "$run/nudge.count" "$nudge"; fi
  export TMUX_LOG=/tmp/hookfx/tmux.log; rm -f "$TMUX_LOG"
  rc=0
  sub < "$d/stdin" | bash "$factory/lib/hooks/$hook.sh" "${args[@]}" > "$d/stdout.raw" 2> "$d/stderr.raw" || rc=$?
  echo "$rc" > "$d/rc"
  unsub < "$d/stdout.raw" > "$d/stdout"; unsub < "$d/stderr.raw" > "$d/stderr"; rm -f "$d"/*.raw
  if [ -n "$session" ] && [ -f "$nudge" ]; then mv "$nudge" "$run/nudge.count"; fi
  rm -rf "$d/after"; mkdir -p "$d/after"
  (cd "$run" && for f in * .[!.]*; do [ -f "$f" ] && unsub < "$f" > "$d/after/$f"; done) 2>/dev/null
  rm -f "$d/tmux"; [ -f "$TMUX_LOG" ] && unsub < "$TMUX_LOG" > "$d/tmux"
done
rm -rf /tmp/hookfx /var/tmp/hookfx
