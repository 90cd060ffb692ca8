"""Blobs on disk: zstd frames, compressed with a dictionary the data directory trains on its own first blobs."""

from __future__ import annotations

import fcntl
import json
import random
import subprocess
import sys
import zlib
from importlib import resources
from pathlib import Path

import pytest
import zstandard

from monitor import blobs
from monitor.blobs import TRAIN_AFTER, blob_path, read_blob, write_blob
from monitor.store import Store, StoreError, sha256

DEMO_PAGE = resources.files("monitor").joinpath("demo_data/x-tos-2024-02-21.html").read_text(encoding="utf-8")
PARAGRAPHS = [part for part in DEMO_PAGE.split("</p>") if len(part) > 80]


def similar_page(number: int) -> bytes:
    """A policy page like the others of a watchlist: the same markup and boilerplate, its own choice of clauses."""
    rng = random.Random(number)
    chosen = rng.sample(PARAGRAPHS, k=len(PARAGRAPHS) * 2 // 3)
    return (f"<html><head><title>Platform {number} terms</title></head><body><main>"
            + "</p>".join(chosen) + f"</p><p>Effective {number % 28 + 1} March 2025.</p></main></body></html>"
            ).encode()


def write_pages(data_dir: Path, numbers: range) -> dict[str, bytes]:
    written = {}
    for number in numbers:
        page = similar_page(number)
        written[write_blob(data_dir, sha256(page), page)] = page
    return written


def frame_dictionary(data_dir: Path, digest: str) -> int:
    return zstandard.get_frame_parameters(blob_path(data_dir, digest).read_bytes()).dict_id


def current_dictionary(data_dir: Path) -> dict[str, int] | None:
    path = data_dir / "dictionaries" / "current"
    return json.loads(path.read_text()) if path.exists() else None


@pytest.fixture(autouse=True)
def fresh_codecs():
    """Each test starts as a new process would: no dictionary known in memory."""
    blobs._codecs.clear()
    yield
    blobs._codecs.clear()


def test_a_blob_reads_back_exactly_whatever_its_bytes(tmp_path) -> None:
    for data in (b"", b"policy", bytes(range(256)) * 300, "Données personnelles — 個人情報".encode()):
        assert read_blob(tmp_path, write_blob(tmp_path, sha256(data), data)) == data


def test_a_data_directory_trains_a_dictionary_from_its_own_blobs_and_later_blobs_are_much_smaller(tmp_path) -> None:
    early = write_pages(tmp_path, range(TRAIN_AFTER - 1))
    assert current_dictionary(tmp_path) is None
    assert all(frame_dictionary(tmp_path, digest) == 0 for digest in early)

    early |= write_pages(tmp_path, range(TRAIN_AFTER - 1, TRAIN_AFTER))
    pointer = current_dictionary(tmp_path)
    assert pointer is not None and pointer["samples"] == TRAIN_AFTER
    assert (tmp_path / "dictionaries" / f"{pointer['id']}.zdict").is_file()

    # The blobs written before it were compressed again with it, and they are much smaller for it.
    assert {frame_dictionary(tmp_path, digest) for digest in early} == {pointer["id"]}
    later = write_pages(tmp_path, range(1000, 1020))
    assert {frame_dictionary(tmp_path, digest) for digest in later} == {pointer["id"]}
    without = sum(len(zstandard.ZstdCompressor(level=blobs.LEVEL).compress(page)) for page in later.values())
    stored = sum(blob_path(tmp_path, digest).stat().st_size for digest in later)
    assert stored * 3 < without, (stored, without)

    # Another process, which has never seen the dictionary, reads every blob back, with or without one.
    script = ("import sys, hashlib; from monitor.blobs import read_blob\n"
              "for digest in sys.argv[2:]:\n"
              "    assert hashlib.sha256(read_blob(sys.argv[1], digest)).hexdigest() == digest, digest\n"
              "print('read', len(sys.argv) - 2)")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path), *early, *later],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"read {len(early) + len(later)}"


