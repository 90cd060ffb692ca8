"""The validity guard: what must never be recorded as a new version of a policy.

A failed fetch, an HTTP error, a bot challenge, an access-denied or login page, a consent wall, an empty text, a
missing ``select`` target or a sudden shrink is a *failed check* with a reason, never a change. The reasons have
stable names (:data:`REASONS`) so alerts can tell a bot block from a site that is down.

>>> judge_text("", previous_length=None).kind
'empty'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.extract import Extracted
from monitor.fetch import FetchResult

REASONS = {
    "timeout": "the server did not answer in time",
    "network": "the server could not be reached",
    "http": "the server answered with an HTTP error",
    "too_large": "the response was larger than the size cap",
    "truncated": "the response was cut off",
    "decode": "the response could not be decoded (corrupt compression, or not text in any charset)",
    "redirect": "the redirects went round in a loop, or led to an invalid URL",
    "scheme": "the URL, or a redirect, led away from http/https (file:, ftp:, javascript:, an invalid URL)",
    "bot_challenge": "a bot challenge page (e.g. Cloudflare 'Just a moment…', captcha) was served",
    "access_denied": "an access-denied page was served",
    "login_wall": "a login page was served instead of the policy",
    "consent_wall": "a cookie-consent page was served instead of the policy",
    "error_page": "an error page was served with status 200",
    "empty": "the page had no text",
    "selector_missing": "the select target is not on the page",
    "shrink": "the text suddenly shrank",
    "extract": "the page could not be read",
}
BOT_BLOCK_REASONS = frozenset({"bot_challenge", "access_denied"})

# Titles and markers of bot walls. Strong markers are machine-made (script names, element ids) and trusted on
# any page; wording is trusted only on a short page, since a privacy policy may well mention CAPTCHAs.
_CHALLENGE_TITLE = re.compile(
    r"^(just a moment|attention required|one more step|please wait|checking your browser|security check|"
    r"pardon our interruption|are you a robot|captcha|verify you are human|ddos-guard|human verification|"
    r"bot verification|access to this page has been denied)",
    re.IGNORECASE,
)
_CHALLENGE_MARKUP = re.compile(
    r"cf-browser-verification|cf_chl_opt|/cdn-cgi/challenge-platform/|cf-challenge|_cf_chl_|id=\"challenge-form\"|"
    r"px-captcha|captcha-delivery\.com|geo\.captcha-delivery|_Incapsula_Resource|sec-if-cpt-container|"
    r"g-recaptcha|h-captcha|hcaptcha\.com/1/api|awswaf|challenges\.cloudflare\.com",
    re.IGNORECASE,
)
_CHALLENGE_WORDS = re.compile(
    r"verify (that )?you are (a )?human|are you a robot|complete the (security )?check|enable javascript and "
    r"cookies to continue|checking (if the site connection is secure|your browser)|captcha|unusual traffic",
    re.IGNORECASE,
)
_DENIED = re.compile(
    r"^(access denied|403 forbidden|forbidden|request blocked|you have been blocked|blocked)\b|you don'?t have "
    r"permission to access|the request could not be satisfied|request unsuccessful\. incapsula",
    re.IGNORECASE,
)
_LOGIN = re.compile(r"^(log ?in|sign ?in|login)\b|\b(log ?in|sign ?in) (to|with) (continue|your account)",
                    re.IGNORECASE)
_PASSWORD_FIELD = re.compile(r"<input[^>]+type\s*=\s*[\"']?password", re.IGNORECASE)
_CONSENT = re.compile(r"\b(accept|agree to|manage|reject) (all )?cookies\b|\bcookie (settings|preferences)\b|"
                      r"\bbefore you continue\b", re.IGNORECASE)
_ERROR_TITLE = re.compile(r"^(404|page not found|not found|500|internal server error|503|service unavailable|"
                          r"502|bad gateway|error)\b", re.IGNORECASE)
SHORT_PAGE = 3000


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a check failed."""

    kind: str
    message: str

    @property
    def bot_block(self) -> bool:
        return self.kind in BOT_BLOCK_REASONS


