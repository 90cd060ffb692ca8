"""Realistic policy pages for the benchmark, and a fast HTTP/1.1 server for them (run in its own process).

    python bench/pages.py serve --n 500 [--seed 1] [--hosts 8]   # prints "listening 127.0.0.1:port …" when ready

Page ``/p/<i>.html`` (``i`` in ``0..n-1``) is a ~60 KB privacy policy of "Platform <i>": a ``<head>`` with inline
CSS and JavaScript, a cookie banner, a header with navigation, the policy in ``<main>`` (sections, paragraphs,
lists and links drawn from ``policy_text.txt``, real policy text recorded by Open Terms Archive, in an order and a
selection that differ from page to page) and a footer. Pages are made once, deterministically from the seed.

The server listens on several loopback addresses (127.0.0.1 … 127.0.0.8: a watchlist's documents are on many
hosts; the benchmark asks host ``i % 8`` for page ``i``, though every host serves every page), keeps connections
alive, sends ``ETag`` and ``Last-Modified`` and answers ``304`` to a matching ``If-None-Match`` /
``If-Modified-Since``. Its state is set with ``GET /_bench/state?conditional=0|1&changed=F``:
``conditional=0`` ignores conditional headers (every answer is a full ``200``), ``changed=F`` serves a new version
(an AI-training clause added, a sentence reworded) of a fixed, seeded fraction ``F`` of the pages. The state is
absolute, so several tools can be run through the same sequence of states. ``GET /_bench/stats`` returns the
answers given since the last state change, by status.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import html
import json
import random
import sys
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

TEXT_FILE = Path(__file__).resolve().with_name("policy_text.txt")
TARGET_SIZE = 60_000
AI_CLAUSE = ("We may use the content you post, your messages with our assistants and your interactions with our "
             "AI features to train, fine-tune and improve our artificial intelligence and machine learning models, "
             "including generative models, and we may license this content to our partners for the same purpose.")
LOREM_CSS = "".join(
    f".c{i}{{margin:{i % 7}px {i % 5}px;padding:{i % 3}px;color:#{(i * 2654435761) % 0xFFFFFF:06x};"
    f"font:{12 + i % 6}px/1.{4 + i % 5} system-ui,sans-serif}}\n" for i in range(150))
LOREM_JS = "".join(
    f"window.__cfg{i}=Object.assign(window.__cfg{i}||{{}},{{id:{i},track:'ev{i}',sample:{i % 10}/10}});\n"
    for i in range(110))


def load_sections(path: Path = TEXT_FILE) -> list[tuple[str, list[str]]]:
    """The text file as (heading, paragraphs) sections; ``# `` lines name a source and are skipped."""
    sections: list[tuple[str, list[str]]] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        block = block.strip()
        if not block or block.startswith("# "):
            continue
        if block.startswith("## "):
            sections.append((block[3:], []))
        elif sections:
            sections[-1][1].append(block)
        else:
            sections.append(("Introduction", [block]))
    return [(heading, paragraphs) for heading, paragraphs in sections if paragraphs]


def _inline(text: str, rng: random.Random, index: int) -> str:
    """A paragraph as HTML, with a link or some bold text here and there, like real policies."""
    words = html.escape(text).split(" ")
    if len(words) > 12 and rng.random() < 0.35:
        at = rng.randrange(2, len(words) - 4)
        words[at] = f'<a href="/legal/help/{index}-{at}" class="c{at % 90}">{words[at]} {words[at + 1]}</a>'
        del words[at + 1]
    if len(words) > 20 and rng.random() < 0.2:
        at = rng.randrange(0, len(words) - 3)
        words[at] = f"<strong>{words[at]}"
        words[at + 2] = f"{words[at + 2]}</strong>"
    return " ".join(words)


