"""The data directory: created private to its owner, and refused when another user could plant files in it.

Whoever can write to the data directory can plant a symbolic link where the monitor writes (``daemon.lock``,
``blobs/``): the monitor would then truncate or write a file elsewhere with its owner's rights. So the directory
must belong to the user running the monitor and be writable by nobody else, and the files and folders the monitor
creates in it are opened without following a symbolic link (``O_NOFOLLOW``), a planted one being refused.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class UnsafeDataDir(ValueError):
    """A data directory, or a path in it, that another user could have planted: the message says what to do."""


def prepare(data_dir: str | os.PathLike[str]) -> Path:
    """Create the data directory (and missing parents) ``0700`` whatever the umask, then check it is safe."""
    directory = Path(data_dir)
    old_umask = os.umask(0o077)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    finally:
        os.umask(old_umask)
    check(directory)
    return directory


def check(directory: Path) -> None:
    status = directory.stat()  # the data directory itself may be a symbolic link its owner made
    if not stat.S_ISDIR(status.st_mode):
        raise UnsafeDataDir(f"{directory} is not a folder")
    if status.st_uid != os.geteuid():
        raise UnsafeDataDir(f"{directory} belongs to user id {status.st_uid}, not to the user running "
                            "policy-monitor: use a data directory of your own")
    if status.st_mode & stat.S_IWOTH:
        raise UnsafeDataDir(f"{directory} is writable by every user: make it private (chmod 700 {directory})")


def subfolder(path: Path) -> Path:
    """A folder of the data directory (``blobs/``, ``blobs/ab/``, ``dictionaries/``), created ``0700`` if missing;
    a symbolic link or a file in its place is refused."""
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            raise UnsafeDataDir(f"{path} is a symbolic link or a file, not a folder: refused (remove it; "
                                "policy-monitor creates the folder)") from None
    return path


def open_file(path: Path, flags: int, mode: int = 0o600) -> int:
    """``os.open`` that refuses a symbolic link in the file's place."""
    try:
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeDataDir(f"{path} is a symbolic link: refused (remove it; policy-monitor creates the "
                                "file)") from None
        raise
