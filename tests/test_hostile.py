"""Hostile and random input: property-based queries for the CLI and every web endpoint, path
traversal, oversized requests, methods that would change things, debug mode.

Whatever comes in, the answer is a result or a clear 4xx, never a traceback or a 500. The
random requests go to the app under waitress in-process; what depends on the server's own limits
goes to the real `searcher serve` process.
"""
from __future__ import annotations

import contextlib
import http.client
import io
import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from conftest import SEARCHER, SEED_IDS
from searcher.cli import main as searcher_main
from web.app import SERVER_LIMITS

CSP = "Content-Security-Policy"
SECURITY_HEADERS = (CSP, "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options")
SEARCH_ENDPOINTS = ("/", "/search", "/api/search")
PARAMETERS = ("q", "partner", "country", "official", "year", "from", "to", "sort", "page",
              "limit", "facet_limit")

# Values that have broken search engines before: numbers at and past every edge, query syntax,
# markup, traversal, control characters, dates that do not exist.
NASTY = [
    "", " ", "0", "-1", "1.5", "1e9", "99999999999999999999", "9" * 5000, "０", "١٢", "NaN",
    "\x00", "a\x00b", "\r\nX-Injected: 1", "\u202e", "\ufeff", "😀" * 10, "ß" * 200,
    "<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>", "{{7*7}}", "${7*7}",
    "' OR 1=1 --", "*", "?", "~", "^2", "title:x", "AND OR NOT", "((((", '"unclosed', "-", "--",
    "../../etc/passwd", "%00", "%2e%2e%2f", "2024-02-30", "0000-01-01", "9999-12-31", "2024-1-1",
    "relevance", "date", "unknown", "lào cai", "LÀO CAI", "lao cai", "Nhật Bản",
]
nasty_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=40),
                       st.from_regex(r"-?[0-9]{1,25}", fullmatch=True),
                       st.integers(1, 120).map(str), st.dates().map(str))
# Markup that never occurs on the site's own pages, so finding it raw means it was not escaped.
markup = st.builds(lambda tag, n: f'<{tag} data-x="{n}" onerror="alert({n})">',
                   st.sampled_from(["script", "img", "svg", "iframe", "b"]), st.integers(0, 9999))
value = st.one_of(nasty_text, markup)
query_pairs = st.lists(st.tuples(st.sampled_from(PARAMETERS + ("junk",)), value), max_size=8)


def is_markup(text: str) -> bool:
    return text.startswith("<") and 'onerror="alert(' in text


def check_answer(path: str, status: int, headers, body: str, sent: list[str]) -> None:
    """What every answer must be: no 5xx, no traceback, security headers, the right shape."""
    assert status < 500, (path, status, body[:300])
    assert "Traceback" not in body and "Werkzeug Debugger" not in body
    for name in SECURITY_HEADERS:
        assert headers.get(name), (path, name)
    if path.startswith("/api/") or path.startswith("/healthz"):
        assert headers.get("Content-Type", "").startswith("application/json"), path
        payload = json.loads(body)
        assert ("error" in payload) == (status >= 400), (path, payload)
    else:
        assert headers.get("Content-Type", "").startswith("text/html"), path
        for text in sent:
            if is_markup(text):
                assert text not in body, (path, text)


