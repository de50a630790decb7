"""Talking to a SPARQL endpoint over HTTP, when the endpoint may be slow, wrong or hostile.

- One deadline for the whole exchange (connecting, sending, the status line, the headers and
  every byte of the answer): a timer shuts the connection's socket when it passes, so a
  server sending one byte a second is cut off at the deadline, not after each byte's wait.
- The answer is read as a stream, never more than `max_bytes` of it, so a huge answer is
  refused once the limit is passed rather than held in memory first.
- Redirects are not followed: a POST redirected becomes a GET without the query, so the
  answer names where the endpoint moved instead.
- Every failure is one `QueryError` line naming the endpoint.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import io
import re
import socket
import ssl
import threading
import traceback
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import QueryError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_SIZE", "Answer", "exchange", "size"]

_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def size(text: str) -> int:
    """A number of bytes written as 500000, 64K, 100M or 2G."""
    found = re.fullmatch(r"(\d+)\s*([KMG]?)B?", text.strip().upper())
    if found is None or int(found.group(1)) == 0:
        raise ValueError(f"{text!r} is not a size (a positive number of bytes, or 64K, 100M, 2G)")
    return int(found.group(1)) * _UNITS[found.group(2)]


# The largest answer read: results of a few hundred thousand rows; a whole-dataset CONSTRUCT
# needs more, and says so.
DEFAULT_MAX_SIZE = "100M"
DEFAULT_MAX_BYTES = size(DEFAULT_MAX_SIZE)


class _Deadline:
    """Shuts every socket of an exchange when its time is up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


class _Tracked(http.client.HTTPConnection):
    """A connection whose socket the deadline can shut (also under TLS, handshake included)."""

    deadline: _Deadline

    def connect(self) -> None:
        super().connect()
        self.deadline.track(self.sock)


class _TrackedTLS(http.client.HTTPSConnection, _Tracked):
    """HTTPS: `HTTPSConnection.connect` wraps the socket `_Tracked.connect` made and tracked."""


def _connection(kind: type[_Tracked], deadline: _Deadline, host: str, **options: Any) -> _Tracked:
    made = kind(host, **options)
    made.deadline = deadline
    return made


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_connection, _Tracked, self.deadline), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(context=self.tls)
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_connection, _TrackedTLS, self.deadline)
        return self.do_open(connection, req, context=self.tls)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 3xx answer is reported as it is


class _TooLargeError(Exception):
    """The answer passed `max_bytes`."""


class _Capped(io.RawIOBase):
    """The body of an answer, read as it arrives, refused past `limit` bytes."""

    def __init__(self, response: http.client.HTTPResponse, limit: int) -> None:
        self._response = response
        self._limit = limit
        self.read_so_far = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._response.read1(min(len(buffer), self._limit + 1 - self.read_so_far) or 1)
        self.read_so_far += len(data)
        if self.read_so_far > self._limit:
            raise _TooLargeError
        buffer[: len(data)] = data
        return len(data)


@dataclass(frozen=True)
class Answer:
    """An endpoint's answer: its media type and its body as a capped stream."""

    media_type: str
    body: io.BufferedReader


@contextlib.contextmanager
def exchange(
    url: str,
    *,
    method: str,
    body: bytes,
    headers: dict[str, str],
    timeout: float,
    max_bytes: int = DEFAULT_MAX_BYTES,
    shown_as: str | None = None,
) -> Iterator[Answer]:
    """Send one request; the answer is read within the `with` block, under the deadline.

    Any failure, in the request or while the block reads the answer, is one `QueryError`;
    the block's own errors (a parser refusing the answer) pass through unless the deadline
    or the size limit caused them. Messages name the endpoint as `shown_as` (default: `url`).
    """
    shown = shown_as or url
    try:
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
    except ValueError as error:
        raise QueryError(f"{shown}: not an endpoint URL ({error})") from None
    with _Deadline(timeout) as deadline:
        opener = urllib.request.build_opener(_HTTP(deadline), _HTTPS(deadline), _NoRedirects)
        failure: str | None = None
        try:
            with opener.open(request, timeout=timeout) as response:
                media_type = response.headers.get_content_type()
                yield Answer(media_type, io.BufferedReader(_Capped(response, max_bytes)))
        except _TooLargeError as error:
            failure = f": the answer is larger than {max_bytes:,} bytes (--max-bytes)"
            _forget_frames(error)
        except Exception as error:
            failure = _failure(error, deadline.expired, timeout)
            if failure is None:
                raise
            _forget_frames(error)
    if failure is not None:
        # Raised here, not in the handler: the error being handled may hold the parser's
        # objects, which must be dropped on this thread (see sparql._with_timeout).
        raise QueryError(shown + failure)


def _forget_frames(error: BaseException) -> None:
    """Free what the frames the error came through hold (the parser's objects: pyoxigraph's
    must be dropped on the thread that made them). The `QueryError` raised for it keeps the
    `with` statement's exit frame, which holds this error's traceback: a caller keeping that
    `QueryError` in a reference cycle would have the garbage collector drop them on whichever
    thread it next runs."""
    traceback.clear_frames(error.__traceback__)
    error.__traceback__ = None


def _failure(error: Exception, expired: bool, timeout: float) -> str | None:
    """What went wrong, after the endpoint's name; None for an error that is not the exchange's."""
    # A shut socket shows as a reset, a short read, or an answer cut off mid-way that its
    # parser refuses: after the deadline, all of them are the deadline's doing.
    if expired or isinstance(error, TimeoutError):
        return f": no complete answer within {timeout:g} s (--timeout)"
    if isinstance(error, urllib.error.HTTPError):
        return f" answered {error.code}: {_detail(error)}"
    if isinstance(error, urllib.error.URLError | http.client.HTTPException | OSError):
        reason = getattr(error, "reason", None) or error
        said = getattr(reason, "strerror", None) or str(reason)
        return f": {_one_line(said) or type(error).__name__}"
    return None


def _detail(error: urllib.error.HTTPError) -> str:
    """The first line of an error answer, unless it is a web page."""
    location = error.headers.get("Location") if error.headers else None
    if 300 <= error.code < 400 and location:
        return f"moved to {location}; use that URL"
    kind = error.headers.get_content_type() if error.headers else ""
    try:
        text = error.read(4096).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        text = ""
    if kind == "text/html" or text.lstrip().startswith("<"):
        return str(error.reason)
    return _one_line(text) or str(error.reason)


def _one_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:300]
