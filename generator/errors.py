"""Errors the user sees: each names the spec file, line, column and JSON pointer."""

from __future__ import annotations

from dataclasses import dataclass


def printable(text: str) -> str:
    """``text`` with control and other unprintable characters escaped (``\\x1b``, ``\\u2028``).

    Spec strings reach the terminal in messages; an escape sequence must not act on it.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\n" else c.encode("unicode_escape").decode("ascii") for c in text)


@dataclass(frozen=True)
class SourceLocation:
    """Where in which file a problem is: 1-based line/column when known."""

    file: str
    pointer: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        if self.pointer:
            where += f" (at #{self.pointer})"
        return printable(where)


class GeneratorError(Exception):
    """Base class of every error the generator reports to its user."""


class LocatedError(GeneratorError):
    """An error at a place in a file: the message, where, and what to do."""

    def __init__(self, message: str, location: SourceLocation | None = None, hint: str = "") -> None:
        self.message = message
        self.location = location
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.location}: {printable(self.message)}" if self.location else printable(self.message)
        if self.hint:
            text += f"\n  hint: {printable(self.hint)}"
        return text


class SpecError(LocatedError):
    """The spec (or one part of it) cannot be turned into an SDK.

    Raised for the whole document it stops generation; the IR builder catches it for one
    operation or schema and degrades that part to a located warning.
    """


class RefRefusedError(LocatedError):
    """A ``$ref`` that would read outside the allowed folders or over the network.

    Not a :class:`SpecError`, so it is never degraded to a warning: generation stops.
    """


@dataclass(frozen=True)
class SpecWarning:
    """A problem that degrades one part of the SDK but does not stop generation."""

    message: str
    location: SourceLocation | None = None

    def __str__(self) -> str:
        message = printable(self.message)
        return f"{self.location}: warning: {message}" if self.location else message
