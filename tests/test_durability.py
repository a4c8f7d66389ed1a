"""Power loss at any point of an index run leaves an index that opens to the last reported commit
or to the commit of the run in progress, never a broken one.

The technique of Lucene's MockDirectoryWrapper: the real indexer writes through a storage that
records what the disk would keep if the power went out now. A file's bytes survive only up to its
last ``fsync``; directory entries (creations, renames, deletions) survive up to the last directory
``fsync`` plus any prefix of the later ones (a journal replays metadata in order, data not). After
each storage operation the recorder keeps that state; the test rebuilds the disk as it would be
after a power loss there (unsynced files torn at a random length), and opens it.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from conftest import write_jsonl

from searcher import Searcher, SearchParams, check_index, index_paths
from searcher.store.durable import DurableStorage
from whoosh.filedb.filestore import FileStorage


class PowerLossRecorder:
    """The disk as a power loss would leave it, after every storage operation (see module doc).
    ``durable=False`` ignores the syncs: Whoosh's own behaviour, the control."""

    def __init__(self, durable: bool = True) -> None:
        self.durable = durable
        self.live: dict[str, int] = {}  # name -> file identity
        self.contents: dict[int, bytes] = {}  # identity -> bytes when closed (append-only files)
        self.synced: dict[int, bytes] = {}  # identity -> bytes at its last fsync
        self.entries: dict[str, int] = {}  # directory entries at the last directory fsync
        self.pending: list[tuple] = []  # entry operations since then, in order
        self.points: list[tuple[dict, tuple, dict, int]] = []  # after each operation
        self.reported = 0  # index runs that have returned
        self._next = 0

    def snapshot(self) -> None:
        self.points.append((dict(self.entries), tuple(self.pending), dict(self.synced),
                            self.reported))

    # storage events
    def created(self, name: str) -> None:
        self._next += 1
        self.live[name] = self._next
        self.pending.append(("create", name, self._next))
        self.snapshot()

    def closed(self, name: str, data: bytes) -> None:
        self.contents[self.live[name]] = data

    def file_synced(self, name: str) -> None:
        if self.durable:
            self.synced[self.live[name]] = self.contents[self.live[name]]
        self.snapshot()

    def renamed(self, old: str, new: str) -> None:
        self.live[new] = self.live.pop(old)
        self.pending.append(("rename", old, new))
        self.snapshot()

    def deleted(self, name: str) -> None:
        self.live.pop(name, None)
        self.pending.append(("delete", name))
        self.snapshot()

    def dir_synced(self) -> None:
        if self.durable:
            self.entries = dict(self.live)
            self.pending = []
        self.snapshot()

    def restore(self, point: int, target: Path, chance: random.Random) -> None:
        """Write the disk as it would be after a power loss at ``point`` into ``target``."""
        entries, pending, synced, _ = self.points[point]
        entries = dict(entries)
        for operation in pending[:chance.randint(0, len(pending))]:
            if operation[0] == "create":
                entries[operation[1]] = operation[2]
            elif operation[0] == "rename":
                if operation[1] in entries:
                    entries[operation[2]] = entries.pop(operation[1])
            else:
                entries.pop(operation[1], None)
        target.mkdir()
        for name, identity in entries.items():
            if identity in synced:
                data = synced[identity]
            else:  # never synced: whatever part of it reached the disk, maybe nothing
                whole = self.contents.get(identity, b"")
                data = whole[:chance.randint(0, len(whole))]
            (target / name).write_bytes(data)


def recording_storage(recorder: PowerLossRecorder):
    """A storage class for ``index_paths`` that reports every durability-relevant event."""
    base = DurableStorage if recorder.durable else FileStorage

    class RecordingStorage(base):
        def __init__(self, path: str, readonly: bool = False):
            FileStorage.__init__(self, path, supports_mmap=False, readonly=readonly)

        def create_file(self, name, **kwargs):
            stream = super().create_file(name, **kwargs)
            recorder.created(name)
            their_onclose = stream.onclose

            def record_close(file):
                if their_onclose:
                    their_onclose(file)  # DurableStorage syncs here (and reports it)
                else:
                    file.flush()
                recorder.closed(name, Path(self.folder, name).read_bytes())
                if not recorder.durable:
                    recorder.snapshot()

            stream.onclose = record_close
            return stream

        def sync_file(self, name, fileobj):
            super().sync_file(name, fileobj)
            recorder.closed(name, Path(self.folder, name).read_bytes())
            recorder.file_synced(name)

        def sync_dir(self):
            super().sync_dir()
            recorder.dir_synced()

        def rename_file(self, oldname, newname, safe=False):
            FileStorage.rename_file(self, oldname, newname, safe=safe)
            recorder.renamed(oldname, newname)
            if recorder.durable:
                self.sync_dir()

        def delete_file(self, name):
            super().delete_file(name)
            recorder.deleted(name)

        def create(self):
            FileStorage.create(self)
            if recorder.durable:
                self.sync_dir()
            return self

    return RecordingStorage


