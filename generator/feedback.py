"""What a long run shows on a terminal while it works."""

from __future__ import annotations

import threading
import time
from typing import TextIO


class Progress:
    """A one-line progress indication on a terminal, shown once a run takes ``after`` seconds."""

    def __init__(self, stream: TextIO, *, enabled: bool, after: float = 2.0, every: float = 0.5) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.after, self.every = after, every
        self.stage = "starting"
        self.started = time.perf_counter()
        self.shown = False
        self._stop = threading.Event()
        self._lock = threading.Lock()  # the progress line and messages never interleave
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def step(self, stage: str) -> None:
        """Name what is being done now."""
        self.stage = stage

    def message(self, text: str) -> None:
        """Print a line of its own (a warning), clearing the progress line first."""
        with self._lock:
            if self.shown:
                self.stream.write("\r\033[K")
            print(text, file=self.stream)

    def _run(self) -> None:
        if self._stop.wait(self.after):
            return
        while not self._stop.is_set():
            with self._lock:
                self.shown = True
                self.stream.write(f"\r\033[K{self.stage}… {time.perf_counter() - self.started:.0f} s")
                self.stream.flush()
            self._stop.wait(self.every)
