"""Faults of the disk itself, reproduced on real filesystems: a full disk (a small tmpfs), torn
and corrupted segment files, a read-only mount, a directory the user may not read.

A small tmpfs or a read-only bind mount needs a mount namespace: the scenario runs as one shell
script under ``unshare --user --map-root-user --mount`` (or directly when already root without
it); where neither can mount, the test is skipped with the reason. Power loss is simulated in
``test_durability.py``.
"""
from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS, NEWS, SEARCHER, LiveServer, run, write_jsonl

QUERIES = ["Nagano", "hợp tác du lịch", "Hồng Hà"]


def namespace_shell(script: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``script`` (sh, -e) in a private mount namespace; skip when this machine cannot."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a private tmpfs")
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=1m none {cwd}"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs in a user namespace here: {probe.stderr.strip()}")
    return subprocess.run(["unshare", "-rm", "sh", "-ec", script], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def news_records(count: int) -> list[dict]:
    import gzip

    records = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records.append({k: record.get(k) or "" for k in ("id", "title", "summary", "body")})
            if len(records) == count:
                break
    return records


def answers(out_dir: Path, stem: str) -> list[list[str]]:
    """The ids each query returned, from the JSON files a scenario wrote."""
    return [[hit["id"] for hit in json.loads((out_dir / f"{stem}{n}.json").read_text())["hits"]]
            for n in range(len(QUERIES))]


def query_lines(index: Path, stem: str, out_dir: Path) -> str:
    return "\n".join(f'"{SEARCHER}" query "{q}" --index "{index}" --json > "{out_dir}/{stem}{n}.json"'
                     for n, q in enumerate(QUERIES))


@pytest.mark.slow
@pytest.mark.parametrize("articles, when", [(150, "during the run"), (1500, "before the run")])
def test_a_full_disk_ends_the_run_with_one_line_status_2_no_leftovers_and_the_old_index_answering(
        tmp_path, articles, when):
    """150 articles (0.5 MB of text; 2.4 MB of index and analysis cache) fill a 2 MB disk part
    way through the run; 1,500 (5 MB) are refused before any work, from the free-space estimate."""
    if not NEWS.exists():
        pytest.skip(f"news corpus not found: {NEWS}")
    mount, out = tmp_path / "disk", tmp_path / "out"
    mount.mkdir(), out.mkdir()
    news = write_jsonl(tmp_path / "news.jsonl", news_records(articles))
    index = mount / "index"
    script = f"""
mount -t tmpfs -o size=2m none "{mount}"
"{SEARCHER}" index "{CORPUS}" --index "{index}" > /dev/null
{query_lines(index, "before", out)}
ls -A "{index}" > "{out}/files-before"
start=$(date +%s.%N)
set +e
"{SEARCHER}" index "{news}" --index "{index}" --workers 1 > "{out}/stdout" 2> "{out}/stderr"
echo $? > "{out}/status"
set -e
echo "$start $(date +%s.%N)" > "{out}/times"
ls -A "{index}" > "{out}/files-after"
df -k "{mount}" | tail -1 > "{out}/df"
{query_lines(index, "after", out)}
"""
    result = namespace_shell(script, tmp_path)
    assert result.returncode == 0, result.stderr
    stderr = (out / "stderr").read_text()
    assert (out / "status").read_text().strip() == "2"
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert stderr.startswith(f"searcher: the disk holding {index}/ is full (")
    assert stderr.rstrip().endswith("MB free); the previous index is intact"), stderr
    assert "Traceback" not in stderr
    # nothing of the failed run is left: the same files, and the disk as free as before
    assert (out / "files-after").read_text() == (out / "files-before").read_text()
    assert answers(out, "after") == answers(out, "before") and any(answers(out, "before"))
    if when == "before the run":
        start, end = map(float, (out / "times").read_text().split())
        assert end - start < 10, "refused only after analysing: the estimate was not used"


def corrupt_copy(seed_index: Path, tmp_path: Path, how: str) -> tuple[Path, str]:
    """A copy of the seed index whose segment file is cut in half ("torn") or has bytes
    overwritten in the middle ("rotten"); returns the copy and the segment file's name."""
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    segment = next(index.glob("*.seg"))
    size = segment.stat().st_size
    if how == "torn":
        os.truncate(segment, size // 2)
    else:
        with open(segment, "r+b") as handle:
            handle.seek(size // 2)
            handle.write(b"\xff" * 64)
    return index, segment.name


@pytest.mark.parametrize("how", ["torn", "rotten"])
def test_check_names_the_damaged_segment_and_the_remedy_with_status_2(seed_index, tmp_path, how):
    healthy = run("check", "--index", seed_index)
    assert healthy.returncode == 0 and "healthy, 5 articles" in healthy.stdout
    index, name = corrupt_copy(seed_index, tmp_path, how)
    result = run("check", "--index", index)
    assert result.returncode == 2
    assert f"{index}: {name}: does not match the checksum recorded at commit" in result.stderr
    assert "run `searcher index --rebuild`" in result.stderr and "Traceback" not in result.stderr
    as_json = json.loads(run("check", "--index", index, "--json").stdout)
    assert as_json["healthy"] is False and as_json["problems"][0].startswith(name)


def test_a_query_on_a_torn_segment_says_which_file_and_what_to_run(seed_index, tmp_path):
    index, name = corrupt_copy(seed_index, tmp_path, "torn")
    result = run("query", "Nagano", "--index", index)
    assert result.returncode == 2
    assert result.stderr == (f"searcher: index {index} is damaged: {name} cannot be read "
                             f"(Ran out of input); run `searcher index --rebuild`\n")


def test_a_rotten_byte_in_the_columns_file_is_named_by_check_and_by_a_query(seed_index, tmp_path):
    """The columns file (``store/docvalues.py``) is read as views of its bytes, uncompressed: a
    flipped bit in an article's length must not become a silently wrong score."""
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    [columns] = index.glob("*.dv.npz")
    with zipfile.ZipFile(columns) as archive:
        member = archive.getinfo("length.body.npy")
    data = bytearray(columns.read_bytes())
    # the local header (30 bytes, then the name and the extra field) and the member: its last
    # bytes are the last article's length
    name_length, extra_length = struct.unpack_from("<HH", data, member.header_offset + 26)
    data[member.header_offset + 30 + name_length + extra_length + member.file_size - 2] ^= 0xFF
    columns.write_bytes(bytes(data))
    why = "cannot be read (length.body.npy does not match its checksum)"
    checked = run("check", "--index", index)
    assert checked.returncode == 2 and f"{columns.name}: {why}" in checked.stderr
    result = run("query", "Nagano", "--index", index)
    assert result.returncode == 2
    assert result.stderr == (f"searcher: index {index} is damaged: {columns.name} {why}; "
                             f"run `searcher index --rebuild`\n")


@pytest.mark.parametrize("how", ["torn", "rotten"])
def test_index_sets_a_damaged_index_aside_and_rebuilds_it(seed_index, tmp_path, how):
    index, name = corrupt_copy(seed_index, tmp_path, how)
    result = run("index", CORPUS, "--index", index)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "added 5, updated 0, unchanged 0, removed 0, failed 0"
    aside = [p for p in index.iterdir() if p.is_dir() and p.name.startswith("damaged-")]
    assert len(aside) == 1 and (aside[0] / name).exists()  # kept for inspection, not deleted
    assert result.stderr.startswith(f"searcher: {index} was damaged ({name}")
    assert f"its files were moved to {aside[0]} and the index was rebuilt" in result.stderr
    assert run("check", "--index", index).returncode == 0
    assert "Nagano" in run("query", "Nagano", "--index", index).stdout


def test_the_server_keeps_answering_from_the_last_good_generation_and_says_degraded(
        seed_index, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    server = LiveServer(index)
    try:
        before = server.get("/api/search", q="Nagano").json()["hits"]
        health = server.get("/healthz").json()
        assert (health["status"], health["documents"]) == ("ok", 5)
        # a new generation whose segment is torn: as if a copy or a failing disk cut it short
        new = run("index", CORPUS, "--index", index, "--rebuild")
        assert new.returncode == 0, new.stderr
        segment = max(index.glob("*.seg"), key=lambda p: p.stat().st_mtime)
        os.truncate(segment, segment.stat().st_size // 3)
        health = server.get("/healthz")
        assert health.status == 200
        body = health.json()
        assert body["status"] == "degraded" and body["documents"] == 5
        assert f"{segment.name} cannot be read" in body["reason"]
        assert body["reason"].endswith("run `searcher index --rebuild`")
        assert server.get("/api/search", q="Nagano").json()["hits"] == before
        # repaired by the remedy it names, the server picks the new generation up
        assert run("index", CORPUS, "--index", index, "--rebuild").returncode == 0
        health = server.get("/healthz").json()
        assert (health["status"], health["documents"]) == ("ok", 5)
    finally:
        server.close()


def test_serve_refuses_a_damaged_index_with_one_line(seed_index, tmp_path):
    index, name = corrupt_copy(seed_index, tmp_path, "torn")
    result = subprocess.run([str(SEARCHER), "serve", "--index", str(index), "--port", "0"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"searcher: index {index} is damaged: {name} cannot be read")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.slow
def test_read_only_media_index_refused_with_one_line_query_and_serve_work(seed_index, tmp_path):
    """A read-only bind mount (as a CD or a container layer): ``index`` cannot write and says so;
    ``query`` and ``serve`` answer from it."""
    mount, out = tmp_path / "ro", tmp_path / "out"
    mount.mkdir(), out.mkdir()
    port = 18000 + os.getpid() % 1000
    script = f"""
mount --bind "{seed_index}" "{mount}"
mount -o remount,ro,bind "{mount}"
set +e
"{SEARCHER}" index "{CORPUS}" --index "{mount}" > "{out}/index-stdout" 2> "{out}/index-stderr"
echo $? > "{out}/index-status"
"{SEARCHER}" query Nagano --index "{mount}" --json > "{out}/query.json" 2> "{out}/query-stderr"
echo $? > "{out}/query-status"
"{SEARCHER}" serve --index "{mount}" --port {port} 2> "{out}/serve-stderr" &
server=$!
for i in $(seq 1 100); do
  python3 -c "import urllib.request,sys; sys.stdout.write(urllib.request.urlopen('http://127.0.0.1:{port}/api/search?q=Nagano').read().decode())" > "{out}/api.json" 2>/dev/null && break
  sleep 0.2
done
kill $server
"""
    result = namespace_shell(script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (out / "index-status").read_text().strip() == "2"
    assert (out / "index-stderr").read_text() == (
        f"searcher: cannot write to {mount} (read-only file system); the previous index is intact\n")
    assert (out / "query-status").read_text().strip() == "0"
    hits = json.loads((out / "query.json").read_text())["hits"]
    assert hits and "Nagano" in hits[0]["title"]
    assert json.loads((out / "api.json").read_text())["hits"][0]["id"] == hits[0]["id"]


def as_other_user() -> list[str]:
    """A command prefix that drops root (root reads any directory); empty for other users."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv(1) to drop privileges")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_an_index_directory_that_may_not_be_read_or_written_gets_one_line(seed_index):
    prefix = as_other_user()
    # outside pytest's temporary tree, whose folders only their owner may enter
    base = Path(tempfile.mkdtemp(prefix="searcher-permissions-"))
    base.chmod(0o755)
    index = base / "index"
    shutil.copytree(seed_index, index)
    index.chmod(0o000)
    try:
        query = subprocess.run([*prefix, str(SEARCHER), "query", "Nagano", "--index", str(index)],
                               capture_output=True, text=True, timeout=120)
        if "Permission denied" in query.stderr and str(SEARCHER) in query.stderr:
            pytest.skip("the other user cannot run this checkout's venv")
        assert query.returncode == 2
        assert query.stderr == f"searcher: cannot read {index} (permission denied)\n"
        serve = subprocess.run([*prefix, str(SEARCHER), "serve", "--index", str(index), "--port", "0"],
                               capture_output=True, text=True, timeout=120)
        assert (serve.returncode, serve.stderr) == (2, query.stderr)
        index.chmod(0o555)  # readable, not writable
        build = subprocess.run([*prefix, str(SEARCHER), "index", str(CORPUS), "--index", str(index)],
                               capture_output=True, text=True, timeout=120)
        assert build.returncode == 2
        assert build.stderr == (f"searcher: cannot write to {index} (permission denied); "
                                f"the previous index is intact\n")
        index.chmod(0o755)
        assert "Nagano" in run("query", "Nagano", "--index", index).stdout
    finally:
        index.chmod(0o755)
        shutil.rmtree(base)