def fetch(server, path: str) -> tuple[int, http.client.HTTPMessage, str]:
    """A raw GET (http.client sends the path exactly as given)."""
    parts = urlsplit(server.base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


# --- random requests to every endpoint (the app under waitress, in-process) -----------------

@pytest.mark.slow
@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(endpoint=st.sampled_from(SEARCH_ENDPOINTS), pairs=query_pairs,
       junk=st.sampled_from(["", "&q=%FF%FE", "&page=%00", "&&&=&", "&q", "&limit=%2B5", "&q=%"]))
@example(endpoint="/api/search", pairs=[("q", "lao cai"), ("page", "9" * 5000)], junk="")
@example(endpoint="/search", pairs=[("q", "lao cai"), ("limit", "9" * 5000)], junk="")
@example(endpoint="/search", pairs=[("q", '<script data-x="1" onerror="alert(1)">')], junk="")
def test_random_search_requests_never_fail(seed_server, endpoint, pairs, junk):
    path = f"{endpoint}?{urlencode(pairs)}{junk}"
    status, headers, body = fetch(seed_server, path)
    check_answer(path, status, headers, body, [v for _, v in pairs])
    assert status in (200, 400), (path, status)
    event(f"status {status}")
    if endpoint == "/api/search" and status == 200:
        assert {"total", "hits", "facets"} <= json.loads(body).keys()


@settings(max_examples=150, deadline=None, derandomize=True)
@given(doc_id=st.one_of(value, st.sampled_from(SEED_IDS)), api=st.booleans())
def test_random_article_ids_are_found_or_404(seed_server, doc_id, api):
    path = ("/api/article/" if api else "/article/") + quote(doc_id, safe="")
    status, headers, body = fetch(seed_server, path)
    if doc_id in SEED_IDS:
        assert status == 200
    else:
        assert status in (404, 308), (path, status)  # 308: Werkzeug merging "//" in the path
    check_answer(path, status, headers, body, [doc_id])


def test_health_ignores_its_query_string(seed_server):
    for junk in ("", "?q=%00", "?" + "x=1&" * 500, "?page=-1"):
        status, headers, body = fetch(seed_server, "/healthz" + junk)
        check_answer("/healthz", status, headers, body, [])
        assert status == 200 and json.loads(body)["documents"] == len(SEED_IDS)


TRAVERSALS = [
    "/article/../../etc/passwd", "/article/..%2F..%2F..%2Fetc%2Fpasswd",
    "/api/article/..%2F..%2F..%2Fetc%2Fpasswd", "/api/article/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/article/%252e%252e%252f%252e%252e%252fetc%252fpasswd", "/article/....//....//etc/passwd",
    "/api/article/..\\..\\..\\etc\\passwd", "/api/article/%00", "/article/%2Fetc%2Fpasswd",
    "/static/../../etc/passwd", "/static/..%2F..%2Fsearcher%2Fcli.py", "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py", "/static/%2Fetc%2Fpasswd", "/static/..%5C..%5Cweb%5Capp.py",
    "/static/../templates/home.html",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_article_and_static_paths_cannot_reach_files_outside(seed_server, path):
    status, headers, body = fetch(seed_server, path)
    if status == 308:  # Werkzeug tidies "//"; the tidied path must be refused as well
        status, headers, body = fetch(seed_server, urlsplit(headers["Location"]).path)
    assert status in (400, 404), (path, status)
    assert "root:" not in body and "import " not in body and "{%" not in body
    if not path.startswith("/static/"):
        check_answer(path, status, headers, body, [])


# --- the CLI --------------------------------------------------------------------------------

OPTIONS = ("--limit", "--page", "--sort", "--partner", "--country", "--official", "--year",
           "--from", "--to", "--facet-limit")
cli_options = st.lists(st.tuples(st.sampled_from(OPTIONS), nasty_text), max_size=4)


def cli_argv(index_dir, words, options, as_json) -> list[str]:
    flat = [part for option, text in options for part in (option, text)]
    return ["query", *words, "--index", str(index_dir), *flat] + (["--json"] if as_json else [])


def check_cli(status: int, stdout: str, stderr: str) -> None:
    assert "Traceback" not in stderr + stdout
    if status == 2:
        assert stderr.startswith("searcher: ") and stderr.count("\n") == 1, stderr
        assert stdout == ""
        return
    assert status == 0, (status, stdout, stderr)
    if stdout.startswith("usage:"):  # a word like "--help" asked for it
        return
    if stdout.startswith("{"):
        assert {"total", "hits", "facets"} <= json.loads(stdout).keys()
    else:
        assert "kết quả" in stdout.splitlines()[0]


@pytest.mark.slow
@settings(max_examples=300, deadline=None, derandomize=True)
@given(words=st.lists(value, max_size=4), options=cli_options, as_json=st.booleans())
@example(words=["lao", "cai"], options=[("--page", "9" * 5000)], as_json=True)
@example(words=["lao"], options=[("--from", "9999-12"), ("--to", "0000-01-01")], as_json=False)
def test_random_cli_queries_answer_or_fail_in_one_line(seed_index, words, options, as_json):
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            status = searcher_main(cli_argv(seed_index, words, options, as_json))
        except SystemExit as exit_:  # argparse: bad option values, --help
            status = exit_.code
    check_cli(status, stdout.getvalue(), stderr.getvalue())
    event(f"status {status}")


no_nul = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                 max_size=30)


@pytest.mark.slow
@settings(max_examples=10, deadline=None, derandomize=True)
@given(words=st.lists(st.one_of(no_nul, markup), min_size=1, max_size=3),
       options=st.lists(st.tuples(st.sampled_from(OPTIONS), no_nul), max_size=2),
       as_json=st.booleans())
def test_random_cli_queries_as_a_real_process(seed_index, words, options, as_json):
    result = subprocess.run([str(SEARCHER), *cli_argv(seed_index, words, options, as_json)],
                            capture_output=True, text=True, timeout=120)
    check_cli(result.returncode, result.stdout, result.stderr)


# --- the real `searcher serve` process: limits, methods, debug ------------------------------

@pytest.fixture(scope="module")
def served(seed_index, tmp_path_factory):
    """`searcher serve` on the seed index; yields its port and its log file."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [str(SEARCHER), "serve", "--index", str(seed_index), "--port", str(port)],
            stdout=log_file, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"`searcher serve` did not start: {log.read_text()[-500:]}")
                time.sleep(0.2)
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def raw_exchange(port: int, request: bytes) -> tuple[int, dict, str]:
    """Send bytes as they are; the status, headers and body of the answer (10 s at most)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(request)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before reading everything: fine
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, dict(response.headers), response.read().decode("utf-8", "replace")


HEADER_LIMIT = SERVER_LIMITS["max_request_header_size"]


@pytest.mark.parametrize("name,request_bytes,expected", [
    ("huge query string", b"GET /api/search?q=" + b"a" * (4 * HEADER_LIMIT) + b" HTTP/1.1\r\n"
     b"Host: x\r\n\r\n", {431, 414}),
    ("huge header", b"GET /api/search?q=lao HTTP/1.1\r\nHost: x\r\nX-Junk: "
     + b"a" * (4 * HEADER_LIMIT) + b"\r\n\r\n", {431}),
    ("many headers", b"GET /api/search?q=lao HTTP/1.1\r\nHost: x\r\n"
     + b"".join(b"X-H%d: v\r\n" % n for n in range(HEADER_LIMIT // 8)) + b"\r\n", {431}),
    ("huge announced body", b"POST /api/search HTTP/1.1\r\nHost: x\r\n"
     b"Content-Length: 1000000000\r\n\r\n", {413}),
    ("GET with a body", b"GET /api/search?q=lao HTTP/1.1\r\nHost: x\r\n"
     b"Content-Length: 1000000\r\n\r\n" + b"a" * 1000, {413}),
])
def test_oversized_requests_are_refused_at_once(served, name, request_bytes, expected):
    port, _ = served
    status, _, body = raw_exchange(port, request_bytes)  # a hang fails: the socket times out
    assert status in expected, (name, status, body[:200])


def test_a_long_query_under_the_server_limit_is_a_clear_400(served):
    port, _ = served
    query = quote("lào cai " * 500)
    assert len(query) < HEADER_LIMIT
    status, headers, body = raw_exchange(
        port, f"GET /api/search?q={query} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    assert status == 400 and "quá dài" in json.loads(body)["error"]
    assert headers[CSP]


ENDPOINTS = ["/", "/search?q=lao", "/api/search?q=lao", f"/article/{SEED_IDS[0]}",
             f"/api/article/{SEED_IDS[0]}", "/healthz", "/static/style.css"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
def test_no_endpoint_accepts_a_method_that_could_change_anything(served, seed_index, method):
    port, _ = served
    files = sorted((p.name, p.stat().st_mtime_ns) for p in Path(seed_index).iterdir())
    for path in ENDPOINTS:
        status, headers, body = raw_exchange(
            port, f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{{}}".encode())
        allowed = set(headers["Allow"].split(", "))
        if path.startswith("/static/"):  # Flask's own static route also answers OPTIONS
            assert allowed == {"GET", "HEAD", "OPTIONS"}
            assert status == (200 if method == "OPTIONS" else 405), (method, path, status)
        else:
            assert allowed == {"GET", "HEAD"}, (method, path)
            assert status == 405, (method, path, status)
        assert "Traceback" not in body
    assert sorted((p.name, p.stat().st_mtime_ns) for p in Path(seed_index).iterdir()) == files


def test_the_real_server_runs_without_debug_and_sends_security_headers(served):
    port, log = served
    for path in ("/?__debugger__=yes&cmd=resource&f=debugger.js", "/search?q=lao&page=x",
                 "/khong-co", "/api/search?q=lao"):
        request = f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
        status, headers, body = raw_exchange(port, request)
        assert status in (200, 400, 404), (path, status)
        assert "Werkzeug" not in body and "Traceback" not in body and "debugger" not in body
        for name in SECURITY_HEADERS:
            assert headers.get(name), (path, name)
    csp = headers[CSP]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "Traceback" not in log.read_text()
