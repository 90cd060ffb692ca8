"""The on-disk form of a blob (``blobs/ab/cdef…`` in a data directory): a zstd frame, compressed with the data
directory's own trained dictionary once it has one (why, with figures: docs/decisions/blob-storage.md)::

    dictionaries/<id>.zdict   a trained dictionary: written once, never changed or removed (a blob names its
                              dictionary by id in its zstd frame header, so it can always be read back)
    dictionaries/current      {"id": …, "samples": …}: the dictionary that new blobs are compressed with

A new snapshot of a page, or a new version of a text, is stored as a **delta** of the one before when that is
smaller (a zstd frame with the earlier blob as its dictionary); a delta names its base and the length of its chain,
kept under :data:`MAX_DELTA_CHAIN` (the next one is stored whole).

Any process that writes blobs trains: after :data:`TRAIN_AFTER` blobs written without a dictionary, and again, on
more samples, after as many blobs again as the current one was trained on, until it has :data:`MAX_SAMPLES`. One
process trains at a time (a lock file); the others take the new dictionary at their next write. The blobs written
before a new dictionary are compressed again with it. Blobs of the first format (zlib) are still read.

Kept apart from :mod:`monitor.store` so that workers can write a new text without importing the database layer
(:class:`WorkerBlobs`).
A blob is written atomically (temporary file, ``fsync``, rename) and is idempotent.

>>> import tempfile
>>> data_dir = tempfile.mkdtemp()
>>> digest = write_blob(data_dir, "ab" * 32, b"policy")
>>> read_blob(data_dir, digest)
b'policy'
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import random
import tempfile
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import zstandard

from monitor import datadir
from monitor.libc import return_freed_memory, sync_filesystem

log = logging.getLogger("monitor.blobs")

LEVEL = 3  # zstd's default: level 6 costs three times the time for blobs a quarter smaller (docs/decisions/)
TRAIN_AFTER = 48  # blobs this process writes without a dictionary before it trains one
RETRAIN_FACTOR = 1  # retrain once this process has written this many times the current dictionary's samples
MAX_SAMPLES = 128  # blobs a dictionary is trained on, at most
SAMPLE_BYTES = 64 * 1024  # bytes of each blob used as a sample (a 5 MB PDF should not outweigh 40 pages)
MAX_DICTIONARY = 512 * 1024
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
DELTA_MAGIC = b"PMdelta\x01"  # then the chain length (a byte), the base's SHA-256 (32 bytes), a zstd frame
DELTA_HEADER = len(DELTA_MAGIC) + 1 + 32
MAX_DELTA_CHAIN = 16  # reading a blob decompresses at most this many others
# No blob is read back larger than this (a body is at most [defaults] max_size, which may not exceed it): a frame
# planted in the data directory that declares 4 GiB is refused before anything is allocated.
MAX_BLOB_BYTES = 256 * 1024 * 1024
CLEARLY_SMALL = 0.05  # a delta under this share of the data is taken without trying the dictionary too


class BlobError(Exception):
    """A blob cannot be read back (missing, damaged, or its dictionary is missing)."""


def sha256(data: bytes) -> str:
    """The name of a blob: the SHA-256 of its bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def blob_path(data_dir: str | os.PathLike[str], digest: str) -> Path:
    return Path(data_dir) / "blobs" / digest[:2] / digest[2:]


def write_blob(data_dir: str | os.PathLike[str], digest: str, data: bytes, base: str | None = None, *,
               durable: bool = True) -> str:
    """Write ``data`` (uncompressed) as blob ``digest`` unless it is there already; as a delta of blob ``base`` (an
    earlier snapshot or version of the same thing) if that is smaller. ``durable=False`` skips the ``fsync``: the
    writer then owes a :func:`sync_blobs` before anything that refers to the blob is committed."""
    path = blob_path(data_dir, digest)
    if path.exists():
        return digest
    codec = _codec(data_dir)
    compressed = codec.compress(data, base)
    datadir.subfolder(datadir.subfolder(path.parent.parent) / path.parent.name)  # never through a planted link
    _write_atomically(path, compressed, durable)
    codec.written()
    return digest


def sync_blobs(data_dir: str | os.PathLike[str]) -> None:
    """Make every blob written so far with ``durable=False``, by any process, durable (one ``syncfs``)."""
    folder = Path(data_dir) / "blobs"
    if folder.is_dir():
        sync_filesystem(folder)


