#!/usr/bin/env python3
"""Trunk post-build hook: makes Trunk's loader run on Chromium 80 (no top-level await)
and pins the Content-Security-Policy of dist/index.html.

Trunk writes its loader as an inline <script type="module">. Instead of allowing any
inline script ('unsafe-inline'), the policy allows exactly that script, by its SHA-256
hash, so nothing else can run inline and nothing can be loaded from another origin.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

# Trunk's loader awaits at the top level of a module, which Chromium before 89 cannot
# parse: the same steps are chained on the promise instead.
def without_top_level_await(m):
    body = m.group(2)
    at = re.search(r"const (\w+) = await (init\((?:[^;]*)\));", body)
    if not at:
        return m.group(0)
    rest = body[at.end():].strip()
    body = f"{body[:at.start()]}{at.group(2)}.then(({at.group(1)}) => {{\n{rest}\n}});\n"
    return m.group(1) + body + "</script>"

html = re.sub(r"(<script type=\"module\">)(.*?)</script>", without_top_level_await, html, flags=re.S)

scripts = re.findall(r"<script(?: [^>]*)?>(.*?)</script>", html, flags=re.S)
hashes = ["'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in scripts if s.strip()]
if "'unsafe-inline'" not in html.split("script-src", 1)[-1].split(";", 1)[0]:
    sys.exit(0)  # already pinned (the loader was rewritten then too)
script_src = re.search(r"script-src ([^;\"]*)", html)
if not script_src:
    sys.exit("index.html has no script-src in its Content-Security-Policy")
pinned = script_src.group(1).replace("'unsafe-inline'", " ".join(hashes)).strip()
html = html[: script_src.start(1)] + pinned + html[script_src.end(1):]
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print("csp-hash: pinned %d inline script(s)" % len(hashes))
