"""Shared fixtures and helpers: real indexes on disk built once per session from real article
files, the real app served over HTTP (waitress), and the real ``searcher`` command.

Test modules use the fixtures by name (pytest finds them here) and import the helpers with
``from conftest import ...``; no test module imports another.

Markers (declared in pyproject.toml, ``--strict-markers``): ``browser`` for the Chromium tests,
``slow`` for tests of more than about 3 s. The quick loop: ``pytest -m "not browser and not slow"``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

warnings.filterwarnings("ignore", category=SyntaxWarning)  # Whoosh 2.7.4 on newer Pythons


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The tests (and the commands they run, which inherit the environment) keep the per-user
    cache (``searcher.cache``) in a folder of their own, not in the user's home."""
    os.environ["SEARCHER_CACHE"] = str(tmp_path_factory.mktemp("cache"))

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_IDS = sorted(p.stem for p in CORPUS.glob("*.txt"))
SEARCHER = Path(sys.executable).parent / "searcher"  # the console script of this venv


# --- building indexes -----------------------------------------------------------------------

def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    return path


def build_index(tmp_path: Path, records: list[dict], name: str = "articles.jsonl"):
    """A real index over the given article records; returns a Searcher on it."""
    from searcher.store.indexer import index_paths
    from searcher import Searcher

    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    write_jsonl(corpus / name, records)
    index_paths([corpus], tmp_path / "index")
    return Searcher(tmp_path / "index")


# Synthetic articles spread over several years and partners, for what the seeds lack.
SYNTHETIC_ARTICLES = [
    ("syn_2021_vannam", "2021-03-15", "Lào Cai và tỉnh Vân Nam bàn hợp tác thương mại qua cửa khẩu",
     "Ngày 15/3/2021, đoàn công tác tỉnh Lào Cai do đồng chí Đặng Xuân Phong, Chủ tịch UBND tỉnh, "
     "làm trưởng đoàn đã làm việc với lãnh đạo tỉnh Vân Nam (Trung Quốc) về hợp tác thương mại qua cửa khẩu."),
    ("syn_2022_nagano", "2022-06-10", "Tỉnh Nagano trao học bổng cho sinh viên Lào Cai",
     "Ngày 10/6/2022, tỉnh Nagano (Nhật Bản) trao học bổng cho sinh viên tỉnh Lào Cai. "
     "Đồng chí Trịnh Xuân Trường, Chủ tịch UBND tỉnh Lào Cai, cảm ơn tỉnh Nagano."),
    ("syn_2023_vannam", "2023-05-01", "Hội chợ thương mại quốc tế Việt – Trung tại Lào Cai",
     "Sáng 1/5/2023, hội chợ thương mại quốc tế khai mạc tại Lào Cai với sự tham gia của doanh nghiệp "
     "tỉnh Vân Nam (Trung Quốc). Đồng chí Trịnh Xuân Trường, Chủ tịch UBND tỉnh Lào Cai, dự khai mạc."),
    ("syn_2023_nagano", "2023-09-20", "Lào Cai và tỉnh Nagano hợp tác phát triển du lịch nông nghiệp",
     "Ngày 20/9/2023, tỉnh Lào Cai và tỉnh Nagano (Nhật Bản) ký kết biên bản hợp tác phát triển du lịch "
     "nông nghiệp. Đồng chí Trịnh Xuân Trường, Chủ tịch UBND tỉnh Lào Cai, chứng kiến lễ ký."),
    ("syn_2023_gyeonggi", "2023-11-02", "Tỉnh Gyeonggi tìm hiểu cơ hội đầu tư tại Lào Cai",
     "Ngày 2/11/2023, đoàn công tác tỉnh Gyeonggi (Hàn Quốc) đến tìm hiểu cơ hội đầu tư tại tỉnh Lào Cai. "
     "Đồng chí Hoàng Quốc Khánh, Phó Chủ tịch UBND tỉnh Lào Cai, tiếp đoàn."),
    ("syn_2024_vannam", "2024-02-18", "Lào Cai và tỉnh Vân Nam phối hợp quản lý biên giới",
     "Ngày 18/2/2024, lãnh đạo tỉnh Lào Cai và tỉnh Vân Nam (Trung Quốc) hội đàm về phối hợp quản lý "
     "biên giới. Đồng chí Hoàng Quốc Khánh, Phó Chủ tịch UBND tỉnh Lào Cai, dự hội đàm."),
    ("syn_2024_nagano", "2024-04-22", "Tỉnh Nagano giới thiệu nhà đầu tư nông nghiệp cho Lào Cai",
     "Ngày 22/4/2024, tỉnh Nagano (Nhật Bản) giới thiệu nhà đầu tư nông nghiệp công nghệ cao cho tỉnh "
     "Lào Cai. Đồng chí Đặng Xuân Phong, Bí thư Tỉnh ủy Lào Cai, tiếp các nhà đầu tư."),
]
# Their ids newest first (each body states the same date as its "published" field).
SYNTHETIC_NEWEST_FIRST = [doc_id for doc_id, *_ in sorted(SYNTHETIC_ARTICLES, key=lambda a: a[1],
                                                          reverse=True)]