@dataclass(frozen=True, slots=True)
class WorkerBlobs:
    """The blobs of a data directory as a worker process writes them: it has no :class:`~monitor.store.Store` (no
    database), and a blob gets no ``fsync`` of its own, since the store that commits a row referring to it flushes
    the file system first (:meth:`~monitor.store.Store.batch`)."""

    data_dir: str | os.PathLike[str]

    def put_blob(self, data: bytes, digest: str | None = None, base: str | None = None) -> str:
        return write_blob(self.data_dir, digest or sha256(data), data, base, durable=False)


def read_blob(data_dir: str | os.PathLike[str], digest: str) -> bytes:
    """Blob ``digest``, uncompressed; :class:`FileNotFoundError` if there is none."""
    return _codec(data_dir).decompress(blob_path(data_dir, digest).read_bytes())


def _write_atomically(path: Path, data: bytes, durable: bool = True) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(data)
            if durable:
                output.flush()
                os.fsync(output.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class _Shared:
    """A zstd compressor's ``compress`` or a decompressor's ``decompress``, which threads take turns to run (a
    context is not thread-safe)."""

    def __init__(self, work: Callable[[bytes], bytes]) -> None:
        self._work = work
        self._lock = threading.Lock()

    def run(self, data: bytes) -> bytes:
        with self._lock:
            return self._work(data)


@dataclass(frozen=True, slots=True)
class Dictionary:
    id: int
    samples: int
    data: zstandard.ZstdCompressionDict


class _Codec:
    """One data directory's blob compression, in this process: its dictionaries, and when to train a new one."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.directory = data_dir / "dictionaries"
        self.current: Dictionary | None = None
        self._current_stamp: tuple[int, int, int] | None = None
        self._dictionaries: dict[int, zstandard.ZstdCompressionDict] = {}
        self._written = 0  # blobs this process wrote since it took the current dictionary (or tried to train)
        self._training = threading.Lock()
        # One zstd context of each kind per dictionary, shared by this process's threads under a lock (a context
        # per thread costs megabytes each; a page is compressed in a fraction of a millisecond).
        self._compressors: dict[int, _Shared] = {}
        self._decompressors: dict[int, _Shared] = {}

    # -- writing ------------------------------------------------------------------------------------------

    def compress(self, data: bytes, base: str | None = None) -> bytes:
        self._refresh()
        delta = self._delta(data, base) if base else None
        if delta is not None and len(delta) <= CLEARLY_SMALL * len(data):
            return delta
        whole = self._compressor(self.current).run(data)
        return delta if delta is not None and len(delta) < len(whole) else whole

    def _delta(self, data: bytes, base: str) -> bytes | None:
        try:
            stored = blob_path(self.data_dir, base).read_bytes()
            chain = stored[len(DELTA_MAGIC)] + 1 if stored.startswith(DELTA_MAGIC) else 1
            if chain > MAX_DELTA_CHAIN:
                return None
            reference = zstandard.ZstdCompressionDict(self.decompress(stored), dict_type=zstandard.DICT_TYPE_RAWCONTENT)
        except (OSError, ValueError, BlobError):  # no usable base: the blob is stored whole
            return None
        frame = zstandard.ZstdCompressor(level=LEVEL, dict_data=reference).compress(data)
        return DELTA_MAGIC + bytes([chain]) + bytes.fromhex(base) + frame

    def written(self) -> None:
        """Count a blob this process wrote; train a dictionary when it is time to."""
        self._written += 1
        if self._due():
            self._train()

    def _compressor(self, dictionary: Dictionary | None) -> _Shared:
        key = dictionary.id if dictionary else 0
        compressor = self._compressors.get(key)
        if compressor is None:
            compressor = self._compressors.setdefault(key, _Shared(zstandard.ZstdCompressor(
                level=LEVEL, dict_data=dictionary.data if dictionary else None).compress))
        return compressor

    def _refresh(self) -> None:
        """Take the dictionary that ``current`` names, if it changed since this process last looked."""
        try:
            status = (self.directory / "current").stat()
        except FileNotFoundError:
            return
        stamp = (status.st_ino, status.st_mtime_ns, status.st_size)
        if stamp == self._current_stamp:
            return
        try:
            pointer = json.loads((self.directory / "current").read_text(encoding="utf-8"))
            current = Dictionary(int(pointer["id"]), int(pointer["samples"]), self.dictionary(int(pointer["id"])))
        except (OSError, ValueError, KeyError, TypeError, BlobError) as error:
            log.warning("%s: ignoring a broken dictionaries/current (%s)", self.data_dir, error)
            self._current_stamp = stamp
            return
        self.current, self._current_stamp, self._written = current, stamp, 0
        self._compressors.clear()  # new blobs use only the new dictionary

    # -- training -----------------------------------------------------------------------------------------

    def _due(self) -> bool:
        if self.current is None:
            return self._written >= TRAIN_AFTER
        return self.current.samples < MAX_SAMPLES and self._written >= RETRAIN_FACTOR * self.current.samples

    def _train(self) -> None:
        if not self._training.acquire(blocking=False):
            return  # another thread of this process is training
        try:
            self._written = 0
            datadir.subfolder(self.directory)
            with os.fdopen(datadir.open_file(self.directory / ".lock", os.O_RDWR | os.O_CREAT), "r+b") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    return  # another process is training
                before = self.current
                self._refresh()
                if self.current is not before:
                    return  # another process trained one meanwhile
                paths = self._blob_paths()
                samples = self._samples(paths)
                if len(samples) < TRAIN_AFTER or (before and len(samples) <= before.samples):
                    return
                dictionary = train(samples, self._unused_id())
                del samples
                return_freed_memory()  # the samples' memory, or the process keeps the peak for good
                self.publish(dictionary)
                self._recompress(paths)
        except (OSError, zstandard.ZstdError, datadir.UnsafeDataDir) as error:
            log.warning("%s: could not train a compression dictionary (%s); blobs are written without one",
                        self.data_dir, error)
        finally:
            self._training.release()

    def _blob_paths(self) -> list[str]:
        paths = [entry.path for folder in os.scandir(self.data_dir / "blobs") if folder.is_dir()
                 for entry in os.scandir(folder.path) if not entry.name.startswith(".")]
        paths.sort()
        return paths

    def _recompress(self, paths: list[str]) -> None:
        """Compress again, with the new dictionary, the blobs written before it (which would otherwise stay the
        largest of a small watchlist's for good). Training stops once a dictionary has MAX_SAMPLES samples, early
        in a data directory's life, so these are a few hundred blobs at most. The content, so the name, is the
        same: a reader gets the old file or the new one, both whole; deltas that name one as their base are
        unaffected."""
        assert self.current is not None
        for path in paths:
            try:
                stored = Path(path).read_bytes()
                if not stored.startswith(ZSTD_MAGIC) or zstandard.get_frame_parameters(stored).dict_id == \
                        self.current.id:
                    continue  # a delta, a blob from before zstd (left as written), or one with this dictionary
                again = self._compressor(self.current).run(self.decompress(stored))
                if len(again) < len(stored):
                    _write_atomically(Path(path), again)
            except (OSError, BlobError, zstandard.ZstdError) as error:
                log.warning("%s: left %s as it was (%s)", self.data_dir, path, error)

    def _samples(self, paths: list[str]) -> list[bytes]:
        chosen = random.Random(len(paths)).sample(paths, min(MAX_SAMPLES, len(paths)))
        samples = []
        for path in chosen:
            try:
                samples.append(self.decompress(Path(path).read_bytes())[:SAMPLE_BYTES])
            except (OSError, BlobError):
                continue
        return [sample for sample in samples if sample]

    def _unused_id(self) -> int:
        while True:  # ids 1 to 32767 are zstd's reserved range
            candidate = int.from_bytes(os.urandom(4), "big") & 0x7FFFFFFF
            if candidate >= 32768 and not (self.directory / f"{candidate}.zdict").exists():
                return candidate

    def publish(self, dictionary: Dictionary) -> None:
        """Store ``dictionary`` for good, then make it the one new blobs use."""
        datadir.subfolder(self.directory)
        path = self.directory / f"{dictionary.id}.zdict"
        if path.exists():
            raise FileExistsError(f"{path} exists: a dictionary's id is never reused")
        _write_atomically(path, dictionary.data.as_bytes())
        pointer = json.dumps({"id": dictionary.id, "samples": dictionary.samples}).encode()
        _write_atomically(self.directory / "current", pointer)
        self._dictionaries[dictionary.id] = dictionary.data
        self._refresh()
        log.info("%s: compression dictionary %d trained on %d blobs (%d KB)", self.data_dir, dictionary.id,
                 dictionary.samples, len(dictionary.data.as_bytes()) // 1024)

    # -- reading ------------------------------------------------------------------------------------------

    def dictionary(self, dictionary_id: int) -> zstandard.ZstdCompressionDict:
        known = self._dictionaries.get(dictionary_id)
        if known is None:
            path = self.directory / f"{dictionary_id}.zdict"
            try:
                known = zstandard.ZstdCompressionDict(path.read_bytes())
            except FileNotFoundError:
                raise BlobError(f"compression dictionary {path} is missing") from None
            self._dictionaries[dictionary_id] = known
        return known

    def decompress(self, data: bytes, chain: int = 0) -> bytes:
        """``chain``: how many deltas deep this read is; a loop of deltas (one naming itself) ends at the limit."""
        if data.startswith(DELTA_MAGIC):
            if chain >= MAX_DELTA_CHAIN:
                raise BlobError(f"a chain of more than {MAX_DELTA_CHAIN} deltas (a loop?)")
            return self._undelta(data, chain + 1)
        if not data.startswith(ZSTD_MAGIC):
            return _inflate(data)  # a blob from before zstd
        try:
            dictionary_id = _checked_frame(data).dict_id
            decompressor = self._decompressors.get(dictionary_id)
            if decompressor is None:
                dictionary = self.dictionary(dictionary_id) if dictionary_id else None
                decompressor = self._decompressors.setdefault(
                    dictionary_id, _Shared(zstandard.ZstdDecompressor(dict_data=dictionary).decompress))
            return decompressor.run(data)
        except zstandard.ZstdError as error:
            raise BlobError(f"a damaged blob ({error})") from None

    def _undelta(self, data: bytes, chain: int) -> bytes:
        if len(data) < DELTA_HEADER:  # a delta cut short names no base: not a path to read
            raise BlobError("a damaged blob (a delta header cut short)")
        base = data[len(DELTA_MAGIC) + 1:DELTA_HEADER].hex()
        try:
            reference = self.decompress(blob_path(self.data_dir, base).read_bytes(), chain)
        except FileNotFoundError:
            raise BlobError(f"blob {base}, which it is a delta of, is missing") from None
        try:
            _checked_frame(data[DELTA_HEADER:])
            dictionary = zstandard.ZstdCompressionDict(reference, dict_type=zstandard.DICT_TYPE_RAWCONTENT)
            return zstandard.ZstdDecompressor(dict_data=dictionary).decompress(data[DELTA_HEADER:])
        except zstandard.ZstdError as error:
            raise BlobError(f"a damaged blob ({error})") from None


def _checked_frame(frame: bytes) -> zstandard.FrameParameters:
    """The frame's parameters, once its declared size is known to be within MAX_BLOB_BYTES: zstd allocates the
    whole declared size before it decompresses a byte. Every blob this module writes declares its size."""
    parameters = zstandard.get_frame_parameters(frame)
    if parameters.content_size == zstandard.CONTENTSIZE_UNKNOWN:
        raise BlobError("a blob that does not declare its size (not written by policy-monitor)")
    if parameters.content_size > MAX_BLOB_BYTES:
        raise BlobError(f"a blob declaring {parameters.content_size:,} bytes, over the {MAX_BLOB_BYTES:,} limit")
    return parameters


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(data, MAX_BLOB_BYTES)
    except zlib.error as error:
        raise BlobError(f"not a blob ({error})") from None
    if inflater.unconsumed_tail:
        raise BlobError(f"a blob inflating to more than the {MAX_BLOB_BYTES:,}-byte limit")
    if not inflater.eof:
        raise BlobError("not a blob (a zlib stream cut short)")
    return inflated


def train(samples: list[bytes], dictionary_id: int) -> Dictionary:
    """A dictionary trained on ``samples``, sized at about 1/32 of them (zstd wants ~100× its size in samples,
    and does worse when a dictionary is large for its samples)."""
    total = sum(map(len, samples))
    size = max(16 * 1024, min(MAX_DICTIONARY, total // 32))
    # Fixed fastCover parameters (segments of 2 KB, 8-byte d-mers, 2^18 frequency table): zstd's own search for
    # them costs far more for little (docs/decisions/blob-storage.md).
    buffers: list[bytes | bytearray | memoryview] = list(samples)  # the stubs take a list of any buffer
    data = zstandard.train_dictionary(size, buffers, k=2048, d=8, f=18, level=LEVEL, dict_id=dictionary_id)
    return Dictionary(data.dict_id(), len(samples), data)


_codecs: dict[str, _Codec] = {}
_codecs_lock = threading.Lock()


def _codec(data_dir: str | os.PathLike[str]) -> _Codec:
    key = os.fspath(data_dir)
    codec = _codecs.get(key)
    if codec is None:
        with _codecs_lock:
            codec = _codecs.setdefault(key, _Codec(Path(key)))
    return codec
