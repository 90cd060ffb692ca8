"""Load and validate ``watchlist.toml``: what to watch, how, and whom to tell.

The watchlist is data (as in Open Terms Archive's declarations): services, each with documents, each document
one URL or several combined in order. Every mistake is reported as a :class:`WatchlistError` naming the file,
the line, the service and the key, so that ``policy-monitor validate`` can print one clear line.

>>> wl = loads('[[service]]\\nname = "X"\\n[[service.document]]\\ntype = "Terms"\\nurl = "https://x.com/tos"\\n')
>>> wl.documents[0].key
'X/Terms'
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from monitor.controlchars import ALL_CONTROLS
from monitor.fetchers import FETCHERS

if TYPE_CHECKING:
    from monitor.extract import Selector

DEFAULT_USER_AGENT = "policy-monitor/0.1 (+https://github.com/policy-monitor/policy-monitor)"
SEVERITIES = ("none", "low", "medium", "high")

_ENV_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
ENV_MARK = "${"  # refused in document URLs, whether or not it names a variable
# Refused in service and document names: control characters (a newline, ESC), bidi controls and the backtick, which
# would close the Markdown code span a name is shown in and make "@channel" after it live.
UNSAFE_NAME = re.compile(f"[{ALL_CONTROLS}`]")
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class WatchlistError(ValueError):
    """A watchlist mistake, located: ``watchlist.toml:12: service 'X', document 'Terms': key 'url': …``."""

    def __init__(self, message: str, *, path: str = "<watchlist>", line: int | None = None,
                 key: str | None = None, service: str | None = None, document: str | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.key = key
        self.service = service
        self.document = document
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        parts = [where]
        if self.service is not None:
            parts.append(f"service {self.service!r}")
        if self.document is not None:
            parts.append(f"document {self.document!r}")
        if self.key is not None:
            parts.append(f"key {self.key!r}")
        return ": ".join(parts) + ": " + self.message


def parse_interval(value: Any) -> float:
    """``"90s"``, ``"15m"``, ``"6h"``, ``"1d"`` (or a number of seconds) → seconds.

    >>> parse_interval("6h")
    21600.0
    """
    if isinstance(value, bool):
        raise ValueError(f"not an interval: {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _INTERVAL.match(str(value))
        if not match:
            raise ValueError(f'not an interval: {value!r} (write it like "90s", "15m", "6h" or "1d")')
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if not math.isfinite(seconds):
        raise ValueError(f"not an interval: {value!r} (must be a finite number)")
    if seconds <= 0:
        raise ValueError(f"interval must be positive: {value!r}")
    return seconds


def expand_env(text: str, environ: dict[str, str] | None = None) -> str:
    """Replace every ``${VAR}`` with its value from the environment; a missing variable is an error.

    Only channel URLs are expanded (at the moment of sending): a document URL never holds ``${…}``, since a
    page's address is sent to that page's server, stored, logged and shown in every alert."""
    env = os.environ if environ is None else environ

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in env:
            raise KeyError(name)
        return env[name]

    return _ENV_VAR.sub(substitute, text)


def env_vars(text: str) -> list[str]:
    return _ENV_VAR.findall(text)


@dataclass(frozen=True, slots=True)
class Defaults:
    interval: float = 6 * 3600
    timeout: float = 30.0
    concurrency: int = 8
    per_host_concurrency: int = 2
    per_host_delay: float = 0.0
    user_agent: str = DEFAULT_USER_AGENT
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 120.0
    max_size: int = 10 * 1024 * 1024
    shrink_threshold: float = 0.5
    flipflop_window: int = 3
    jitter: float = 0.1


@dataclass(frozen=True, slots=True)
class NotifyConfig:
    urls: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    min_severity: str = "ai"  # "any", "none", "low", "medium", "high", or "ai" (AI-relevant changes only)
    digest: bool = False
    failure_threshold: int = 3
    max_attempts: int = 10
    broken_after: float | None = None  # seconds of failing before "tracking broken"; None: see broken_after_for
    flap_window: float = 86400.0  # broken again this soon after a "restored": no new pair, a digest line instead

    def broken_after_for(self, interval: float) -> float:
        """How long a document must have been failing before it is reported broken: ``broken_after`` when set,
        else three of its intervals and at least an hour (a short outage or one bad fetch is no news)."""
        if self.broken_after is not None:
            return self.broken_after
        return max(3 * interval, 3600.0)


@dataclass(frozen=True, slots=True)
class StorageConfig:
    keep_checks: float = 90 * 86400.0  # seconds: routine checks older than this are pruned


@dataclass(frozen=True, slots=True)
class WebConfig:
    """``[web]``: where ``serve`` is reached from outside (alerts link to its change pages) and its access token."""

    base_url: str | None = None  # "https://monitor.example.org", no trailing slash
    token: str | None = None  # as written, "${VAR}": expanded when serve starts, never stored

    def change_url(self, change_id: int) -> str | None:
        """The page of a change, for an alert; None without a base_url."""
        return f"{self.base_url}/changes/{change_id}" if self.base_url else None


@dataclass(frozen=True, slots=True)
class Source:
    """One page of a document: where it is, how to fetch it and which part of it is the policy."""

    url: str
    select: tuple[Selector, ...] = ()  # CSS selectors and ranges (monitor.extract.Range)
    remove: tuple[Selector, ...] = ()
    fetch: str = "http"
    wait_for: str | None = None
    allow_private_network: bool = False  # redirects and browser requests may go from a public to a private address


@dataclass(frozen=True, slots=True)
class Document:
    service: str
    type: str
    sources: tuple[Source, ...]
    interval: float
    timeout: float
    shrink_threshold: float = 0.5  # this document's own, or [defaults] shrink_threshold

    @property
    def key(self) -> str:
        return f"{self.service}/{self.type}"

    @property
    def url(self) -> str:
        return self.sources[0].url

    @property
    def needs_browser(self) -> bool:
        return any(source.fetch == "browser" for source in self.sources)


@dataclass(frozen=True, slots=True)
class Service:
    name: str
    opt_out: str | None
    notify: tuple[str, ...]
    documents: tuple[Document, ...]


@dataclass(frozen=True, slots=True)
class Watchlist:
    path: str
    defaults: Defaults = field(default_factory=Defaults)
    notify: NotifyConfig = field(default_factory=NotifyConfig)
    services: tuple[Service, ...] = ()
    storage: StorageConfig = field(default_factory=StorageConfig)
    web: WebConfig = field(default_factory=WebConfig)

    @property
    def documents(self) -> list[Document]:
        return [document for service in self.services for document in service.documents]

    def service(self, name: str) -> Service:
        for service in self.services:
            if service.name.casefold() == name.casefold():
                return service
        raise KeyError(name)

    def document(self, service: str, document_type: str) -> Document:
        for document in self.service(service).documents:
            if document.type.casefold() == document_type.casefold():
                return document
        raise KeyError(f"{service}/{document_type}")

    def select_services(self, names: list[str]) -> list[Document]:
        """The documents of the named services (all of them when ``names`` is empty)."""
        if not names:
            return self.documents
        return [document for name in names for document in self.service(name).documents]


_TOP_KEYS = {"defaults", "notify", "service", "storage", "web"}
_STORAGE_KEYS = set(StorageConfig.__dataclass_fields__)
_WEB_KEYS = set(WebConfig.__dataclass_fields__)
_DEFAULT_KEYS = set(Defaults.__dataclass_fields__)
_NOTIFY_KEYS = set(NotifyConfig.__dataclass_fields__)
_SERVICE_KEYS = {"name", "opt_out", "notify", "document"}
_SOURCE_KEYS = {"url", "select", "remove", "fetch", "wait_for", "allow_private_network"}
_DOCUMENT_KEYS = _SOURCE_KEYS | {"type", "combine", "interval", "timeout", "shrink_threshold"}
# The settings a document may set for itself, over the [defaults].
_DOCUMENT_SETTINGS = ("interval", "timeout", "shrink_threshold")


def _non_empty_string(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string")
    return value


def _whole_number(value: Any, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    if value < minimum:
        raise ValueError(f"must be at least {minimum}")
    return value


def _count(value: Any) -> int:
    return _whole_number(value, minimum=0)


def _max_size(value: Any) -> int:
    from monitor.blobs import MAX_BLOB_BYTES

    if _whole_number(value) > MAX_BLOB_BYTES:  # a larger body could be stored but never read back
        raise ValueError(f"must be at most {MAX_BLOB_BYTES} (256 MiB)")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    if not math.isfinite(value):
        raise ValueError("must be a finite number (not nan or inf)")
    return float(value)


def _non_negative(value: Any) -> float:
    if _number(value) < 0:
        raise ValueError("must not be negative")
    return float(value)


def _fraction(value: Any) -> float:
    if not 0 <= _number(value) < 1:
        raise ValueError("must be between 0 and 1")
    return float(value)


def _timeout(value: Any) -> float:
    if isinstance(value, str):
        return parse_interval(value)
    if _number(value) <= 0:
        raise ValueError("must be positive")
    return float(value)


# How each [defaults] key is checked; any other key is a non-negative number.
_DEFAULT_COERCERS: dict[str, Callable[[Any], Any]] = {
    "interval": parse_interval, "timeout": _timeout, "user_agent": _non_empty_string,
    "concurrency": _whole_number, "per_host_concurrency": _whole_number, "max_size": _max_size,
    "retries": _count, "flipflop_window": _count, "shrink_threshold": _fraction, "jitter": _fraction,
}


class _Locator:
    """Finds the line of a key in the raw TOML text, so errors can point at it."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def line_of(self, key: str, *, service_index: int | None = None, document_index: int | None = None,
                table: str | None = None) -> int | None:
        start, end = 0, len(self.lines)
        if table is not None:
            start, end = self._block(rf"^\s*\[\s*{re.escape(table)}\s*\]", 0, end, 0)
        if service_index is not None:
            start, end = self._block(r"^\s*\[\[\s*service\s*\]\]", start, end, service_index,
                                     stop=r"^\s*\[\[\s*service\s*\]\]|^\s*\[(?!\[)")
        if document_index is not None:
            start, end = self._block(r"^\s*\[\[\s*service\.document\s*\]\]", start, end, document_index,
                                     stop=r"^\s*\[\[")
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start, end):
            if pattern.match(self.lines[number]):
                return number + 1
        return start + 1 if start < len(self.lines) and (service_index is not None or table) else None

    def _block(self, header: str, start: int, end: int, index: int, stop: str = r"^\s*\[") -> tuple[int, int]:
        header_re, stop_re = re.compile(header), re.compile(stop)
        seen = -1
        for number in range(start, end):
            if header_re.match(self.lines[number]):
                seen += 1
                if seen == index:
                    block_end = end
                    for later in range(number + 1, end):
                        if stop_re.match(self.lines[later]) and not (
                            header.endswith(r"service\s*\]\]") and "service.document" in self.lines[later]
                        ):
                            block_end = later
                            break
                    return number, block_end
        return start, end