ARTICLE_WORDS = ("hợp tác du lịch tỉnh Nagano Nhật Bản Lào Cai châu Hồng Hà Vân Nam đầu tư "
                 "thương mại biên giới nông nghiệp giáo dục đoàn công tác ký kết").split()


def random_articles(chance: random.Random, ids: list[str]) -> list[dict]:
    return [{"id": doc_id, "title": " ".join(chance.choices(ARTICLE_WORDS, k=6)),
             "body": ". ".join(" ".join(chance.choices(ARTICLE_WORDS, k=12)) for _ in range(3))}
            for doc_id in ids]


def record_runs(work: Path, seed: int, recorder: PowerLossRecorder) -> list[frozenset[str]]:
    """Random index runs (adds, updates, removals, a rebuild) through the recorder; returns the
    ids in the index after each reported run."""
    chance = random.Random(seed)
    corpus, index = work / "corpus", work / "index"
    corpus.mkdir(parents=True)
    storage = recording_storage(recorder)
    states: list[frozenset[str]] = []
    ids = [f"a{n}" for n in range(chance.randint(3, 8))]
    for run_number in range(4):
        if run_number:
            kept = [i for i in ids if chance.random() > 0.3]
            ids = kept + [f"r{run_number}-{n}" for n in range(chance.randint(1, 4))]
        write_jsonl(corpus / "articles.jsonl", random_articles(chance, ids))
        index_paths([corpus], index, workers=1, rebuild=run_number == 3, storage_class=storage)
        recorder.reported += 1
        recorder.snapshot()
        states.append(frozenset(ids))
    return states


def opened_ids(index: Path) -> frozenset[str] | None:
    """The ids of the index a user would open there; None when there is no index; raises when
    it is broken."""
    from whoosh import index as whoosh_index

    if not whoosh_index.exists_in(str(index)):
        return None
    health = check_index(index, deep=True)
    assert health.healthy, health.findings
    searcher = Searcher(index)
    result = searcher.search(SearchParams(q="hợp tác", limit=100))
    with whoosh_index.open_dir(str(index)).reader() as reader:
        ids = frozenset(fields["id"] for _, fields in reader.iter_docs())
    assert {hit.id for hit in result.hits} <= ids
    return ids


def losses(tmp_path: Path, seed: int, count: int, durable: bool = True):
    """(ids found, acceptable states) after ``count`` simulated losses at random points."""
    recorder = PowerLossRecorder(durable)
    states = record_runs(tmp_path / f"runs-{seed}", seed, recorder)
    chance = random.Random(seed * 7919)
    for trial in range(count):
        point = chance.randrange(len(recorder.points))
        reported = recorder.points[point][3]
        target = tmp_path / f"loss-{seed}-{trial}"
        recorder.restore(point, target, chance)
        # before the first reported run: no index, or the empty one the first run creates
        acceptable = {states[reported - 1]} if reported else {None, frozenset()}
        if reported < len(states):
            acceptable.add(states[reported])  # the run in progress committed durably
        yield target, acceptable
        shutil.rmtree(target)


@pytest.mark.slow
def test_200_power_losses_at_random_points_leave_no_unreadable_index(tmp_path):
    found = 0
    for seed in range(4):
        for target, acceptable in losses(tmp_path, seed, 50):
            assert opened_ids(target) in acceptable
            found += 1
    assert found == 200


def test_without_syncing_a_power_loss_can_break_the_index_or_lose_a_reported_commit(tmp_path):
    """The control: the same simulation over Whoosh's own storage finds failures, so the test
    above could have failed."""
    failures = 0
    for target, acceptable in losses(tmp_path, 11, 60, durable=False):
        try:
            failures += opened_ids(target) not in acceptable
        except Exception:  # noqa: BLE001 -- a broken index raises anything
            failures += 1
    assert failures > 0


def test_a_read_that_one_pread_returns_short_is_read_whole(tmp_path, monkeypatch):
    """Segment files are read with ``os.pread``, which returns at most 2 GB on Linux (and
    less at a signal): a long read carries on where it stopped, and stops at the end of the
    file; a segment's inner files read only their own range."""
    import os

    content = bytes(range(256)) * 64
    (tmp_path / "whole").write_bytes(content)
    real_pread = os.pread
    monkeypatch.setattr(os, "pread", lambda fd, size, offset: real_pread(fd, min(size, 1000),
                                                                         offset))
    stream = DurableStorage(str(tmp_path)).open_file("whole")
    assert stream.get(100, 5000) == content[100:5100]
    assert stream.get(len(content) - 10, 5000) == content[-10:]
    inner = stream.subset(2048, 3000)
    assert inner.read() == content[2048:5048]
    assert inner.get(2990, 100) == content[5038:5048]
    stream.close()