def make_page(index: int, version: int, sections: list[tuple[str, list[str]]], seed: int = 1) -> bytes:
    """Page ``index`` in ``version`` (0: the first; 1: with an AI-training clause added and a sentence reworded)."""
    rng = random.Random(seed * 1_000_003 + index)
    name = f"Platform {index:05d}"
    order = list(range(len(sections)))
    rng.shuffle(order)
    parts = [f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
             f'<title>{name} — Privacy Policy</title>\n<meta name="viewport" content="width=device-width">\n'
             f'<link rel="canonical" href="https://platform{index}.example/privacy">\n<style>\n{LOREM_CSS}</style>\n'
             f'<script>\n{LOREM_JS}</script>\n</head>\n<body class="c{index % 90}">\n'
             '<div id="onetrust-banner-sdk" class="cookie-banner"><p>We use cookies to improve your experience. '
             '<button>Accept all cookies</button> <button>Manage cookies</button></p></div>\n'
             f'<header><a href="/" class="logo">{name}</a><nav><ul>'
             + "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(25))
             + "</ul></nav></header>\n<main>\n<article>\n"
             f"<h1>{name} Privacy Policy</h1>\n<p>Effective {1 + index % 28} {['March', 'June', 'October'][index % 3]}"
             f" 2025. This policy explains how {name} and its affiliates collect, use and share information.</p>\n"]
    size = sum(map(len, parts))
    chosen: list[tuple[str, list[str]]] = []
    for position in order:
        heading, paragraphs = sections[position]
        chosen.append((heading, paragraphs))
        size += sum(map(len, paragraphs)) + len(heading) + 40 * len(paragraphs)
        if size > TARGET_SIZE - 3_000:
            break
    middle = len(chosen) // 2
    for number, (heading, paragraphs) in enumerate(chosen):
        parts.append(f'<section id="s{number}" class="c{number % 90}">\n<h2>{html.escape(heading)}</h2>\n')
        in_list = False
        for k, paragraph in enumerate(paragraphs):
            if version >= 1 and number == middle and k == 0:
                parts.append(f"<p>{html.escape(AI_CLAUSE)}</p>\n")
            if version >= 1 and number == 0 and k == 0:
                paragraph = paragraph.replace(" the ", " this ", 1) + " This section was updated."
            if paragraph.startswith("- "):
                if not in_list:
                    parts.append("<ul>\n")
                    in_list = True
                parts.append(f"<li>{_inline(paragraph[2:], rng, index)}</li>\n")
                continue
            if in_list:
                parts.append("</ul>\n")
                in_list = False
            parts.append(f"<p>{_inline(paragraph, rng, index)}</p>\n")
        if in_list:
            parts.append("</ul>\n")
        parts.append("</section>\n")
    parts.append("</article>\n</main>\n<footer><ul>"
                 + "".join(f'<li><a href="/legal/{k}">Legal notice {k}</a></li>' for k in range(20))
                 + f"</ul><p>© 2025 {name}, Inc.</p></footer>\n"
                 f'<script>window.dataLayer=[];(function(){{var s=document.createElement("script");'
                 f's.src="/static/app.{index:05d}.js";document.body.appendChild(s)}})();</script>\n</body>\n</html>\n')
    return "".join(parts).encode("utf-8")


def changed_set(n: int, fraction: float, seed: int = 1) -> set[int]:
    """The pages that change when ``fraction`` of them do (at least one when the fraction is positive)."""
    if fraction <= 0:
        return set()
    count = max(1, round(n * fraction))
    return set(random.Random(seed).sample(range(n), min(n, count)))


class Site:
    def __init__(self, n: int, seed: int) -> None:
        self.n, self.seed = n, seed
        self.sections = load_sections()
        self.pages = [self._entry(make_page(i, 0, self.sections, seed), 0) for i in range(n)]
        self.base = list(self.pages)
        self.conditional = True
        self.changed = 0.0
        self.stats: dict[str, int] = {}

    @staticmethod
    def _entry(body: bytes, version: int) -> tuple[bytes, bytes, str]:
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        last_modified = formatdate(1_735_689_600 + version * 86_400, usegmt=True)
        head = (f"ETag: {etag}\r\nLast-Modified: {last_modified}\r\n").encode()
        return body, head, etag

    def set_state(self, conditional: bool, changed: float) -> None:
        self.conditional = conditional
        if changed != self.changed:
            self.pages = list(self.base)
            for i in changed_set(self.n, changed, self.seed):
                self.pages[i] = self._entry(make_page(i, 1, self.sections, self.seed), 1)
            self.changed = changed
        self.stats = {}


