#!/usr/bin/env python3
"""Writes the case folders of the hook parity fixtures under $OUT/hooks/<hook>/<case>/.

Each case folder holds `args` (one argument per line), `stdin`, optionally `setup/` (files put in
the scratch folder before the run, `nudge.count` being the idle-stop nudge counter) and, where the
port differs on purpose, `port.rc`, `port.contains` (strings the port's block reason must contain,
one per line), `port.stderr`, `port.after/`, `port.tmux` and `deviation.txt`. `@DIR@` stands for the scratch folder and
`@FACTORY@` for the factory root (where the hook scripts sit: FACTORY/lib/hooks).
"""
import json
import os
import shutil

OUT = os.path.join(os.environ["OUT"], "hooks")
WT = "/w/wt1"


def case(hook, name, args, stdin, setup=None, port_rc=None, contains=None, port_after=None,
         deviation=None, port_stderr=None, port_tmux=None):
    d = os.path.join(OUT, hook, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    with open(os.path.join(d, "args"), "w") as f:
        f.write("".join(a + "\n" for a in args))
    with open(os.path.join(d, "stdin"), "w") as f:
        f.write(stdin)
    if setup:
        os.makedirs(os.path.join(d, "setup"))
        for fn, content in setup.items():
            with open(os.path.join(d, "setup", fn), "w") as f:
                f.write(content)
    if port_rc is not None:
        with open(os.path.join(d, "port.rc"), "w") as f:
            f.write("%d\n" % port_rc)
    if contains:
        with open(os.path.join(d, "port.contains"), "w") as f:
            f.write("".join(c + "\n" for c in contains))
    if port_tmux is not None:
        with open(os.path.join(d, "port.tmux"), "w") as f:
            f.write(port_tmux)
    if port_stderr is not None:
        with open(os.path.join(d, "port.stderr"), "w") as f:
            f.write(port_stderr)
    if port_after == {}:
        # git keeps no empty folder: a marker says the port leaves no files
        open(os.path.join(d, "port.no-files"), "w").close()
    elif port_after is not None:
        os.makedirs(os.path.join(d, "port.after"))
        for fn, content in port_after.items():
            with open(os.path.join(d, "port.after", fn), "w") as f:
                f.write(content)
    if deviation:
        with open(os.path.join(d, "deviation.txt"), "w") as f:
            f.write(deviation + "\n")


def bash(cmd, extra=None):
    o = {"tool_name": "Bash", "tool_input": {"command": cmd}}
    o.update(extra or {})
    return json.dumps(o)


# ---- on-pretooluse-guard: (name, command, port_rc or None when the port agrees, contains, why, args)
G = [
    ("01-force-main", "git push --force origin main", None, ["main"], None),
    ("02-force-main-word", "git push -f origin fix/main-thing", 0, None,
     "false positive fixed: a branch that merely contains the primary branch as a word is not the primary branch"),
    ("03-force-bare", "git push --force", None, ["main"], None),
    ("04a-force-remote-only", "git push --force origin", 2, ["main"],
     "gap closed: a force push naming only the remote overwrites the upstream, possibly the primary branch"),
    ("04b-force-flag-last", "git push origin -f", 2, ["main"],
     "gap closed: a force push naming only the remote overwrites the upstream, possibly the primary branch"),
    ("04c-lease-feature", "git push --force-with-lease origin feature", None, None, None),
    ("05-plus-main", "git push origin +main", 2, ["main"],
     "gap closed: a +main refspec is a force push of the primary branch"),
    ("05b-plus-head-main", "git push origin +HEAD:main", 2, ["main"],
     "gap closed: a +src:main refspec is a force push of the primary branch"),
    ("05c-delete-main", "git push origin :main", 2, ["main"],
     "gap closed: deleting the primary branch is worse than force-pushing it"),
    ("05d-push-main", "git push origin main", 2, ["main"],
     "gap closed: worktree sessions push their feature branch; a direct push to the primary branch bypasses review"),
    ("05e-bash-c", "bash -c 'git push --force origin main'", None, ["main"], None),
    ("06-rm-etc", "rm -rf /etc", None, ["/etc", WT], None),
    ("07-rm-inside", "rm -rf /w/wt1/build /tmp/x /dev/null", None, None, None),
    ("07b-rm-dev", "rm -rf /dev", None, ["/dev"], None),
    ("08a-rm-relative", "rm -rf build/out", 0, None,
     "false positive fixed: a relative path resolves against the session's directory (the worktree), not to /out"),
    ("08b-rm-variable", "rm -rf $WORKTREE/build", None, ["$WORKTREE/build"],
     None),
    ("09a-rm-root", "rm -rf /", 2, ["/"], "gap closed: rm -rf / deletes everything"),
    ("09b-rm-root-glob", "rm -rf /*", None, ["/*"], None),
    ("09c-rm-capital-r", "rm -Rf /etc", 2, ["/etc"], "gap closed: -R is recursive too"),
    ("09d-rm-split-flags", "rm -r -f /etc", 2, ["/etc"], "gap closed: split flags are recursive and forced too"),
    ("09e-rm-long-flags", "rm --recursive --force /etc", 2, ["/etc"], "gap closed: long flags are recursive and forced too"),
    ("09f-rm-dotdot", "rm -rf /w/wt1/../../etc", 2, ["/etc"], "gap closed: .. is resolved before the worktree check"),
    ("09g-rm-then-cat", "rm -rf build && cat /etc/hosts", 0, None,
     "false positive fixed: only the operands of rm are checked, not every absolute path of the command line"),
    ("10a-rm-factory", "rm -rf @FACTORY@/tmp", None, ["@FACTORY@/tmp"], None),
    ("10b-rm-factory-formula", "rm -rf @FACTORY@/tmp", None, None, None, ["main", WT, "planner-proj"]),
    ("11-no-worktree", "rm -rf /etc", None, None, None, ["main", "", ""]),
    ("12a-merge-api", "curl -X POST http://f/api/v1/repos/a/b/pulls/12/merge", None, None, None),
    ("12b-merge-mention", 'git commit -m "/pulls/3/merge"', 0, None,
     "false positive fixed: a commit message that mentions the merge route does not call it"),
    ("12c-merge-variable", 'curl -X POST "$FORGE_API/pulls/${PR}/merge"', 2, None,
     "gap closed: the merge route with the PR number in a variable is a merge call too"),
    ("13-issue-close", "curl -X PATCH http://f/api/v1/repos/a/b/issues/5 -d '{\"state\":\"closed\"}'", None, None, None),
    ("13b-issue-comment", "curl -X POST http://f/api/v1/repos/a/b/issues/5/comments -d '{\"body\":\"state is closed\"}'", 0, None,
     "false positive fixed: a comment whose text mentions a closed state does not close the issue"),
    ("14a-checkout-main", "git checkout main", None, ["main"], None),
    ("14b-switch-detach", "git switch --detach main", None, ["main"], None),
    ("15a-checkout-b", "git checkout -b fix main", None, None, None),
    ("15b-checkout-file", "git checkout main -- f.txt", None, None, None),
    ("15c-origin-main", "git checkout origin/main", None, None, None),
    ("15d-maintenance", "git checkout maintenance", None, None, None),
    ("15e-b-elsewhere", "git checkout main && git checkout -b x", 2, ["main"],
     "gap closed: a -b in another command of the line no longer disables the check"),
    ("16a-dot-escaped", "git checkout releaseX1", None, None, None, ["release.1", WT, ""]),
    ("16b-dot-branch", "git checkout release.1", None, ["release.1"], None, ["release.1", WT, ""]),
    ("17-multiline", "echo hi\ngit checkout main", None, ["main"], None),
    ("18a-factory-cat", "cat @FACTORY@/AGENTS.md", None, ["@FACTORY@", WT], None),
    ("18b-factory-formula", "cat @FACTORY@/AGENTS.md", None, None, None, ["main", WT, "gardener-x"]),
    ("18c-factory-sibling", "cat @FACTORY@-ops/x", 0, None,
     "false positive fixed: a sibling folder whose name starts with the factory root's is not the factory"),
    ("19-factory-worktree", "cat @FACTORY@/AGENTS.md", None, None, None, ["main", "@FACTORY@", ""]),
    ("20a-kill-9", "kill -9 123", None, None, None),
    ("20b-kill-5", "kill 5", None, None, None),
    ("20c-kill-term", "kill -TERM 123", 2, None, "gap closed: kill with a named signal is process management too"),
    ("20d-kill-pid", "kill 123", 2, None, "gap closed: kill of a multi-digit pid is process management too"),
    ("20e-kill-supervisor", "kill -9 123", None, None, None, ["main", WT, "supervisor-1"]),
    ("21a-docker-rm", "docker rm x", None, None, None),
    ("21b-docker-stop", "docker stop x", None, None, None),
    ("21c-tmux-send", "tmux send-keys -t s x", None, None, None),
    ("21d-docker-rmi", "docker rmi x", 2, None, "gap closed: removing images is container management too"),
    ("21e-docker-prune", "docker system prune", 2, None, "gap closed: docker system prune is container management too"),
    ("23-empty-primary", "git push --force origin main", None, ["main"], None, ["", WT, ""]),
    ("24-first-wins", "git push --force origin main && rm -rf /etc", None, ["main"], None),
]
for g in G:
    name, cmd, port_rc, contains, why = g[:5]
    args = g[5] if len(g) > 5 else ["main", WT, ""]
    case("on-pretooluse-guard", name, args, bash(cmd), port_rc=port_rc, contains=contains,
         deviation=why)
case("on-pretooluse-guard", "22a-no-command", ["main", WT, ""], '{"tool_input":{}}')
case("on-pretooluse-guard", "22b-not-json", ["main", WT, ""], "not json")
case("on-pretooluse-guard", "22c-empty-stdin", ["main", WT, ""], "")
case("on-pretooluse-guard", "22d-no-args", [], bash("ls -la"))

# ---- on-phase-change
PH = "@DIR@/dev-session-p-1.phase"
M = "@DIR@/m"
case("on-phase-change", "1-bash-redirect", [PH, M], bash("echo PHASE:awaiting_ci > " + PH))
case("on-phase-change", "2-write", [PH, M],
     json.dumps({"tool_name": "Write", "tool_input": {"file_path": PH, "content": "PHASE:done\n"}}))
case("on-phase-change", "3-bash-read", [PH, M], bash("cat " + PH))
case("on-phase-change", "4-other-file", [PH, M], bash("echo hello > /tmp/other-file"))
case("on-phase-change", "5-write-other-mentioning", [PH, M],
     json.dumps({"tool_name": "Write", "tool_input": {"file_path": "@DIR@/other", "content": "see " + PH}}),
     port_rc=0, deviation="the original exits 1 (its last test failed), a non-blocking hook error for Claude Code; nothing was wrong")
case("on-phase-change", "6-read-with-stderr-redirect", [PH, M], bash("cat " + PH + " 2>/dev/null"),
     port_after={}, deviation="false positive fixed: redirecting stderr of a read is not a write of the phase file")
case("on-phase-change", "7-empty-marker", [PH, ""], bash("echo x > " + PH))
case("on-phase-change", "8-edit", [PH, M],
     json.dumps({"tool_name": "Edit", "tool_input": {"file_path": PH, "old_string": "a", "new_string": "b"}}),
     port_after={"m": "1775000000\n"}, deviation="gap closed: an Edit of the phase file is a write too")
case("on-phase-change", "9-tee", [PH, M], bash("echo PHASE:done | tee " + PH),
     port_after={"m": "1775000000\n"}, deviation="gap closed: tee into the phase file is a write too")

# ---- on-stop-failure
for reason in ["rate_limit", "server_error", "authentication_failed", "billing_error"]:
    case("on-stop-failure", "1-" + reason, [PH, M], json.dumps({"stop_reason": reason}))
case("on-stop-failure", "3-empty-phase-arg", ["", M], json.dumps({"stop_reason": "rate_limit"}))
case("on-stop-failure", "4-no-marker", [PH], json.dumps({"stop_reason": "rate_limit"}))
for n, existing in [("5a-done", "PHASE:done\n"), ("5b-escalate-spaces", "  PHASE:escalate  \n"),
                    ("5c-merged", "PHASE:merged\nextra\n")]:
    case("on-stop-failure", n, [PH, M], json.dumps({"stop_reason": "rate_limit"}),
         setup={"dev-session-p-1.phase": existing})
case("on-stop-failure", "6-null-then-type", [PH, M], json.dumps({"stop_reason": None, "type": "t"}),
     setup={"dev-session-p-1.phase": "PHASE:awaiting_ci\n"})
case("on-stop-failure", "7-garbage", [PH, M], "garbage")
case("on-stop-failure", "8-empty-string-reason", [PH, M], json.dumps({"stop_reason": "", "type": "t"}))
case("on-stop-failure", "9-claude-code-error-field", [PH, M],
     json.dumps({"session_id": "s", "hook_event_name": "StopFailure", "error": "rate_limit",
                 "error_details": "429", "last_assistant_message": "API Error"}),
     port_after={"dev-session-p-1.phase": "PHASE:failed\nReason: api_error: rate_limit\n", "m": "1775000000\n"},
     deviation="Claude Code names the error in the field `error`, which the original does not read (it records unknown)")

# ---- on-idle-stop (tmux is a shim that logs its arguments)
S = "hookfx-dev-1"
case("on-idle-stop", "1-marker-only", [M], "{}")
case("on-idle-stop", "2-empty-phase-nudge", [M, PH, S], "{}", setup={"dev-session-p-1.phase": ""})
case("on-idle-stop", "2b-second-nudge", [M, PH, S], "{}",
     setup={"dev-session-p-1.phase": "", "nudge.count": "1\n"})
case("on-idle-stop", "3-counter-at-limit", [M, PH, S], "{}",
     setup={"dev-session-p-1.phase": "", "nudge.count": "2\n"})
case("on-idle-stop", "4-phase-has-content", [M, PH, S], "{}", setup={"dev-session-p-1.phase": "PHASE:done\n"})
case("on-idle-stop", "5-empty-marker", ["", PH, S], "{}", setup={"dev-session-p-1.phase": ""})
case("on-idle-stop", "6-garbled-counter", [M, PH, S], "{}",
     setup={"dev-session-p-1.phase": "", "nudge.count": "x\n"},
     port_after={"dev-session-p-1.phase": "", "nudge.count": "1\n"}, port_stderr="",
     port_tmux="send-keys\n-t\n" + S + "\n(nudge naming PHASE:done and " + PH + ")\nEnter\n--\n",
     deviation="a counter that is not a number counts as 0 (a nudge); the original's test fails and it marks idle at once")
case("on-idle-stop", "7-no-session", [M, PH], "{}", setup={"dev-session-p-1.phase": ""})

# ---- on-session-end
E = "@DIR@/exit.ts"
case("on-session-end", "1-reason", [E], json.dumps({"reason": "logout"}))
case("on-session-end", "2-matched-hook-first", [E], json.dumps({"matched_hook": "x", "reason": "logout"}))
case("on-session-end", "3-garbage", [E], "garbage")
case("on-session-end", "4-no-argument", [], json.dumps({"reason": "logout"}))
case("on-session-end", "5-claude-code-event", [E],
     json.dumps({"session_id": "s", "transcript_path": "/t.jsonl", "cwd": "/w", "hook_event_name": "SessionEnd",
                 "reason": "prompt_input_exit"}))

# ---- on-compact-reinject
C = "@DIR@/dev-session-p-1.context"
case("on-compact-reinject", "1-context", [C], json.dumps({"source": "compact"}),
     setup={"dev-session-p-1.context": "ctx\n"})
case("on-compact-reinject", "1b-multiline-utf8", [C], "{}",
     setup={"dev-session-p-1.context": "# Phase protocol — read me\nline 2\n\nno newline at end"})
case("on-compact-reinject", "2-missing", [C], "{}")
case("on-compact-reinject", "3-no-argument", [], "{}")
