"""Documents that are not one HTML page: several pages joined (combine), and PDF — through the real pipeline."""

from __future__ import annotations

import asyncio

from monitor.pipeline import Checker
from monitor.watchlist import load
from tests.conftest import (
    LONG_POLICY,
    check_once,
    document_table,
    example_watchlist,
    one_document_watchlist,
    policy_page,
    table_count,
)


def make_pdf(*lines: str, title: str = "Privacy Policy") -> bytes:
    """A small, valid one-page PDF written by hand: Helvetica text, one line each, with an xref table."""
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 9 Tf 40 800 Td 11 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    stream = content.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (" + escape(title).encode("latin-1") + b") >>",
    ]
    return pdf_file(objects, trailer=b"/Info 6 0 R")


def pdf_file(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """Numbered objects (the first the catalog), an xref table and a trailer: a PDF file."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R ".encode() + trailer
            + f" >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return bytes(out)


def make_long_pdf(pages: int, line: str = "We collect the information you give us.") -> bytes:
    """A valid PDF of many pages sharing one content stream: small to serve, slow to read (20,000 pages: ~3 MB,
    ~20 s of pypdf 4-6, ~6 s of pypdf 7; 50,000 pages: ~8 MB, ~16 s of pypdf 7)."""
    stream = f"BT /F1 9 Tf 40 800 Td ({line}) Tj ET".encode("latin-1")
    kids = " ".join(f"{5 + n} 0 R" for n in range(pages))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
            b"/Resources << /Font << /F1 4 0 R >> >> >>")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        *[page] * pages,
    ]
    return pdf_file(objects)


FAST = {"retries": 0, "timeout": 5}
PDF_LINES = [f"{n}. We collect the information you give us and use it to run the service, number {n}."
             for n in range(1, 41)]


def test_a_pdf_document_is_read_as_text_and_its_changes_are_found(tmp_path, server, store) -> None:
    server.set_page("/privacy.pdf", make_pdf(*PDF_LINES), content_type="application/pdf")
    watchlist = load(example_watchlist(tmp_path, document_table(server.url("/privacy.pdf")), defaults=FAST))
    first = check_once(watchlist, store)
    assert first.status == "new", first.error
    text = store.text_of(store.current_version("Example/Privacy Policy"))
    assert "We collect the information you give us" in text and "number 40." in text
    edited = [*PDF_LINES[:20], "We may use your content to train our artificial intelligence models.", *PDF_LINES[20:]]
    server.set_page("/privacy.pdf", make_pdf(*edited), content_type="application/pdf")
    second = check_once(watchlist, store)
    assert second.status == "changed" and second.stats["added"] >= 1
    assert "train our artificial intelligence models" in store.text_of(store.current_version("Example/Privacy Policy"))


def test_a_pdf_is_recognised_by_its_bytes_whatever_the_content_type(tmp_path, server, store) -> None:
    server.set_page("/download", make_pdf(*PDF_LINES), content_type="application/octet-stream")
    watchlist = one_document_watchlist(tmp_path, server.url("/download"), select="main")
    outcome = check_once(watchlist, store)
    assert outcome.status == "new", outcome.error  # select does not apply to a PDF


def test_a_corrupt_pdf_is_a_failed_check(tmp_path, server, store) -> None:
    server.set_page("/privacy.pdf", b"%PDF-1.4\n garbage", content_type="application/pdf")
    outcome = check_once(one_document_watchlist(tmp_path, server.url("/privacy.pdf")), store)
    assert outcome.status == "failed" and outcome.reason == "extract"
    assert table_count(store, "versions") == 0


def combined_watchlist(tmp_path, server):
    return load(example_watchlist(tmp_path, document_table(None, select=["main"], combine=[
        {"url": server.url("/privacy")}, {"url": server.url("/gdpr"), "select": ["#gdpr"]}]), defaults=FAST))


def test_a_combined_document_joins_its_pages_in_order_and_tracks_each(tmp_path, server, store) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY[:15]))
    server.set_page("/gdpr", "<html><body><main>not this</main><div id='gdpr'><h2>GDPR supplement</h2>"
                    + "".join(f"<p>{p}</p>" for p in LONG_POLICY[15:]) + "</div></body></html>")
    watchlist = combined_watchlist(tmp_path, server)
    outcome = check_once(watchlist, store)
    assert outcome.status == "new", outcome.error
    text = store.text_of(store.current_version("Example/Privacy Policy"))
    assert text.index("Section 15.") < text.index("## GDPR supplement") < text.index("Section 16.")
    assert "not this" not in text
    assert table_count(store, "sources") == 2
    # Both pages answer 304 next time: the whole document is not modified.
    assert check_once(watchlist, store).status == "not_modified"
    # A change on the second page alone is a change of the document.
    server.set_page("/gdpr", "<html><body><div id='gdpr'><h2>GDPR supplement</h2>"
                    + "".join(f"<p>{p}</p>" for p in LONG_POLICY[15:])
                    + "<p>We may use your posts to train our AI models.</p></div></body></html>")
    changed = check_once(watchlist, store)
    assert changed.status == "changed" and changed.stats["added"] == 1


def test_one_failing_page_fails_the_whole_combined_document(tmp_path, server, store) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    server.set_page("/gdpr", "<h1>Not Found</h1>", status=404)
    outcome, = asyncio.run(Checker(combined_watchlist(tmp_path, server), store).check(
        combined_watchlist(tmp_path, server).documents))
    assert outcome.status == "failed" and outcome.reason == "http"
    assert table_count(store, "versions") == 0