class _Protocol(asyncio.Protocol):
    def __init__(self, site: Site) -> None:
        self.site = site
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = self.buffer[:end].decode("latin-1"), self.buffer[end + 4:]
            self.respond(head)

    def respond(self, head: str) -> None:
        assert self.transport is not None
        lines = head.split("\r\n")
        try:
            method, target, _ = lines[0].split(" ", 2)
        except ValueError:
            self.transport.close()
            return
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        path = urlsplit(target).path
        status, body, extra = 404, b"not found", b""
        if path.startswith("/p/") and path.endswith(".html"):
            try:
                index = int(path[3:-5])
                body, extra, etag = self.site.pages[index]
                status = 200
            except (ValueError, IndexError):
                pass
            else:
                if self.site.conditional and _not_modified(headers, etag, extra):
                    status, body = 304, b""
        elif path == "/_bench/state":
            query = parse_qs(urlsplit(target).query)
            self.site.set_state(query.get("conditional", ["1"])[0] != "0", float(query.get("changed", ["0"])[0]))
            status, body = 200, json.dumps({"conditional": self.site.conditional,
                                            "changed": self.site.changed}).encode()
        elif path == "/_bench/stats":
            status, body = 200, json.dumps(self.site.stats).encode()
        self.site.stats[str(status)] = self.site.stats.get(str(status), 0) + 1
        reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}[status]
        start = (f"HTTP/1.1 {status} {reason}\r\nDate: {formatdate(usegmt=True)}\r\nServer: bench\r\n").encode()
        if status == 304:
            self.transport.write(start + extra + b"\r\n")
        else:
            kind = b"text/html; charset=utf-8" if status != 404 and path.startswith("/p/") else b"application/json"
            self.transport.write(start + extra + b"Content-Type: " + kind + b"\r\nContent-Length: "
                                 + str(len(body)).encode() + b"\r\n\r\n" + (body if method != "HEAD" else b""))
        if headers.get("connection", "").lower() == "close":
            self.transport.close()


def _not_modified(headers: dict[str, str], etag: str, extra: bytes) -> bool:
    if "if-none-match" in headers:
        return etag in [tag.strip() for tag in headers["if-none-match"].split(",")] or headers["if-none-match"] == "*"
    since = headers.get("if-modified-since")
    if since:
        try:
            last_modified = extra.decode().split("Last-Modified: ", 1)[1].split("\r\n", 1)[0]
            return parsedate_to_datetime(since) >= parsedate_to_datetime(last_modified)
        except (IndexError, TypeError, ValueError):
            return False
    return False


async def serve(n: int, seed: int, port: int, hosts: int) -> None:
    site = Site(n, seed)
    loop = asyncio.get_running_loop()
    servers = [await loop.create_server(lambda: _Protocol(site), f"127.0.0.{1 + k}", port, backlog=1024)
               for k in range(hosts)]
    addresses = " ".join("{}:{}".format(*server.sockets[0].getsockname()[:2]) for server in servers)
    print(f"listening {addresses}", flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="benchmark pages and their server")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve")
    run.add_argument("--n", type=int, default=500)
    run.add_argument("--seed", type=int, default=1)
    run.add_argument("--port", type=int, default=0)
    run.add_argument("--hosts", type=int, default=8, help="listen on 127.0.0.1 … 127.0.0.N (default 8)")
    sample = commands.add_parser("sample", help="write page I (version V) to stdout")
    sample.add_argument("index", type=int)
    sample.add_argument("--version", type=int, default=0)
    sample.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.command == "sample":
        sys.stdout.buffer.write(make_page(args.index, args.version, load_sections(), args.seed))
        return 0
    try:
        asyncio.run(serve(args.n, args.seed, args.port, args.hosts))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
