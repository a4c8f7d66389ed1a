"""Indexing under stress, as a user runs it: the real `searcher index` process while the site
answers, two runs at once, a run killed with SIGKILL, and a corpus full of broken files.

Volume comes from synthetic articles recombined from the seed pages' paragraphs, so these tests
need nothing outside the repository.
"""
from __future__ import annotations

import fcntl
import json
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from conftest import CORPUS, SEARCHER, SEED_IDS, LiveServer, write_jsonl
from searcher.ingest.reader import iter_articles
from searcher import Searcher, SearchParams, index_paths

# Enough to keep `searcher index` busy for several seconds on two cores.
SYNTHETIC_COUNT = 250
# A word only the synthetic articles contain, so their number is easy to count with a search.
MARKER = "zentrovia"
# Whoosh's write lock: an flock()ed file in the index directory, held by the writing process.
LOCK_FILE = "MAIN_WRITELOCK"


def synthetic_records(count: int) -> list[dict]:
    """Deterministic articles made of seed paragraphs recombined, each with the marker word."""
    paragraphs = [p for article in iter_articles([CORPUS]) for p in article.body.split("\n\n")
                  if len(p) > 80]
    records = []
    for number in range(count):
        rng = random.Random(number)
        title = " ".join(rng.choice(paragraphs).split()[:12])
        records.append({"id": f"synth-{number:04d}", "title": f"{title} {MARKER} {number}",
                        "body": "\n\n".join(rng.sample(paragraphs, 6))})
    return records


@pytest.fixture(scope="module")
def synthetic_corpus(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("synthetic") / "synthetic.jsonl",
                       synthetic_records(SYNTHETIC_COUNT))


EVERY_ID = sorted(SEED_IDS + [f"synth-{n:04d}" for n in range(SYNTHETIC_COUNT)])


