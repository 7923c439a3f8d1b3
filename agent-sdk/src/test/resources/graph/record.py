#!/usr/bin/env python3
"""Records the expected reports of the graph fixtures by running the original build-graph.py.

Usage: python3 record.py PATH/TO/lib/build-graph.py

For each line of cases.txt it serves forge/<forge>/*.json on a loopback HTTP server (labels.json,
open-page-<n>.json, closed.json; anything else answers 404), runs the original on trees/<tree>
with FORGE_API/FORGE_TOKEN pointing there (or without them when the forge column is "-"), and
writes expected/<case>.json (the report, untouched) and expected/<case>.requests (the paths the
original asked for, in order). Two things are pinned so that recordings are repeatable: the
clock (the report's "generated" becomes 2026-04-10T12:00:00Z) and directory listings (sorted,
which the Java port does; the original takes the file system's order). Nothing else is changed.
Needs Python 3 with networkx.
"""
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = "2026-04-10T12:00:00"

SHIM = r'''
import datetime as _dt, os as _os, runpy as _runpy, sys as _sys
class _Fixed(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls.fromisoformat(%r).replace(tzinfo=tz)
_dt.datetime = _Fixed
_listdir = _os.listdir
_os.listdir = lambda p=".": sorted(_listdir(p))
_walk = _os.walk
def _sorted_walk(top, *a, **k):
    for d, dirs, files in _walk(top, *a, **k):
        dirs.sort()
        files.sort()
        yield d, dirs, files
_os.walk = _sorted_walk
_script = _sys.argv[1]
_sys.argv = _sys.argv[1:]
_runpy.run_path(_script, run_name="__main__")
''' % STAMP


class Forge(http.server.BaseHTTPRequestHandler):
    folder = None
    requests = []

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        prefix = "/api/v1/repos/owner/proj"
        Forge.requests.append(self.path[len(prefix):] if self.path.startswith(prefix) else self.path)
        q = urllib.parse.parse_qs(u.query)
        rest = u.path[len(prefix):]
        name = None
        if self.headers.get("Authorization") != "token fixture-token":
            name = None
        elif rest == "/labels":
            name = "labels.json"
        elif rest == "/issues" and q.get("state") == ["open"]:
            name = "open-page-%s.json" % q.get("page", ["1"])[0]
        elif rest == "/issues" and q.get("state") == ["closed"]:
            name = "closed.json"
        path = os.path.join(Forge.folder, name) if name else None
        if path and os.path.isfile(path):
            body = open(path, "rb").read()
            self.send_response(200)
        else:
            body = b'{"message":"not found"}'
            self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: record.py PATH/TO/lib/build-graph.py")
    script = os.path.abspath(sys.argv[1])
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forge)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api = "http://127.0.0.1:%d/api/v1/repos/owner/proj" % server.server_address[1]
    with tempfile.TemporaryDirectory() as tmp:
        shim = os.path.join(tmp, "shim.py")
        with open(shim, "w") as f:
            f.write(SHIM)
        for line in open(os.path.join(HERE, "cases.txt")):
            if not line.strip() or line.startswith("#"):
                continue
            case, tree, forge, *extra = line.split()
            env = {k: v for k, v in os.environ.items()
                   if k not in ("FORGE_API", "FORGE_TOKEN", "PROJECT_NAME", "PROJECT_REPO_ROOT")}
            env["PYTHONHASHSEED"] = "0"
            if forge != "-":
                env["FORGE_API"] = api
                env["FORGE_TOKEN"] = "fixture-token"
                Forge.folder = os.path.join(HERE, "forge", forge)
            Forge.requests = []
            out = os.path.join(tmp, case + ".json")
            cmd = [sys.executable, shim, script, "--project-root",
                   os.path.join(HERE, "trees", tree), "--output", out] + extra
            subprocess.run(cmd, env=env, check=True, cwd=tmp)
            with open(out, "rb") as src, open(os.path.join(HERE, "expected", case + ".json"),
                                              "wb") as dst:
                dst.write(src.read())
            with open(os.path.join(HERE, "expected", case + ".requests"), "w") as f:
                f.write("".join(r + "\n" for r in Forge.requests))
            print("recorded", case)
    server.shutdown()


if __name__ == "__main__":
    main()
