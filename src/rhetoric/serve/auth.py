"""Who may do what: reviewers sign in with a password, CMS clients send a bearer token.

The users file (`rhetoric serve --users FILE`) is TOML written by `rhetoric users`:

    [reviewers.alice]
    password = "$argon2id$v=19$..."      # argon2id hash (argon2-cffi), never the password

    [clients.cms]
    token_sha256 = "9f2c..."            # sha256 of the token, which is shown once when created

Sessions live in the server's memory (one process), each with its own CSRF token and the reviewer's
pending corrections. Failed sign-ins are rate-limited per account and per client address.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")
SESSION_SECONDS = 12 * 3600
FAILURES_ALLOWED = 5
FAILURE_WINDOW_SECONDS = 15 * 60


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


@dataclass(frozen=True)
class Users:
    """Reviewers' password hashes and CMS clients' token hashes."""

    reviewers: dict[str, str] = field(default_factory=dict)
    clients: dict[str, str] = field(default_factory=dict)

    def check_password(self, name: str, password: str) -> bool:
        """Whether `password` is `name`'s; as slow for an unknown name as for a known one."""
        from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

        stored = self.reviewers.get(name)
        try:
            return _hasher().verify(stored or _dummy_hash(), password) and stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def client_for_token(self, token: str) -> str | None:
        digest = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
        for name, expected in self.clients.items():
            if hmac.compare_digest(digest, expected):
                return name
        return None


_dummy: list[str] = []


def _dummy_hash() -> str:
    """A hash to verify against when the name is unknown, so timing does not tell names apart."""
    if not _dummy:
        _dummy.append(_hasher().hash(secrets.token_hex(16)))
    return _dummy[0]


def read_users(path: str | Path) -> Users:
    """The users file, validated: every name plain, every hash present."""
    from ..text import read_toml

    data = read_toml(path, "a users file")
    unknown = set(data) - {"reviewers", "clients"}
    if unknown:
        raise InputError(f"{path}: unknown table {sorted(unknown)[0]!r} (expected reviewers, clients)")
    reviewers: dict[str, str] = {}
    clients: dict[str, str] = {}
    for table, key, out in (("reviewers", "password", reviewers), ("clients", "token_sha256", clients)):
        entries = data.get(table, {})
        if not isinstance(entries, dict):
            raise InputError(f"{path}: {table} must be a table")
        for name, entry in entries.items():
            if not NAME.fullmatch(name) or not isinstance(entry, dict) or not isinstance(entry.get(key), str):
                raise InputError(f"{path}: {table}.{name} needs a plain name and a {key} string")
            if key == "token_sha256" and not re.fullmatch(r"[0-9a-f]{64}", entry[key]):
                raise InputError(f"{path}: {table}.{name}.token_sha256 must be 64 lowercase hex digits")
            out[name] = entry[key]
    return Users(reviewers, clients)


def _write_users(path: Path, users: Users) -> None:
    from ..outputs import write_output

    lines = ["# rhetoric users: written by `rhetoric users`; hashes only, never passwords or tokens.", ""]
    for name, hashed in sorted(users.reviewers.items()):
        lines += [f"[reviewers.{name}]", f'password = "{hashed}"', ""]
    for name, digest in sorted(users.clients.items()):
        lines += [f"[clients.{name}]", f'token_sha256 = "{digest}"', ""]
    write_output(path, "\n".join(lines))


def _existing(path: Path) -> Users:
    return read_users(path) if path.exists() else Users()


def add_reviewer(path: str | Path, name: str, password: str) -> None:
    """Add or replace a reviewer's password (stored as an argon2id hash)."""
    if not NAME.fullmatch(name):
        raise InputError(f"{name!r}: a name is 1 to 64 letters, digits, '.', '_' or '-'")
    if len(password) < 10:
        raise InputError("a password needs at least 10 characters")
    users = _existing(Path(path))
    _write_users(Path(path), Users({**users.reviewers, name: _hasher().hash(password)}, users.clients))


def add_client(path: str | Path, name: str) -> str:
    """Add or replace a CMS client; returns its new token (only its sha256 is stored)."""
    if not NAME.fullmatch(name):
        raise InputError(f"{name!r}: a name is 1 to 64 letters, digits, '.', '_' or '-'")
    token = secrets.token_urlsafe(32)
    users = _existing(Path(path))
    digest = hashlib.sha256(token.encode()).hexdigest()
    _write_users(Path(path), Users(users.reviewers, {**users.clients, name: digest}))
    return token


@dataclass
class Session:
    user: str
    csrf: str
    expires: float
    draft: dict[int, list[tuple[int, str, int, str | None]]] = field(default_factory=dict)
    """Per article, the corrections the reviewer made on the page and has not yet decided with."""


class Sessions:
    """Signed-in browsers, by an unguessable cookie token."""

    def __init__(self) -> None:
        self._by_token: dict[str, Session] = {}
        self._lock = threading.Lock()

    def start(self, user: str) -> tuple[str, Session]:
        token = secrets.token_urlsafe(32)
        session = Session(user, secrets.token_urlsafe(32), time.monotonic() + SESSION_SECONDS)
        with self._lock:
            self._by_token = {t: s for t, s in self._by_token.items() if s.expires > time.monotonic()}
            self._by_token[token] = session
        return token, session

    def get(self, token: str | None) -> Session | None:
        if not token:
            return None
        with self._lock:
            session = self._by_token.get(token)
            if session is not None and session.expires <= time.monotonic():
                del self._by_token[token]
                return None
            return session

    def end(self, token: str | None) -> None:
        with self._lock:
            self._by_token.pop(token or "", None)


class SignInLimiter:
    """At most FAILURES_ALLOWED failed sign-ins per account and per address in FAILURE_WINDOW_SECONDS."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - FAILURE_WINDOW_SECONDS:
            times.popleft()
        return times

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(key, now)) >= FAILURES_ALLOWED for key in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)