def judge_fetch(fetched: FetchResult) -> Verdict | None:
    """A fetch that failed outright; for an HTTP error, name a bot wall as such."""
    if fetched.ok:
        final = fetched.final_url or fetched.url
        scheme = final.split(":", 1)[0].lower() if ":" in final else ""
        if scheme not in ("http", "https"):
            # Whatever fetched it (httpx refuses such redirects itself; a browser may follow them), a page that
            # ended up on file:, data: or chrome-error: is no policy page.
            return Verdict("scheme", f"the fetch ended on {final[:200]!r}: only http and https pages are read")
        return None
    kind = fetched.error_kind or "network"
    if kind == "http" and fetched.status in (401, 403, 429, 503) and fetched.text:
        blocked = _bot_wall(fetched.text, fetched.text)
        if blocked is not None:
            return Verdict(blocked.kind, f"{fetched.error}: {blocked.message}")
    return Verdict(kind, fetched.error or REASONS.get(kind, kind))


def judge_page(raw: str, extracted: Extracted, *, previous_length: int | None,
               shrink_threshold: float = 0.5) -> Verdict | None:
    """A page fetched with success but whose text must not become a version."""
    page_text = extracted.text
    if not raw.strip():
        return Verdict("empty", "the server sent an empty page")
    # A wall (challenge, login, consent, error page) rarely has the select target: judge it on the whole page, so
    # that the reason names the wall rather than the missing selector.
    whole = page_text if page_text.strip() and not extracted.selector_missing else _whole_text(raw)
    blocked = _bot_wall(raw, whole, extracted.title)
    if blocked is not None:
        return blocked
    wall = _wall(whole, extracted.title, raw)
    if wall is not None:
        return wall
    if extracted.selector_missing:
        selectors = ", ".join(extracted.missing_selectors)
        return Verdict("selector_missing", f"select target not found on the page: {selectors}")
    return judge_text(page_text, previous_length=previous_length, shrink_threshold=shrink_threshold,
                      title=extracted.title, raw=raw)


def judge_text(text: str, *, previous_length: int | None, shrink_threshold: float = 0.5,
               title: str | None = None, raw: str = "") -> Verdict | None:
    stripped = text.strip()
    if not stripped:
        return Verdict("empty", "the page has no text")
    wall = _wall(stripped, title, raw)
    if wall is not None:
        return wall
    if previous_length and len(stripped) < previous_length * (1 - shrink_threshold):
        return Verdict("shrink", f"text shrank from {previous_length:,} to {len(stripped):,} characters "
                                 f"(more than {shrink_threshold:.0%}); part of the page is probably missing")
    return None


def _whole_text(raw: str) -> str:
    from monitor.extract import extract_html

    try:
        return extract_html(raw).text
    except Exception:  # the guard must never fail a check for its own sake; the extract stage reports errors
        return ""


def _wall(text: str, title: str | None, raw: str) -> Verdict | None:
    """An error page served with 200, a login page or a cookie-consent interstitial (short pages only)."""
    stripped = text.strip()
    if len(stripped) >= SHORT_PAGE:
        return None
    title = (title or "").strip()
    if title and _ERROR_TITLE.match(title):
        return Verdict("error_page", f"an error page was served: {title!r}")
    if _PASSWORD_FIELD.search(raw[:200_000]) or (title and _LOGIN.match(title)):
        return Verdict("login_wall", "a login page was served instead of the policy")
    if _CONSENT.search(stripped) and len(stripped) < 1500:
        return Verdict("consent_wall", "a cookie-consent page was served instead of the policy")
    return None


def _bot_wall(raw: str, text: str, title: str | None = None) -> Verdict | None:
    title = (title or "").strip()
    short = len(text.strip()) < SHORT_PAGE
    if title and _CHALLENGE_TITLE.match(title):
        return Verdict("bot_challenge", f"bot challenge page ({title!r})")
    if short and _CHALLENGE_MARKUP.search(raw[:200_000]):
        return Verdict("bot_challenge", "bot challenge page (challenge script on a page with little text)")
    if short and _CHALLENGE_WORDS.search(text):
        return Verdict("bot_challenge", "bot challenge page (asks to prove you are human)")
    if short and (_DENIED.search(title) or _DENIED.search(text[:500])):
        return Verdict("access_denied", f"access denied page ({(title or text[:60]).strip()!r})")
    return None
