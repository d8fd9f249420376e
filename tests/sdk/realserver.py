"""A real HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, for the SDK tests.

It speaks raw sockets so that it can do what a well-behaved server library would not:
reset a connection mid-body, send truncated JSON, stall, never answer. It counts the
connections it accepted, how many are still open (the client has not closed them), and
every request it read. The test that starts it stops it (``with MisbehavingServer(...)``).
"""

from __future__ import annotations

import select
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Request:
    """One request as the server read it."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes


Behaviour = Callable[["Exchange"], bool]  # writes the answer; returns whether to keep the connection


@dataclass
class Exchange:
    """What a behaviour gets: the request, its number (1-based, across connections), the socket."""

    request: Request
    attempt: int
    conn: socket.socket
    server: MisbehavingServer

    def send(self, data: bytes) -> None:
        self.conn.settimeout(30)  # a slow reader of a large body is not a failure (reads poll at 0.2 s)
        self.conn.sendall(data)

    def respond(
        self,
        status: int,
        body: bytes = b"",
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> bool:
        """Send a complete response with a Content-Length; keep the connection."""
        lines = [f"HTTP/1.1 {status} X", f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        return True

    def reset(self) -> bool:
        """Close with a TCP reset (SO_LINGER 0) instead of an orderly FIN."""
        self.conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        return False

    def stall(self, seconds: float) -> bool:
        """Wait without answering; True if the client hung up meanwhile (or the server stops)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self.server.stopping.is_set():
            readable, _, _ = select.select([self.conn], [], [], 0.02)
            if readable and not self.conn.recv(1, socket.MSG_PEEK):
                return True
        return self.server.stopping.is_set()


class MisbehavingServer:
    """Serves ``behaviour`` for every request until stopped."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.requests: list[Request] = []
        self.accepted = 0
        self.open = 0
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._conns: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> MisbehavingServer:
        thread = threading.Thread(target=self._accept_loop, name="misbehaving-server", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._listener.close()
        with self._lock:
            for conn in self._conns:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        for thread in self._threads:
            thread.join(timeout=5)

    def wait_all_closed(self, timeout: float = 3.0) -> int:
        """Wait until the client has closed every connection; return how many are still open."""
        deadline = time.monotonic() + timeout
        while self.open and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.open

    def _accept_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.accepted += 1
                self.open += 1
                self._conns.append(conn)
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket) -> None:
        buffer = b""
        try:
            while not self.stopping.is_set():
                request, buffer = self._read_request(conn, buffer)
                if request is None:
                    break  # the client closed the connection
                with self._lock:
                    self.requests.append(request)
                    attempt = len(self.requests)
                if not self.behaviour(Exchange(request, attempt, conn, self)):
                    break  # the behaviour ends the exchange by closing
        except OSError:
            pass
        finally:
            conn.close()
            with self._lock:
                self.open -= 1

    def _read_request(self, conn: socket.socket, buffer: bytes) -> tuple[Request | None, bytes]:
        conn.settimeout(0.2)
        while b"\r\n\r\n" not in buffer:
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                if self.stopping.is_set():
                    return None, b""
                continue
            if not chunk:
                return None, b""
            buffer += chunk
        head, _, rest = buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return None, b""
            rest += chunk
        return Request(method, target, headers, rest[:length]), rest[length:]
