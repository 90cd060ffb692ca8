"""Secrets in channel URLs: a URL shown masked (:func:`mask_url`), and every secret a channel holds scrubbed from
log records and error messages (:func:`scrub`).

Channel URLs are stored as written in the watchlist (``${VAR}`` unexpanded) and expanded only at send time.

>>> mask_url("mailtos://me:hunter2@smtp.example.com?to=me@example.com")
'mailtos://me:****@smtp.example.com/me%40example.com'
>>> mask_url("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ")
'slack://T...2/A...D/T...Q'
>>> mask_url("mailtos://${SMTP_USER}:${SMTP_PASS}@smtp.example.com")
'mailtos://${SMTP_USER}:${SMTP_PASS}@smtp.example.com'
"""

from __future__ import annotations

import functools
import logging
import os
import re
import threading
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

from monitor.watchlist import env_vars, expand_env

_SECRET_KEY = re.compile(r"pass|secret|token|key|auth|sig|pwd|webhook|hook|cred|apikey|session", re.I)
_TOKEN_LIKE = re.compile(r"[A-Za-z0-9_\-+=~%]{8,}")
_URL_IN_TEXT = re.compile(r"\b[a-z][a-z0-9+.\-]*://[^\s\"'<>]+", re.I)


_ENV_ONLY = re.compile(r"(\$\{[A-Za-z_][A-Za-z0-9_]*\})+")


def _looks_secret(part: str) -> bool:
    """A URL component that looks like a token: long, letters and digits, no dots (host names have dots)."""
    return bool(_TOKEN_LIKE.fullmatch(part)) and any(c.isdigit() for c in part) and any(c.isalpha() for c in part)


def _outer(part: str) -> str:
    """apprise's 'outer' privacy style: the first and last character, three dots between."""
    if _ENV_ONLY.fullmatch(part):
        return part  # the name of an environment variable is no secret
    return f"{part[:1]}...{part[-1:]}" if len(part) > 2 else "****"


def mask_url(url: str) -> str:
    """A channel URL safe to show: passwords become ``****``, tokens keep only their first and last character.

    apprise masks the URLs it can load (``url(privacy=True)``: it knows which part of each service's URL is a
    secret); a URL with ``${VAR}`` references is masked here, as is one apprise cannot load: expanding the variables
    to let apprise parse the URL would put their values in the output."""
    if "${" not in url:
        masked = _apprise_masked(url)
        if masked is not None:
            return masked
    return mask_by_hand(url)


@functools.lru_cache(maxsize=256)
def _apprise_masked(url: str) -> str | None:
    import apprise

    try:
        plugin = apprise.Apprise.instantiate(url)
        masked = plugin.url(privacy=True) if plugin is not None else None
    except Exception:  # a plugin that fails on a URL it accepted: masked by hand instead
        return None
    if not masked:
        return None
    # apprise writes every option with its default value: only those the URL sets are kept. What apprise shows as
    # written is masked as by hand: a token in a webhook's path, the headers and parameters the URL passes on
    # ("+Authorization=...", "-password=...").
    given = {key for key, _ in _query_pairs(urlsplit(url).query)}
    parts = urlsplit(masked)
    query = "&".join(_masked_pair(key, value) for key, value in _query_pairs(parts.query) if key in given)
    path = parts.path if urlsplit(url).path.endswith("/") else parts.path.rstrip("/")
    path = "/".join(_masked_part(segment) for segment in path.split("/"))
    return urlunsplit(parts._replace(netloc=_masked_netloc(parts.netloc), path=path, query=query))


def _query_pairs(query: str) -> list[tuple[str, str]]:
    """A query's keys and values as apprise reads them: a "+" is a header's mark, not a space."""
    pairs = (pair.partition("=") for pair in query.split("&") if pair)
    return [(unquote(key), unquote(value)) for key, _, value in pairs]


