#!/usr/bin/env bash
# A stand-in for the claude CLI, for what the real one cannot be made to do on demand.
# Driven by environment variables (all optional):
#   FAKE_CLAUDE_LOG        append "start <epoch-ms> <pid>", then each argument on its own line,
#                          then "--end--"
#   FAKE_CLAUDE_STDOUT     what to print (printf %s); FAKE_CLAUDE_STDOUT_<n> for the n-th call
#                          (counted in FAKE_CLAUDE_LOG)
#   FAKE_CLAUDE_READ_STDIN=1   read standard input to its end first
#   FAKE_CLAUDE_IGNORE_TERM=1  ignore SIGTERM
#   FAKE_CLAUDE_CHILD=S    leave a background child sleeping S seconds (same process group)
#   FAKE_CLAUDE_ESCAPE=S   leave a child sleeping S seconds in a session of its own
#   FAKE_CLAUDE_SLEEP=S    sleep S seconds after printing
#   FAKE_CLAUDE_CRASH=1    print half the output, then die of SIGKILL
#   FAKE_CLAUDE_EXIT=N     exit status (0)
set -u
n=1
if [ -n "${FAKE_CLAUDE_LOG:-}" ]; then
  n=$(( $(grep -c '^--end--$' "$FAKE_CLAUDE_LOG" 2>/dev/null || true) + 1 ))
  {
    echo "start $(date +%s%3N) $$"
    for a in "$@"; do printf '%s\n' "$a"; done
    echo "--end--"
  } >>"$FAKE_CLAUDE_LOG"
fi
[ "${FAKE_CLAUDE_IGNORE_TERM:-}" = 1 ] && trap '' TERM
[ "${FAKE_CLAUDE_READ_STDIN:-}" = 1 ] && cat >/dev/null
if [ -n "${FAKE_CLAUDE_CHILD:-}" ]; then
  sleep "$FAKE_CLAUDE_CHILD" &
fi
if [ -n "${FAKE_CLAUDE_ESCAPE:-}" ]; then
  setsid sleep "$FAKE_CLAUDE_ESCAPE" </dev/null >/dev/null 2>&1 &
fi
var="FAKE_CLAUDE_STDOUT_$n"
out="${!var:-${FAKE_CLAUDE_STDOUT:-}}"
if [ "${FAKE_CLAUDE_CRASH:-}" = 1 ]; then
  printf '%s' "${out:0:$(( ${#out} / 2 ))}"
  kill -KILL $$
fi
printf '%s' "$out"
echo "claude (fake) on stderr" >&2
if [ -n "${FAKE_CLAUDE_SLEEP:-}" ]; then
  sleep "$FAKE_CLAUDE_SLEEP"
fi
exit "${FAKE_CLAUDE_EXIT:-0}"