def write_synthetic_corpus(path: Path) -> Path:
    return write_jsonl(path, [{"id": doc_id, "title": title, "body": body, "published": published}
                              for doc_id, published, title, body in SYNTHETIC_ARTICLES])


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """A real index of the five seed pages in corpus/."""
    from searcher.store.indexer import index_paths

    directory = tmp_path_factory.mktemp("seed-index")
    report = index_paths([CORPUS], directory)
    assert report.added == len(SEED_IDS) and not report.errors
    return directory


@pytest.fixture(scope="session")
def seed_searcher(seed_index):
    from searcher import Searcher

    return Searcher(seed_index)


@pytest.fixture(scope="session")
def synthetic_index(tmp_path_factory) -> Path:
    """A real index over the synthetic articles dated 2021-2024 with several partners."""
    from searcher.store.indexer import index_paths

    work = tmp_path_factory.mktemp("synthetic")
    corpus = write_synthetic_corpus(work / "synthetic.jsonl")
    index_paths([corpus], work / "index")
    return work / "index"


@pytest.fixture(scope="session")
def mixed_index(tmp_path_factory) -> Path:
    """Seeds plus synthetic articles: real pages to search, enough years and partners to filter."""
    from searcher.store.indexer import index_paths

    work = tmp_path_factory.mktemp("mixed")
    corpus = write_synthetic_corpus(work / "synthetic.jsonl")
    index_paths([CORPUS, corpus], work / "index")
    return work / "index"


# --- the command line -----------------------------------------------------------------------