def test_the_dictionary_is_trained_again_on_more_samples_and_earlier_blobs_are_compressed_with_it(tmp_path) -> None:
    write_pages(tmp_path, range(TRAIN_AFTER))
    first = current_dictionary(tmp_path)
    assert first is not None
    old = write_pages(tmp_path, range(2000, 2000 + blobs.RETRAIN_FACTOR * TRAIN_AFTER))
    second = current_dictionary(tmp_path)
    assert second is not None and second["id"] != first["id"] and second["samples"] > first["samples"]
    new = write_pages(tmp_path, range(5000, 5005))
    assert {frame_dictionary(tmp_path, digest) for digest in new} == {second["id"]}
    # Earlier blobs were compressed again with the new dictionary, unless that would not make them smaller.
    recompressor = zstandard.ZstdCompressor(level=blobs.LEVEL, dict_data=zstandard.ZstdCompressionDict(
        (tmp_path / "dictionaries" / f"{second['id']}.zdict").read_bytes()))
    kept = [digest for digest in old if frame_dictionary(tmp_path, digest) != second["id"]]
    assert all(len(recompressor.compress(old[digest])) >= blob_path(tmp_path, digest).stat().st_size
               for digest in kept)
    assert (tmp_path / "dictionaries" / f"{first['id']}.zdict").is_file()  # never removed
    blobs._codecs.clear()
    assert all(read_blob(tmp_path, digest) == page for digest, page in (old | new).items())


def test_no_process_trains_while_another_holds_the_lock(tmp_path) -> None:
    (tmp_path / "dictionaries").mkdir()
    with open(tmp_path / "dictionaries" / ".lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        write_pages(tmp_path, range(TRAIN_AFTER))
        assert current_dictionary(tmp_path) is None
    write_pages(tmp_path, range(100, 100 + TRAIN_AFTER))
    assert current_dictionary(tmp_path) is not None


def test_a_broken_current_pointer_is_ignored_with_a_warning_and_nothing_is_lost(tmp_path, caplog) -> None:
    (tmp_path / "dictionaries").mkdir()
    (tmp_path / "dictionaries" / "current").write_text("{not json")
    written = write_pages(tmp_path, range(5))
    assert "ignoring a broken dictionaries/current" in caplog.text
    assert all(read_blob(tmp_path, digest) == page for digest, page in written.items())


def test_the_store_reads_blobs_of_the_first_format_and_names_what_is_missing(tmp_path) -> None:
    store = Store(tmp_path)
    legacy = b"a text stored by the first version, zlib-compressed"
    path = blob_path(tmp_path, sha256(legacy))
    path.parent.mkdir(parents=True)
    path.write_bytes(zlib.compress(legacy, 5))
    assert store.get_blob(sha256(legacy)) == legacy
    # A data directory from before carries on: its next snapshot is a delta of the zlib one.
    page = DEMO_PAGE.encode()
    path = blob_path(tmp_path, sha256(page))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zlib.compress(page, 5))
    successor = store.put_blob(page + b"<!-- fetched again -->", base=sha256(page))
    assert is_delta(tmp_path, successor) and store.get_blob(successor) == page + b"<!-- fetched again -->"

    written = write_pages(tmp_path, range(TRAIN_AFTER + 1))
    pointer = current_dictionary(tmp_path)
    assert pointer is not None
    damaged = list(written)[0]
    blob_path(tmp_path, damaged).write_bytes(blob_path(tmp_path, damaged).read_bytes()[:40])
    with pytest.raises(StoreError, match=f"blob {damaged}: a damaged blob"):
        store.get_blob(damaged)

    (tmp_path / "dictionaries" / f"{pointer['id']}.zdict").unlink()
    blobs._codecs.clear()
    last = list(written)[-1]
    with pytest.raises(StoreError, match=r"compression dictionary .*\.zdict is missing"):
        store.get_blob(last)


def is_delta(data_dir: Path, digest: str) -> bool:
    return blob_path(data_dir, digest).read_bytes().startswith(blobs.DELTA_MAGIC)


def test_a_new_snapshot_is_stored_as_a_small_delta_of_the_one_before(tmp_path) -> None:
    before = DEMO_PAGE.encode()
    after = before.replace(b"</main>", b'<p>We may use your posts to train our AI models.</p></main>', 1)
    base = write_blob(tmp_path, sha256(before), before)
    digest = write_blob(tmp_path, sha256(after), after, base=base)
    assert is_delta(tmp_path, digest)
    whole = len(zstandard.ZstdCompressor(level=blobs.LEVEL).compress(after))
    assert blob_path(tmp_path, digest).stat().st_size * 20 < whole
    blobs._codecs.clear()
    assert read_blob(tmp_path, digest) == after