def load(path: str | os.PathLike[str]) -> Watchlist:
    """Read and validate a watchlist file."""
    file_path = Path(path)
    try:
        text = file_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WatchlistError("file not found", path=str(file_path)) from None
    except UnicodeDecodeError as error:
        raise WatchlistError(f"not UTF-8 text ({error.reason} at byte {error.start})", path=str(file_path)) from None
    except OSError as error:
        raise WatchlistError(f"cannot read: {error.strerror}", path=str(file_path)) from None
    return loads(text, path=str(file_path))


def loads(text: str, path: str = "<watchlist>") -> Watchlist:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        message = str(error).split(" (at line")[0]
        if line is None:
            found = re.search(r"at line (\d+)", str(error))
            line = int(found.group(1)) if found else None
        raise WatchlistError(f"invalid TOML: {message}", path=path, line=line) from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively: "a = [[[[…" exhausts the stack
        raise WatchlistError("invalid TOML: arrays or tables nested too deeply", path=path) from None
    return _Parser(text, path).parse(data)


class _Parser:
    def __init__(self, text: str, path: str) -> None:
        self.locator = _Locator(text)
        self.path = path

    def error(self, message: str, *, key: str | None = None, table: str | None = None,
              service_index: int | None = None, service: str | None = None,
              document_index: int | None = None, document: str | None = None) -> WatchlistError:
        line = None
        if key is not None:
            line = self.locator.line_of(key.split(".")[0].split("[")[0], service_index=service_index,
                                        document_index=document_index, table=table)
        return WatchlistError(message, path=self.path, line=line, key=key, service=service, document=document)

    def parse(self, data: dict[str, Any]) -> Watchlist:
        for key in data:
            if key not in _TOP_KEYS:
                raise self.error(f"unknown key (expected one of {', '.join(sorted(_TOP_KEYS))})", key=key)
        defaults = self.parse_defaults(data.get("defaults", {}))
        notify = self.parse_notify(data.get("notify", {}))
        storage = self.parse_storage(data.get("storage", {}))
        web = self.parse_web(data.get("web", {}))
        raw_services = data.get("service", [])
        if not isinstance(raw_services, list):
            raise self.error("must be an array of tables: write [[service]]", key="service")
        services: list[Service] = []
        seen_services: set[str] = set()
        seen_documents: set[str] = set()
        for index, raw in enumerate(raw_services):
            service = self.parse_service(raw, index, defaults)
            folded = service.name.casefold()
            if folded in seen_services:
                raise self.error("duplicate service name", key="name", service_index=index, service=service.name)
            seen_services.add(folded)
            for document_index, document in enumerate(service.documents):
                identity = f"{folded}/{document.type.casefold()}"
                if identity in seen_documents:
                    raise self.error("duplicate document (same service and type)", key="type",
                                     service_index=index, service=service.name,
                                     document_index=document_index, document=document.type)
                seen_documents.add(identity)
            services.append(service)
        return Watchlist(path=self.path, defaults=defaults, notify=notify, services=tuple(services),
                         storage=storage, web=web)

    def parse_table(self, raw: Any, table: str, known: set[str],
                    coerce: Callable[[str, Any], Any]) -> dict[str, Any]:
        """A table of settings: every key known, every value coerced (a ValueError names the key and its line)."""
        if not isinstance(raw, dict):
            raise self.error("must be a table", key=table)
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in known:
                raise self.error(f"unknown key in [{table}] (known: {', '.join(sorted(known))})",
                                 key=key, table=table)
            try:
                values[key] = coerce(key, value)
            except ValueError as error:
                raise self.error(str(error), key=key, table=table) from None
        return values

    def parse_storage(self, raw: Any) -> StorageConfig:
        return StorageConfig(**self.parse_table(raw, "storage", _STORAGE_KEYS, lambda _, value: parse_interval(value)))

    def parse_defaults(self, raw: Any) -> Defaults:
        return Defaults(**self.parse_table(raw, "defaults", _DEFAULT_KEYS, self.coerce_default))

    @staticmethod
    def coerce_default(key: str, value: Any) -> Any:
        """A [defaults] value (or a document's own interval, timeout or shrink_threshold), checked for its key."""
        return _DEFAULT_COERCERS.get(key, _non_negative)(value)

    def parse_notify(self, raw: Any) -> NotifyConfig:
        if not isinstance(raw, dict):
            raise self.error("must be a table", key="notify")
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in _NOTIFY_KEYS:
                raise self.error(f"unknown key in [notify] (known: {', '.join(sorted(_NOTIFY_KEYS))})",
                                 key=key, table="notify")
            if key in {"urls", "errors"}:
                values[key] = self.string_list(value, key=key, table="notify")
            elif key == "min_severity":
                allowed = ("any", "ai", *SEVERITIES)
                if value not in allowed:
                    raise self.error(f"must be one of {', '.join(allowed)}", key=key, table="notify")
                values[key] = value
            elif key in {"broken_after", "flap_window"}:
                try:
                    # 0 is allowed: "broken_after = 0" reports after failure_threshold checks, however quick
                    zero = not isinstance(value, bool) and value in (0, "0", "0s")
                    values[key] = 0.0 if zero else parse_interval(value)
                except ValueError as error:
                    raise self.error(str(error), key=key, table="notify") from None
            elif key == "digest":
                if not isinstance(value, bool):
                    raise self.error("must be true or false", key=key, table="notify")
                values[key] = value
            else:
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise self.error("must be a whole number of at least 1", key=key, table="notify")
                values[key] = value
        return NotifyConfig(**values)

    def parse_web(self, raw: Any) -> WebConfig:
        if not isinstance(raw, dict):
            raise self.error("must be a table", key="web")
        for key in raw:
            if key not in _WEB_KEYS:
                raise self.error(f"unknown key in [web] (known: {', '.join(sorted(_WEB_KEYS))})", key=key,
                                 table="web")
        base_url = raw.get("base_url")
        if base_url is not None:
            if not isinstance(base_url, str) or not base_url.strip():
                raise self.error('must be a URL such as "https://monitor.example.org"', key="base_url",
                                 table="web")
            base_url = self.check_url(base_url.strip(), key="base_url", table="web")
            if urlsplit(base_url).query or urlsplit(base_url).fragment:
                raise self.error("must not have a query or a fragment", key="base_url", table="web")
            base_url = base_url.rstrip("/")
        token = raw.get("token")
        if token is not None and (not isinstance(token, str) or not _ENV_VAR.fullmatch(token.strip())):
            raise self.error('must name an environment variable, e.g. token = "${POLICY_MONITOR_TOKEN}": a secret '
                             "comes from the environment, never from the file", key="token", table="web")
        return WebConfig(base_url=base_url, token=token.strip() if token else None)

    def string_list(self, value: Any, **where: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise self.error("must be a string or a list of non-empty strings", **where)
        return tuple(value)

    def parse_service(self, raw: Any, index: int, defaults: Defaults) -> Service:
        if not isinstance(raw, dict):
            raise self.error("must be a table", key="service", service_index=index)
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.error("every [[service]] needs a non-empty name", key="name", service_index=index)
        name = name.strip()
        if "/" in name:
            raise self.error("a service name may not contain '/'", key="name", service_index=index, service=name)
        if UNSAFE_NAME.search(name):
            raise self.error("a service name may not contain control characters or '`'", key="name",
                             service_index=index)
        where: dict[str, Any] = {"service_index": index, "service": name}
        for key in raw:
            if key not in _SERVICE_KEYS:
                raise self.error(f"unknown key in [[service]] (known: {', '.join(sorted(_SERVICE_KEYS))})",
                                 key=key, **where)
        opt_out = raw.get("opt_out")
        if opt_out is not None and (not isinstance(opt_out, str) or not opt_out.strip()):
            raise self.error("must be a non-empty string", key="opt_out", **where)
        notify = self.string_list(raw.get("notify", []), key="notify", **where)
        raw_documents = raw.get("document", [])
        if not isinstance(raw_documents, list) or not raw_documents:
            raise self.error("needs at least one [[service.document]]", key="document", **where)
        documents = tuple(self.parse_document(item, i, name, index, defaults) for i, item in enumerate(raw_documents))
        return Service(name=name, opt_out=opt_out.strip() if opt_out else None, notify=notify, documents=documents)

    def parse_document(self, raw: Any, index: int, service: str, service_index: int, defaults: Defaults) -> Document:
        where: dict[str, Any] = {"service_index": service_index, "service": service, "document_index": index}
        if not isinstance(raw, dict):
            raise self.error("must be a table", key="document", **where)
        doc_type = self.document_type(raw.get("type"), where)
        where["document"] = doc_type
        for key in raw:
            if key not in _DOCUMENT_KEYS:
                raise self.error(f"unknown key in [[service.document]] (known: {', '.join(sorted(_DOCUMENT_KEYS))})",
                                 key=key, **where)
        base = self.parse_source(raw, where, require_url="combine" not in raw)
        sources = self.combined_sources(raw, base, where) if "combine" in raw else (base,)
        settings = {key: getattr(defaults, key) for key in _DOCUMENT_SETTINGS}
        for key in _DOCUMENT_SETTINGS:
            if key in raw:
                try:
                    settings[key] = self.coerce_default(key, raw[key])
                except ValueError as error:
                    raise self.error(str(error), key=key, **where) from None
        return Document(service=service, type=doc_type, sources=sources, **settings)

    def document_type(self, doc_type: Any, where: dict[str, Any]) -> str:
        if not isinstance(doc_type, str) or not doc_type.strip():
            raise self.error("every document needs a non-empty type, e.g. \"Privacy Policy\"", key="type", **where)
        doc_type = doc_type.strip()
        if "/" in doc_type:
            raise self.error("a document type may not contain '/'", key="type", **where)
        if UNSAFE_NAME.search(doc_type):
            raise self.error("a document type may not contain control characters or '`'", key="type", **where)
        return doc_type

    def combined_sources(self, raw: dict[str, Any], base: Source, where: dict[str, Any]) -> tuple[Source, ...]:
        """The parts of a ``combine`` document, each inheriting the document's own select, remove and fetch."""
        if "url" in raw:
            raise self.error("give either url or combine, not both", key="url", **where)
        combine = raw["combine"]
        if not isinstance(combine, list) or not combine:
            raise self.error("must be a non-empty list of {url = …} tables", key="combine", **where)
        sources = []
        for part in combine:
            if not isinstance(part, dict):
                raise self.error("each part must be a table such as {url = \"https://…\"}", key="combine", **where)
            for key in part:
                if key not in _SOURCE_KEYS:
                    raise self.error(f"unknown key {key!r} in a combine part (known: "
                                     f"{', '.join(sorted(_SOURCE_KEYS))})", key="combine", **where)
            merged = {"select": _as_written(base.select), "remove": _as_written(base.remove), "fetch": base.fetch,
                      "wait_for": base.wait_for, "allow_private_network": base.allow_private_network, **part}
            sources.append(self.parse_source(merged, where, require_url=True, key_prefix="combine."))
        return tuple(sources)

    def parse_source(self, raw: dict[str, Any], where: dict[str, Any], *, require_url: bool,
                     key_prefix: str = "") -> Source:
        url = raw.get("url")
        if url is None and not require_url:
            url = ""
        elif not isinstance(url, str) or not url.strip():
            raise self.error("a document needs a url (or combine = [{url = …}, …])", key=key_prefix + "url", **where)
        else:
            url = self.check_url(url.strip(), key=key_prefix + "url", **where)
        select = self.selectors(raw.get("select", []), key=key_prefix + "select", **where)
        remove = self.selectors(raw.get("remove", []), key=key_prefix + "remove", **where)
        fetch = raw.get("fetch", "http")
        if fetch not in FETCHERS:  # the fetch methods there are
            raise self.error(f"must be one of {', '.join(FETCHERS)}", key=key_prefix + "fetch", **where)
        wait_for = raw.get("wait_for")
        if wait_for is not None and (not isinstance(wait_for, str) or not wait_for.strip()):
            raise self.error("must be a CSS selector", key=key_prefix + "wait_for", **where)
        allow_private = raw.get("allow_private_network", False)
        if not isinstance(allow_private, bool):
            raise self.error("must be true or false", key=key_prefix + "allow_private_network", **where)
        return Source(url=url, select=select, remove=remove, fetch=fetch, wait_for=wait_for,
                      allow_private_network=allow_private)

    def check_url(self, url: str, **where: Any) -> str:
        if ENV_MARK in url:
            raise self.error(f"a document URL may not hold {ENV_MARK}…}} (the value would go to that page's server, "
                             "the data directory and every alert): environment variables are for channel URLs only",
                             **where)
        try:
            parts = urlsplit(url)
        except ValueError as error:  # e.g. "http://[::1/": an unclosed IPv6 bracket
            raise self.error(f"not a valid URL ({error}): {url!r}", **where) from None
        if parts.scheme not in {"http", "https"}:
            raise self.error(f"only http and https URLs can be watched, not {url!r}", **where)
        if not parts.hostname:
            raise self.error(f"not a valid URL (no host): {url!r}", **where)
        try:
            parts.port  # noqa: B018 - raises on a bad port
        except ValueError:
            raise self.error(f"not a valid URL (bad port): {url!r}", **where) from None
        if any(char.isspace() for char in url):
            raise self.error(f"not a valid URL (contains white space): {url!r}", **where)
        return url

    def selectors(self, value: Any, **where: Any) -> tuple[Selector, ...]:
        """CSS selectors, and ranges written as in Open Terms Archive's declarations:
        ``{ startBefore = "h2#ai", endBefore = "footer" }`` (or ``startAfter`` / ``endAfter``)."""
        from monitor.extract import Range, SelectorError, compile_selector

        if isinstance(value, str | dict):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, dict) or isinstance(item, str) and item.strip()
                                                  for item in value):
            raise self.error("must be a CSS selector, a range { startBefore = …, endBefore = … } or a list of them",
                             **where)
        selectors: list[Selector] = []
        for item in value:
            try:
                if isinstance(item, dict):
                    selectors.append(Range.from_mapping(item))
                else:
                    compile_selector(item)
                    selectors.append(item.strip())
            except SelectorError as error:
                raise self.error(str(error), **where) from None
        return tuple(selectors)


def _as_written(selectors: tuple[Selector, ...]) -> list[Any]:
    """Parsed selectors as a watchlist writes them (ranges as tables), to be parsed again with a part's own."""
    return [selector if isinstance(selector, str) else selector.as_mapping() for selector in selectors]