def run(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    """The ``searcher`` command as a user runs it: a real process."""
    return subprocess.run([str(SEARCHER), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


# --- the web app over HTTP --------------------------------------------------------------------

@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    text: str

    def json(self):
        return json.loads(self.text)


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx is raised as an HTTPError and returned as a Reply


class LiveServer:
    """The real app under waitress (as `searcher serve` runs it) on a free local port."""

    def __init__(self, index_dir: Path) -> None:
        from waitress.server import create_server

        from web import create_app

        self.app = create_app(index_dir)
        self._map: dict = {}  # waitress's socket map: the loop runs while it is not empty
        self._server = create_server(self.app, map=self._map, host="127.0.0.1", port=0, threads=4)
        self.base_url = f"http://127.0.0.1:{self._server.effective_port}"
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()

    def url(self, path: str, **params) -> str:
        """The absolute URL; a path may hold Vietnamese names (``/partner/tỉnh Nagano``)."""
        query = urlencode({k: v for k, v in params.items() if v is not None}, doseq=True)
        return self.base_url + quote(path, safe="/%?=&;+") + (f"?{query}" if query else "")

    def get(self, path: str, method: str = "GET", follow: bool = True, **params) -> Reply:
        """``follow=False`` returns a redirect itself instead of where it leads."""
        request = urllib.request.Request(self.url(path, **params), method=method)
        opener = urllib.request.build_opener() if follow else \
            urllib.request.build_opener(_KeepRedirects)
        try:
            with opener.open(request, timeout=30) as response:
                return Reply(response.status, dict(response.headers), response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read().decode("utf-8"))

    def close(self) -> None:
        """Stop the workers, then close every socket from the loop's own thread and wait.

        ``server.close()`` alone frees waitress's wake-up pipe while its threads still write
        to it; a later server that reuses the descriptor gets a stray ``x`` in a response.
        """
        def close_all() -> None:
            for channel in list(self._map.values()):
                channel.close()

        self._server.task_dispatcher.shutdown()
        self._server.trigger.pull_trigger(close_all)
        self._thread.join(timeout=10)


def serve_index(index_dir: Path):
    """For a fixture: ``yield from serve_index(dir)`` serves the index until the fixture ends."""
    server = LiveServer(index_dir)
    yield server
    server.close()


@pytest.fixture(scope="session")
def seed_server(seed_index):
    yield from serve_index(seed_index)


@pytest.fixture(scope="session")
def synthetic_server(synthetic_index):
    yield from serve_index(synthetic_index)


@pytest.fixture(scope="session")
def mixed_server(mixed_index):
    yield from serve_index(mixed_index)


# The shared news corpus: $SEARCHER_CORPORA, else ../shared/corpora next to the checkout.
NEWS = Path(os.environ.get("SEARCHER_CORPORA") or ROOT.parent / "shared" / "corpora") \
    / "vnnews-2017.jsonl.gz"


def index_news(base: Path, keep):
    """A real index of the seed pages plus the news articles for which ``keep(line_number,
    record)`` is true; returns a Searcher on it."""
    import gzip

    from searcher import Searcher, index_paths

    records = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            record = json.loads(line)
            if keep(number, record):
                records.append({k: record.get(k) or "" for k in ("id", "title", "summary", "body")})
    corpus = base / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "news.jsonl", records)
    for seed in CORPUS.glob("*.txt"):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    report = index_paths([corpus], base / "index")
    assert report.added == len(records) + len(SEED_IDS) and not report.errors
    return Searcher(base / "index")


def index_news_articles(tmp_path_factory, name: str, articles: set[str]):
    """A Searcher on the seed pages plus the news articles of these ids (every one found)."""
    searcher = index_news(tmp_path_factory.mktemp(name), lambda _, record: record["id"] in articles)
    assert searcher.doc_count == len(articles) + len(SEED_IDS)
    return searcher


def ranked_ids(searcher, q: str, limit: int = 20) -> list[str]:
    """The ids of a query's first ``limit`` hits, best first."""
    from searcher import SearchParams

    return [h.id for h in searcher.search(SearchParams(q=q, limit=limit)).hits]


# The seed pages plus 2,052 news articles (every 17th line of the shared corpus, spread over the
# whole crawl and its 12 categories), with three pairs of near-identical articles (wire copies on
# two sites) so that folding can be seen: the size at which the results pages are tried as a
# reader would, beyond the seed pages.
NEWS_STEP = 17
NEWS_COPIES = {"bm22450000": "bm22450119",  # Thủ tướng lên đường thăm Nhật Bản
               "bm22269642": "bm22269646",  # Trần Đại Quang gặp Thủ tướng Pa-ki-xtan
               "bm22655953": "bm22656152"}  # Trần Đại Quang tại Saint Petersburg
# ... and a portrait whose dateline is a birth ("sinh ngày 9/2/1907"): a year before the archive's, which the
# timeline must not draw (the crawl's own articles are dated 2016-2017).
NEWS_EXTRA = {"bm21477943"}


@pytest.fixture(scope="session")
def news_index(tmp_path_factory) -> Path:
    if not NEWS.exists():
        pytest.skip(f"SKIPPED: the news corpus {NEWS} is missing (set SEARCHER_CORPORA to the "
                    "folder holding vnnews-2017.jsonl.gz)")
    copies = set(NEWS_COPIES) | set(NEWS_COPIES.values()) | NEWS_EXTRA
    base = tmp_path_factory.mktemp("news")
    index_news(base, lambda number, record: number % NEWS_STEP == 0 or record["id"] in copies).close()
    return base / "index"


@pytest.fixture(scope="session")
def news_server(news_index):
    yield from serve_index(news_index)


# -- the browser: Debian's Chromium through Playwright ------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"  # kept out of git: for people to look at
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"needs Chromium at {CHROMIUM} (Debian package `chromium`: "
                              "run `make chromium`); Playwright cannot download browsers here"),
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_tab(browser, **context_options):
    context = browser.new_context(locale="vi-VN", **context_options)
    tab = context.new_page()
    problems: list[str] = []
    # CSP violations, script errors and missing assets surface here; a clean page has none.
    # (An error page's own 4xx status is expected, so documents are left to the tests.)
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda msg: problems.append(f"console: {msg.text}")
           if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None)
    tab.on("response", lambda response: problems.append(f"{response.status} {response.url}")
           if response.status >= 400 and response.request.resource_type != "document" else None)
    return context, tab, problems


def focused(tab, script: str):
    """Evaluate ``script`` with ``el`` the focused element (``"el.textContent"``)."""
    return tab.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def tabs_until(tab, condition: str, limit: int = 40) -> int:
    """Press Tab until ``condition`` holds for the focused element; how many presses it took."""
    for presses in range(1, limit + 1):
        tab.keyboard.press("Tab")
        if focused(tab, condition):
            return presses
    raise AssertionError(f"not reached in {limit} Tab presses")


SCREEN_SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def tab(browser):
    """A desktop tab; the test fails if the page logged an error or a resource failed."""
    context, tab, problems = open_tab(browser, viewport={"width": 1280, "height": 900})
    yield tab
    context.close()
    assert problems == []


@pytest.fixture(params=sorted(SCREEN_SIZES))
def sized_tab(request, browser):
    """The same test on a desktop and a phone screen (``tab.screen`` names which)."""
    context, tab, problems = open_tab(browser, viewport=SCREEN_SIZES[request.param])
    tab.screen = request.param
    yield tab
    context.close()
    assert problems == []