def start_index(index_dir: Path, *paths, lock_timeout: float | None = None,
                buffer_mb: float | None = None) -> subprocess.Popen:
    args = [SEARCHER, "index", *paths, "--index", index_dir]
    if lock_timeout is not None:
        args += ["--lock-timeout", str(lock_timeout)]
    if buffer_mb is not None:
        args += ["--buffer-mb", str(buffer_mb)]
    # Own session: the test can clean up any worker process a killed run leaves behind.
    return subprocess.Popen([str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def run_index(index_dir: Path, *paths, lock_timeout: float | None = None):
    process = start_index(index_dir, *paths, lock_timeout=lock_timeout)
    try:
        stdout, stderr = process.communicate(timeout=300)
    finally:
        stop_group(process)
    return process.returncode, stdout, stderr


def timed(function, *args, **kwargs):
    """(seconds taken, result) of a call."""
    started = time.monotonic()
    result = function(*args, **kwargs)
    return time.monotonic() - started, result


def stop_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)


def lock_held(index_dir: Path) -> bool:
    """Does some process hold the index's write lock right now?"""
    try:
        fd = os.open(index_dir / LOCK_FILE, os.O_WRONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def wait_for(condition, process: subprocess.Popen, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"`searcher index` ended (status {process.returncode}) before {what}: "
                        f"{process.stderr.read()[-500:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting until {what}")
        time.sleep(0.02)


def indexed_ids(index_dir: Path) -> list[str]:
    """Ids of the live documents in the last committed index."""
    with whoosh_index.open_dir(str(index_dir)).reader() as reader:
        return sorted(fields["id"] for _, fields in reader.iter_docs())


def marker_total(index_dir: Path) -> int:
    return Searcher(index_dir).search(SearchParams(q=MARKER, limit=1)).total


def start_server(index_dir: Path, log: Path, workers: int = 2) -> tuple[subprocess.Popen, int]:
    """The real `searcher serve --workers N` on a free local port (its output in ``log``), and
    the port; in a session of its own, so the test can stop every worker."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with log.open("w") as log_file:
        server = subprocess.Popen([str(SEARCHER), "serve", "--index", str(index_dir), "--port",
                                   str(port), "--workers", str(workers)], stdout=log_file,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    return server, port


def copy_of(index_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(index_dir, target)
    return target


# --- index while serving -------------------------------------------------------------------

@pytest.mark.slow
def test_searches_keep_answering_while_an_index_run_adds_articles(seed_index, synthetic_corpus,
                                                                  tmp_path):
    index_dir = copy_of(seed_index, tmp_path)
    server = LiveServer(index_dir)
    # What three requests a user might make report: each series is checked on its own, since
    # the commit can fall between two requests of one poll.
    probes = {
        "documents": lambda: server.get("/healthz"),
        "lao cai": lambda: server.get("/api/search", q="lao cai"),
        MARKER: lambda: server.get("/api/search", q=MARKER),
    }

    def poll() -> dict[str, int]:
        seen = {}
        for name, probe in probes.items():
            reply = probe()
            assert reply.status == 200, (name, reply.text)
            seen[name] = reply.json()["documents" if name == "documents" else "total"]
        return seen

    before = poll()
    run = start_index(index_dir, CORPUS, synthetic_corpus)
    try:
        during = []
        while run.poll() is None:
            during.append(poll())
            time.sleep(0.05)
        stdout, stderr = run.communicate()
        assert run.returncode == 0, stderr
        assert f"added {SYNTHETIC_COUNT}," in stdout and f"unchanged {len(SEED_IDS)}," in stdout
        after = poll()  # the same server, no restart
    finally:
        stop_group(run)
        server.close()
    assert before["documents"] == len(SEED_IDS) and before[MARKER] == 0
    assert after["documents"] == len(SEED_IDS) + SYNTHETIC_COUNT
    assert after[MARKER] == SYNTHETIC_COUNT and after["lao cai"] > before["lao cai"]
    assert during[0] == before, "the run had not committed yet: searches answer from the old index"
    for name in probes:
        series = [seen[name] for seen in during]
        assert set(series) <= {before[name], after[name]}, (name, "never a half-written index")
        switches = [i for i in range(1, len(series)) if series[i] != series[i - 1]]
        assert len(switches) <= 1, (name, "once the new index is visible, it stays visible")


@pytest.mark.slow
def test_every_worker_of_the_real_server_answers_through_a_commit_and_serves_it_within_2_s(
        seed_index, synthetic_corpus, tmp_path):
    """`searcher serve --workers 2` under load from several clients while an index run commits:
    every request answers 200, both workers answer, and from 2 s after the commit every answer,
    whichever worker gives it, counts the new articles."""
    import threading
    import urllib.request

    index_dir = copy_of(seed_index, tmp_path)
    log = tmp_path / "serve.log"
    server, port = start_server(index_dir, log)
    replies: list[tuple[float, int, int | None, int]] = []  # (time, status, worker, documents)
    stop = threading.Event()

    def client(number: int) -> None:
        path = "/healthz" if number % 2 else f"/api/search?q={MARKER}"
        while not stop.is_set():
            try:  # a new connection each time: the kernel picks the worker
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as reply:
                    body = json.loads(reply.read())
                    replies.append((time.monotonic(), reply.status, body.get("worker"),
                                    body.get("documents", -1)))
            except OSError as exc:
                replies.append((time.monotonic(), getattr(exc, "code", 0) or 0, None, -1))

    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        clients = [threading.Thread(target=client, args=(n,)) for n in range(6)]
        for thread in clients:
            thread.start()
        run = start_index(index_dir, CORPUS, synthetic_corpus)
        stdout, stderr = run.communicate(timeout=600)
        committed = time.monotonic()
        assert run.returncode == 0, stderr
        time.sleep(4)
        stop.set()
        for thread in clients:
            thread.join(timeout=60)
    finally:
        stop.set()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert replies and all(status == 200 for _, status, _, _ in replies), \
        [r for r in replies if r[1] != 200][:5]
    health = [(at, worker, documents) for at, _, worker, documents in replies if worker]
    assert len({worker for _, worker, _ in health}) == 2, "both workers answered"
    late = [(worker, documents) for at, worker, documents in health if at > committed + 2]
    assert {worker for worker, _ in late} == {worker for _, worker, _ in health}
    assert {documents for _, documents in late} == {len(EVERY_ID)}
    assert "Traceback" not in log.read_text()


@pytest.mark.slow
def test_the_keep_alive_connections_of_many_clients_are_shared_evenly_by_the_workers(
        seed_index, tmp_path):
    """Twenty browsers keeping their connections open to `searcher serve --workers 2`: each
    worker holds ten. A keep-alive connection stays with the worker that accepted it, so an
    uneven share (13/7 was common when the kernel chose) makes one worker's users wait twice
    as long as the other's."""
    import http.client

    log = tmp_path / "serve.log"
    server, port = start_server(seed_index, log)
    connections: list[http.client.HTTPConnection] = []

    def worker_of(connection: http.client.HTTPConnection) -> int:
        connection.request("GET", "/healthz")
        reply = connection.getresponse()
        assert reply.status == 200 and reply.getheader("Connection") != "close"
        return json.loads(reply.read())["worker"]

    try:
        deadline, workers = time.monotonic() + 120, set()
        while len(workers) < 2:  # both warm and serving: a new connection each time
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            try:
                workers.add(worker_of(http.client.HTTPConnection("127.0.0.1", port, timeout=5)))
            except OSError:
                time.sleep(0.2)
        time.sleep(1.5)  # the probes' connections closed on both sides
        owners = []
        for _ in range(20):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connections.append(connection)
            owners.append(worker_of(connection))
        again = [worker_of(connection) for connection in connections]
    finally:
        for connection in connections:
            connection.close()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert again == owners, "each connection stays with its worker"
    assert sorted(owners.count(worker) for worker in set(owners)) == [10, 10], owners


# --- two index runs at once ------------------------------------------------------------------

@pytest.mark.slow
def test_a_second_run_waits_for_the_lock_then_exits_2_and_neither_corrupts_the_index(
        synthetic_corpus, tmp_path):
    index_dir = tmp_path / "index"
    first = start_index(index_dir, CORPUS, synthetic_corpus)
    patient = None
    try:
        wait_for(lambda: lock_held(index_dir), first, "it held the lock")
        # Freeze the first run while it holds the lock: it stays busy however fast the machine.
        os.kill(first.pid, signal.SIGSTOP)
        try:
            # A process's own start-up (Python, imports) is not waiting: time a run told not to
            # wait, then one told to wait 2 s; the difference is the wait.
            at_once, refused = timed(run_index, index_dir, CORPUS, synthetic_corpus, lock_timeout=0)
            waited, (status, stdout, stderr) = timed(run_index, index_dir, CORPUS,
                                                     synthetic_corpus, lock_timeout=2)
            for status_, stdout_, stderr_ in (refused, (status, stdout, stderr)):
                assert status_ == 2, (stdout_, stderr_)
                assert stdout_ == ""
                assert stderr_.startswith("searcher: ") and stderr_.count("\n") == 1, stderr_
                assert "locked" in stderr_ and "Traceback" not in stderr_
            assert "waited 2 s" in stderr
            assert waited - at_once >= 1.0, \
                f"it waited for the lock before giving up ({waited:.2f} s vs {at_once:.2f} s at once)"
            # A run given time enough waits for the first one, then finds nothing to do.
            patient = start_index(index_dir, CORPUS, synthetic_corpus, lock_timeout=300)
            time.sleep(0.5)
            assert patient.poll() is None, patient.communicate()
        finally:
            os.kill(first.pid, signal.SIGCONT)
        stdout, stderr = first.communicate(timeout=300)
        assert first.returncode == 0, stderr
        assert f"added {len(EVERY_ID)}," in stdout
        stdout, stderr = patient.communicate(timeout=300)
        assert patient.returncode == 0, stderr
        assert f"added 0, updated 0, unchanged {len(EVERY_ID)}, removed 0" in stdout
    finally:
        for process in (first, patient):
            if process is not None:
                stop_group(process)
    assert indexed_ids(index_dir) == EVERY_ID
    assert marker_total(index_dir) == SYNTHETIC_COUNT


# --- crash mid-run -----------------------------------------------------------------------------

@pytest.mark.slow
def test_sigkill_half_way_leaves_the_previous_index_and_the_next_run_completes(
        seed_index, synthetic_corpus, tmp_path):
    index_dir = copy_of(seed_index, tmp_path)
    already_open = Searcher(index_dir)
    files_before = {p: p.stat().st_size for p in index_dir.rglob("*") if p.is_file()}

    def writing_documents() -> bool:
        return any(p.is_file() and p.stat().st_size > files_before.get(p, 0)
                   for p in index_dir.rglob("*") if p.name != LOCK_FILE)

    run = start_index(index_dir, CORPUS, synthetic_corpus)
    try:
        wait_for(writing_documents, run, "it wrote documents")
        os.kill(run.pid, signal.SIGKILL)  # the main process only, as `kill -9 PID` does
        run.wait(timeout=30)
        assert run.returncode == -signal.SIGKILL

        assert indexed_ids(index_dir) == SEED_IDS
        assert marker_total(index_dir) == 0
        assert already_open.search(SearchParams(q="lao cai")).total == len(SEED_IDS)

        # Worker processes the killed run left may hold the lock a moment: the default wait.
        status, stdout, stderr = run_index(index_dir, CORPUS, synthetic_corpus)
    finally:
        stop_group(run)
    assert status == 0, stderr
    assert f"added {SYNTHETIC_COUNT}, updated 0, unchanged {len(SEED_IDS)}, removed 0" in stdout
    assert indexed_ids(index_dir) == EVERY_ID
    assert marker_total(index_dir) == SYNTHETIC_COUNT
    assert already_open.search(SearchParams(q=MARKER, limit=1)).total == SYNTHETIC_COUNT


@pytest.mark.slow
def test_a_run_killed_between_two_spills_leaves_the_previous_index_and_the_next_completes(
        seed_index, synthetic_corpus, tmp_path):
    """With a small indexing buffer the run spills its postings to scratch runs as it goes
    (memory stays flat); nothing is published before the commit, so a run killed after two
    spills leaves the index as it was, and the next run indexes everything and leaves no run
    or segment of the killed one behind."""
    index_dir = copy_of(seed_index, tmp_path)
    run = start_index(index_dir, CORPUS, synthetic_corpus, buffer_mb=0.5)
    try:
        wait_for(lambda: len(list(index_dir.glob("*.tmp/*.postings"))) >= 2, run,
                 "it had spilled two runs")
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
        assert indexed_ids(index_dir) == SEED_IDS
        assert marker_total(index_dir) == 0
        status, stdout, stderr = run_index(index_dir, CORPUS, synthetic_corpus)
    finally:
        stop_group(run)
    assert status == 0, stderr
    assert f"added {SYNTHETIC_COUNT}, updated 0, unchanged {len(SEED_IDS)}, removed 0" in stdout
    assert indexed_ids(index_dir) == EVERY_ID
    assert marker_total(index_dir) == SYNTHETIC_COUNT
    published = {s.make_filename(".seg") for s in whoosh_index.open_dir(str(index_dir))._segments()}
    assert {p.name for p in index_dir.glob("*.seg")} == published, "no segment of the killed run is left"
    assert not list(index_dir.glob("*.tmp/*.postings")), "no run of the killed run is left"


def test_a_small_indexing_buffer_spills_runs_that_make_one_segment_searching_the_same(
        tmp_path, monkeypatch):
    """The same articles indexed with a buffer that fills every article or two, and with the
    default: the run spills many runs as it goes, puts every ``MERGE_RUNS`` of them together
    into one, makes one segment of them at commit, and gives the same results, scores and facet
    counts. So does a run whose spills sort a few postings at a time and write blocks of a few
    terms, and whose commit encodes a few terms at a time (every cut between blocks taken)."""
    from searcher.store import codec, whoosh_internals
    from searcher.store.whoosh_internals import MERGE_RUNS, BulkWriter, PostingRun, PostingTable

    levels = []  # of every run written
    add_run = BulkWriter._add_run
    monkeypatch.setattr(BulkWriter, "_add_run",
                        lambda self, fields, level: (levels.append(level), add_run(self, fields, level)))
    records = synthetic_records(40)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    one, many = tmp_path / "one", tmp_path / "many"
    index_paths([CORPUS, corpus], one)
    assert not levels
    index_paths([CORPUS, corpus], many, buffer_mb=0.05)
    assert levels.count(0) > MERGE_RUNS and levels.count(1) >= 1  # spilled, then put together
    small_blocks = tmp_path / "small-blocks"
    monkeypatch.setattr(PostingTable, "SORT_POSTINGS", 7)
    monkeypatch.setattr(PostingRun, "BLOCK_TERMS", 5)
    monkeypatch.setattr(PostingRun, "BLOCK_POSTINGS", 11)
    monkeypatch.setattr(whoosh_internals, "WRITE_BATCH_TERMS", 13)
    monkeypatch.setattr(codec, "BATCH_POSTINGS", 3)  # longer lists packed one by one
    index_paths([CORPUS, corpus], small_blocks, buffer_mb=0.05)
    for other in (many, small_blocks):
        assert len(list(one.glob("*.seg"))) == 1 and len(list(other.glob("*.seg"))) == 1
        assert indexed_ids(other) == indexed_ids(one)
        for query in ["lao cai", MARKER, '"tỉnh Vân Nam"', "hợp tác -Nagano"]:
            params = SearchParams(q=query, limit=100)  # every match: 45 articles in all
            a, b = Searcher(one).search(params), Searcher(other).search(params)
            assert a.total == b.total == len(a.hits) > 0
            # The same scores in the same order; articles of equal score stand in document
            # order, which the parallel analysis leaves to chance in each index.
            assert [h.score for h in a.hits] == [h.score for h in b.hits]
            assert sorted((h.id, h.score) for h in a.hits) == sorted((h.id, h.score) for h in b.hits)
            assert a.facets == b.facets


# --- broken corpus ------------------------------------------------------------------------------

@pytest.mark.slow
def test_broken_files_are_reported_by_name_and_line_and_the_rest_indexed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good_page = SEED_IDS[0]
    shutil.copy(CORPUS / f"{good_page}.txt", corpus)
    (corpus / "latin.txt").write_bytes(b"Tin L\xe0o Cai\n\nH\xe0 N\xf4i.\n")  # an 8-bit legacy page
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    huge = corpus / "huge.txt"
    paragraph = "Tỉnh Lào Cai và tỉnh Vân Nam bàn về hợp tác thương mại qua cửa khẩu. " * 20
    with huge.open("w", encoding="utf-8") as out:
        out.write("Một trang rất dài\n\n")
        while out.tell() < 30_000_000:
            out.write(paragraph + "\n\n")
    good = [{"id": f"rec-{n}", "title": f"Tin hợp tác số {n}", "body": "Lào Cai hợp tác."}
            for n in range(3)]
    (corpus / "records.jsonl").write_text("\n".join([
        json.dumps(good[0], ensure_ascii=False),
        '{"id": "rec-x", "title": "Cắt cụt',
        json.dumps({**good[0], "title": "Bản trùng mã"}, ensure_ascii=False),
        json.dumps(good[1], ensure_ascii=False),
        "[1, 2, 3]",
        json.dumps(good[2], ensure_ascii=False),
    ]) + "\n", encoding="utf-8")

    status, stdout, stderr = run_index(tmp_path / "index", corpus)
    assert status == 1, stderr
    lines = stderr.splitlines()
    assert lines and all(line.startswith("searcher: skipped ") for line in lines), stderr
    assert "Traceback" not in stderr

    def reported(where: str, *words: str) -> bool:
        return any(f"{where}:" in line and all(w in line for w in words) for line in lines)

    assert reported(str(corpus / "latin.txt"), "UTF-8")
    assert reported(str(corpus / "empty.txt"), "empty")
    assert reported(str(corpus / "image.txt"), "binary")
    assert reported(str(huge), "too large")
    assert reported(f"{corpus / 'records.jsonl'}:2", "JSON")
    assert reported(f"{corpus / 'records.jsonl'}:3", "duplicate", "rec-0")
    assert reported(f"{corpus / 'records.jsonl'}:5", "JSON object")
    assert len(lines) == 7
    assert "added 4," in stdout and "failed 7" in stdout
    assert indexed_ids(tmp_path / "index") == sorted([good_page, "rec-0", "rec-1", "rec-2"])


def test_a_run_with_nothing_to_do_leaves_the_index_directory_as_it_was(seed_index, tmp_path):
    index_dir = copy_of(seed_index, tmp_path)
    files = sorted(p.name for p in index_dir.iterdir())
    for _ in range(2):
        status, stdout, stderr = run_index(index_dir, CORPUS)
        assert status == 0, stderr
        assert f"unchanged {len(SEED_IDS)}," in stdout
    assert sorted(p.name for p in index_dir.iterdir()) == files
