"""Debian's nginx, started by a test on loopback with ci-templates/nginx/zwgk.conf, and stopped by it."""

from __future__ import annotations

import ctypes
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from .conftest import ROOT

CONF = ROOT / "ci-templates" / "nginx" / "zwgk.conf"
SUB_PATH = "/zwgk/"
TARGET = "/srv/zwgk"
NGINX = "/usr/sbin/nginx"


def site_conf(target: Path, port: int, *, root: bool = False) -> str:
    """zwgk.conf as a web team would fit it: their publish folder, a port, and for a site at the root the steps
    the file's own comments give (the sub-path's redirect removed, /zwgk/ in addresses changed to /)."""
    text = CONF.read_text(encoding="utf-8")
    assert f"alias {TARGET}/current/;" in text and "listen 80;" in text
    text = text.replace(f"{TARGET}/", f"{target}/").replace("listen 80;", f"listen 127.0.0.1:{port};")
    if root:
        text = re.sub(r"\n *# 子路径.*?\n *\}\n", "\n", text, flags=re.S)
        text = text.replace(SUB_PATH, "/")
    return text


MAIN = """daemon off;
master_process on;
worker_processes 1;
{user}
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {work}/access.log;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/zwgk.conf;
}}
"""


def _stop_with_the_tests() -> None:
    """In the nginx process before it starts: the system stops it should the test run itself be killed."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


PR_SET_PDEATHSIG = 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def nginx(work: Path, conf: str, port: int) -> Iterator[str]:
    """nginx in the foreground with `conf` as its only server, its files under `work`; yields its base address.
    The process is stopped and waited for however the test ends."""
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: run scripts/system-deps.sh test")
    work.mkdir(parents=True, exist_ok=True)
    (work / "zwgk.conf").write_text(conf, encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""  # workers read the test's private temporary folders
    (work / "nginx.conf").write_text(MAIN.format(work=work, user=user), encoding="utf-8")
    args = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")]
    checked = subprocess.run([*args, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=_stop_with_the_tests)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, (work / "error.log").read_text(encoding="utf-8", errors="replace")
                assert time.monotonic() < deadline, "nginx did not start listening"
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGQUIT)  # finish the requests in hand, then stop
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes = b""
    location: str | None = None


@dataclass
class Client:
    """Plain HTTP requests that follow no redirect, so each status is seen as nginx sent it."""

    base: str

    def get(self, path: str, method: str = "GET", **headers: str) -> Response:
        request = urllib.request.Request(self.base + path, method=method, headers=headers)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=30) as reply:
                return Response(reply.status, reply.headers, reply.read())
        except urllib.error.HTTPError as reply:
            return Response(reply.code, reply.headers, reply.read(), reply.headers.get("Location"))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None
