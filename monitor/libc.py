"""Three glibc calls that Python's standard library lacks (each a no-op where they are not available).

- :func:`limit_arenas`: fewer glibc heaps ("arenas") for a process that writes blobs from several threads, which
  otherwise keeps what each thread freed (docs/decisions/malloc-arenas.md).
- :func:`return_freed_memory`: hands freed heap back to the system (glibc keeps freed blocks under 128 KB).
- :func:`sync_filesystem`: ``syncfs(2)``, one flush of a file system for a whole batch of blobs instead of an
  ``fsync`` each (as git's ``core.fsyncMethod = batch``); ``os.sync()`` where there is no ``syncfs``.
"""

from __future__ import annotations

import ctypes
import os
from functools import cache

_M_ARENA_MAX = -8  # from glibc's malloc.h


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        # The symbols the process has already loaded, glibc's among them: no search for the library (which
        # ctypes.util.find_library does by running ldconfig) at every start of the command and of each worker.
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def limit_arenas(arenas: int = 2) -> None:
    """Call early in a process, before its threads start allocating."""
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(_M_ARENA_MAX, arenas)


def return_freed_memory() -> None:
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def sync_filesystem(path: str | os.PathLike[str]) -> None:
    """Flush to disk everything written to the file system that holds ``path``, by any process."""
    libc = _libc()
    if libc is None or not hasattr(libc, "syncfs"):
        os.sync()
        return
    handle = os.open(path, os.O_RDONLY)
    try:
        if libc.syncfs(handle) != 0:
            error = ctypes.get_errno()
            raise OSError(error, f"syncfs: {os.strerror(error)}", os.fspath(path))
    finally:
        os.close(handle)
