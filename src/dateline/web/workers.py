"""Several read-only server processes on one port (`dateline serve --read-only --workers N`).

Each worker process opens the store read-only (DuckDB allows many reading processes, or one
writing process, never both) and binds its own listening socket with SO_REUSEPORT, so the
kernel spreads new connections evenly over the workers. (With one shared socket, as uvicorn's
own `workers=` does, whichever process happens to be awake accepts most connections of a burst,
and keep-alive connections then stay unevenly spread for their whole life.) Linux only lets
sockets of the same user join the group; a lock file per address keeps a second multi-worker
`dateline serve` from silently joining the first one's port. The parent only supervises: it restarts a worker that
dies and stops them all on SIGINT or SIGTERM.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import socket
import sys
import time

MAX_RESTARTS = 10


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=TCP matters: asyncio turns Nagle's algorithm off only on sockets that say so, and with it
    # on, a response written in two parts waits for the client's delayed ACK (about 40 ms)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _port_lock(host: str, port: int):
    """An exclusive lock on host:port among multi-worker servers (SO_REUSEPORT would let a second
    one share the port and take half of the first one's connections)."""
    import fcntl
    import tempfile

    path = os.path.join(tempfile.gettempdir(), f"dateline-serve-{host.replace(':', '_')}-{port}.lock")
    fh = open(path, "a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        raise OSError(f"another `dateline serve --workers` is already serving {host}:{port}") from None
    return fh


def _worker(host: str, port: int, config: str, env_name: str) -> None:
    import uvicorn

    os.environ[env_name] = config
    sock = _listening_socket(host, port)
    server = uvicorn.Server(uvicorn.Config("dateline.web.app:app_from_environment", factory=True,
                                           log_level="warning", timeout_keep_alive=30))
    server.run(sockets=[sock])


def serve_workers(host: str, port: int, workers: int, config: dict, env_name: str) -> int:
    """Run `workers` worker processes until SIGINT/SIGTERM; returns an exit code."""
    if not hasattr(socket, "SO_REUSEPORT"):
        raise OSError("several workers need SO_REUSEPORT (Linux, BSD, macOS)")
    lock = _port_lock(host, port)  # held until this function returns
    # fail early and clearly when the port is taken (a reuse-port socket that is not listening
    # receives no connections)
    _listening_socket(host, port).close()
    ctx = multiprocessing.get_context("spawn")
    payload = json.dumps(config)
    stopping = False

    def start():
        proc = ctx.Process(target=_worker, args=(host, port, payload, env_name), name="dateline-web")
        proc.start()
        return proc

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    procs = [start() for _ in range(workers)]
    restarts = 0
    try:
        while not stopping:
            time.sleep(0.2)
            for i, proc in enumerate(procs):
                if proc.is_alive() or stopping:
                    continue
                if restarts >= MAX_RESTARTS:
                    print(f"dateline serve: worker exited with code {proc.exitcode}; "
                          f"giving up after {restarts} restarts", file=sys.stderr)
                    return 1
                print(f"dateline serve: worker exited with code {proc.exitcode}; restarting it", file=sys.stderr)
                restarts += 1
                procs[i] = start()
        return 0
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()  # uvicorn shuts down gracefully and the app closes the store
        deadline = time.monotonic() + 20
        for proc in procs:
            proc.join(max(0.1, deadline - time.monotonic()))
            if proc.is_alive():
                proc.kill()
                proc.join(5)
        for s, handler in previous.items():
            signal.signal(s, handler)
        lock.close()