def mask_by_hand(url: str) -> str:
    """The masking apprise does, for any URL (``${VAR}`` references kept: they are names, not secrets): passwords
    and the values of secret-named query keys become ``****``, token-like parts keep their first and last
    character."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "****"
    if not parts.scheme:
        return _masked_part(url)
    query = "?" + "&".join(_masked_pair(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True))
    fragment = "#" + _masked_part(parts.fragment)
    return (f"{parts.scheme}://{_masked_netloc(parts.netloc)}"
            f"{'/'.join(_masked_part(segment) for segment in parts.path.split('/'))}"
            f"{query if parts.query else ''}{fragment if parts.fragment else ''}")


def _masked_part(part: str) -> str:
    return _outer(part) if _looks_secret(part) else part


def _masked_netloc(netloc: str) -> str:
    userinfo, at, hostport = netloc.rpartition("@")
    if at:
        user, colon, password = userinfo.partition(":")
        if colon:
            password = password if _ENV_ONLY.fullmatch(password) else "****"
        userinfo = _masked_part(user) + (colon + password if colon else "") + at
    host, port_sep, port = hostport.partition(":")
    if not port.isdigit():  # "host:token" forms (not a port)
        port = _outer(port) if port and (_looks_secret(port) or len(port) > 3) else port
    return userinfo + _masked_part(host) + port_sep + port


def _masked_pair(key: str, value: str) -> str:
    key = quote(key, safe="+-:@$/{}*., ")
    if not value:
        return key + "="
    if (_SECRET_KEY.search(key) or _looks_secret(value)) and not _ENV_ONLY.fullmatch(value):
        value = "****" if _SECRET_KEY.search(key) else _outer(value)
    return f"{key}={quote(value, safe='@$/{}:*.,')}"


def mask_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Free text (an error message, a log line) with known secrets and URL credentials masked."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        if secret:
            text = text.replace(secret, "****")
    # by hand: the scrubber runs on every log record, apprise's own among them, and must not call apprise
    return _URL_IN_TEXT.sub(lambda match: mask_by_hand(match.group(0)), text)


def secrets_in(url: str, environ: dict[str, str] | None = None) -> set[str]:
    """The secret strings an expanded channel URL contains: environment values, passwords, token-like parts."""
    env = os.environ if environ is None else environ
    found = {env[name] for name in env_vars(url) if name in env}
    try:
        parts = urlsplit(expand_env(url, dict(env)))
    except (KeyError, ValueError):
        return {secret for secret in found if len(secret) >= 4}
    if parts.password:
        found.add(parts.password)
    hostport = parts.netloc.rpartition("@")[2]
    found.update(part for part in (*hostport.split(":"), *parts.path.split("/")) if _looks_secret(part))
    found.update(value for key, value in parse_qsl(parts.query)
                 if value and (_SECRET_KEY.search(key) or _looks_secret(value)))
    return {secret for secret in found if len(secret) >= 4}


class _SecretScrubber(logging.Filter):
    """Rewrites log records that mention a known secret (installed on apprise's logger and ours)."""

    def __init__(self) -> None:
        super().__init__("")
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, secrets: Iterable[str]) -> None:
        with self._lock:
            self._secrets.update(secret for secret in secrets if secret)

    def scrub(self, text: str) -> str:
        with self._lock:
            secrets = list(self._secrets)
        return mask_text(text, secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error handling
            return True
        scrubbed = self.scrub(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


_scrubber = _SecretScrubber()


def watch_secrets(secrets: Iterable[str]) -> None:
    """From now on, these strings are masked wherever a log record or :func:`scrub` shows them."""
    _scrubber.add(secrets)


def scrub(text: str) -> str:
    """``text`` with every secret of a channel opened so far, and URL credentials, masked."""
    return _scrubber.scrub(text)


# apprise logs through "apprise"; the HTTP library under it logs request paths (tokens included) at DEBUG.
for _logger_name in ("apprise", "monitor.notify", "urllib3.connectionpool", "requests"):
    logging.getLogger(_logger_name).addFilter(_scrubber)