def test_a_delta_chain_is_cut_short_and_every_link_reads_back(tmp_path) -> None:
    versions = [DEMO_PAGE.encode() + f"<!-- nonce {n:04d} -->".encode() for n in range(2 * blobs.MAX_DELTA_CHAIN + 3)]
    digests: list[str] = []
    for version in versions:
        digests.append(write_blob(tmp_path, sha256(version), version, base=digests[-1] if digests else None))
    chains = [blob_path(tmp_path, d).read_bytes()[len(blobs.DELTA_MAGIC)] if is_delta(tmp_path, d) else 0
              for d in digests]
    assert max(chains) == blobs.MAX_DELTA_CHAIN
    assert chains[blobs.MAX_DELTA_CHAIN + 1] == 0  # stored whole: the next chain starts there
    blobs._codecs.clear()
    assert [read_blob(tmp_path, d) for d in digests] == versions


def test_an_unrelated_or_missing_base_gives_a_whole_blob(tmp_path) -> None:
    other = bytes(random.Random(3).getrandbits(8) for _ in range(20_000))
    unrelated = write_blob(tmp_path, sha256(other), other)
    page = DEMO_PAGE.encode()
    assert not is_delta(tmp_path, write_blob(tmp_path, sha256(page), page, base=unrelated))
    second = page + b"<!-- 2 -->"
    assert not is_delta(tmp_path, write_blob(tmp_path, sha256(second), second, base="f" * 64))
    assert read_blob(tmp_path, sha256(second)) == second


def test_a_delta_whose_base_is_gone_names_it(tmp_path) -> None:
    store = Store(tmp_path)
    base = store.put_blob(DEMO_PAGE.encode())
    delta = store.put_blob(DEMO_PAGE.encode() + b"<!-- 2 -->", base=base)
    blob_path(tmp_path, base).unlink()
    with pytest.raises(StoreError, match=f"blob {base}, which it is a delta of, is missing"):
        store.get_blob(delta)


def test_a_batch_flushes_the_file_system_before_each_commit_instead_of_an_fsync_a_blob(tmp_path, monkeypatch) -> None:
    """A power cut cannot be staged here, so the order of the disk flushes is what is checked: in a batch no blob is
    fsynced alone, and the file system is flushed before every commit that may refer to one."""
    from monitor import store as store_module
    from monitor.store import CheckRecord, utcnow
    from monitor.watchlist import loads

    events: list[str] = []
    real_fsync, real_sync = blobs.os.fsync, store_module.sync_blobs
    monkeypatch.setattr(blobs.os, "fsync", lambda handle: (events.append("fsync"), real_fsync(handle))[1])
    monkeypatch.setattr(store_module, "sync_blobs", lambda data_dir: (events.append("syncfs"), real_sync(data_dir))[1])
    watchlist = loads('[[service]]\nname = "Example"\n[[service.document]]\ntype = "Privacy Policy"\n'
                      'url = "http://127.0.0.1:9/"\n')

    def check(store: Store, number: int) -> None:
        digest = store.put_blob(similar_page(number))
        events.append("blob")
        store.record_check(CheckRecord(document="Example/Privacy Policy", started_at=utcnow(), duration=0.1,
                                       status="failed", error="bot challenge", error_kind="blocked",
                                       snapshot_hashes=(digest,)))
        events.append("check")

    with Store(tmp_path) as store:
        store.sync_documents(watchlist.documents)
        check(store, 1)
        assert events == ["fsync", "blob", "check"]  # alone: the blob is fsynced before its check is written
        events.clear()
        with store.batch(max_checks=2, max_seconds=3600):
            for number in range(2, 7):
                check(store, number)
        assert "fsync" not in events
        assert events == ["blob", "check", "blob", "syncfs", "check"] * 2 + ["blob", "check", "syncfs"]
        assert len(store.checks("Example/Privacy Policy")) == 6


def test_sync_blobs_flushes_a_real_file_system(tmp_path) -> None:
    write_blob(tmp_path, "cd" * 32, b"policy", durable=False)
    blobs.sync_blobs(tmp_path)  # syncfs(2) on Linux; raises if the call fails
    assert read_blob(tmp_path, "cd" * 32) == b"policy"


@pytest.mark.parametrize("planted", [blobs.DELTA_MAGIC, blobs.DELTA_MAGIC + b"\x01",
                                     blobs.DELTA_MAGIC + b"\x01" + b"\x00" * 5])
def test_a_delta_cut_short_is_a_blob_error_not_a_read_of_the_blobs_folder(tmp_path, planted: bytes) -> None:
    digest = sha256(b"whatever")
    path = blob_path(tmp_path, digest)
    path.parent.mkdir(parents=True)
    path.write_bytes(planted)
    with pytest.raises(blobs.BlobError, match="cut short"):
        read_blob(tmp_path, digest)
