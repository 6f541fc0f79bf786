"""Safe outputs: write beside the target, put in place only on success, and never destroy
what engagemap did not write.

On an error or Ctrl-C nothing partial is left and an existing output is untouched.

* A file output replaces only a regular file (never a folder, a symbolic link, a device,
  a FIFO or a socket).
* A folder output goes in whole when the target is absent; into an existing folder only
  when it is empty or engagemap wrote it (it holds the manifest :data:`MANIFEST`, which
  lists the files engagemap wrote there: only those are replaced or removed). Any other
  folder is refused, unless ``force``: then the new files are added, replacing files of
  the same name, and nothing else is removed.
* The swap is made under a lock on the parent folder, and only if the target has not
  changed since the write began: of two writers to one target, one wins whole, the other
  fails with a sentence and leaves nothing behind.

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_file(target) as f:
...     _ = f.write("done")
>>> target.read_text()
'done'
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .exceptions import OutputError

__all__ = ["atomic_file", "atomic_path", "atomic_folder", "MANIFEST", "refuse_same_place", "written_here"]

#: The file that marks a folder engagemap wrote, listing the files it wrote there.
MANIFEST = ".engagemap-output"
_MANIFEST_HEAD = "# written by engagemap: the files below are replaced or removed when it writes here again\n"


def _default_mode(path: Path, folder: bool) -> None:
    """mkstemp/mkdtemp make private files; give the output the usual permissions."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, (0o777 if folder else 0o666) & ~umask)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a file"


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise OutputError(f"cannot write {path}: a part of its path is a file, not a folder") from None
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror}") from None


def _fingerprint(path: Path, folder: bool) -> tuple | None:
    """What tells whether ``path`` changed while we wrote (for a folder: its manifest too)."""
    st = _lstat(path)
    if st is None:
        return None
    found: tuple = (st.st_mode, st.st_ino, st.st_mtime_ns, st.st_size)
    if folder and stat.S_ISDIR(st.st_mode):
        manifest = _lstat(path / MANIFEST)
        found += (None if manifest is None else (manifest.st_ino, manifest.st_mtime_ns, manifest.st_size),)
    return found


def _prepare_parent(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(f"cannot write {target}: a part of its path is a file, not a folder") from None
    except OSError as err:
        raise OutputError(f"cannot write {target}: cannot make its folder ({err.strerror})") from None


def _absolute(target: str | os.PathLike) -> Path:
    """``target`` made absolute without following links (so ``-o .`` names the folder itself)."""
    return Path(os.path.abspath(os.fspath(target)))


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (the parent of a target) while swapping outputs in."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # a folder we may write into but not read: no lock, the fingerprint check remains
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _changed(target: Path) -> OutputError:
    return OutputError(f"{target} changed while engagemap was writing it (another program or a second engagemap "
                       f"wrote there at the same time); nothing was written, run the command again")


def _check_file_target(target: Path) -> tuple | None:
    st = _lstat(target)
    if st is not None and not stat.S_ISREG(st.st_mode):
        what = _kind(st.st_mode)
        hint = "; give the name of a file to write" if what == "a folder" else ""
        raise OutputError(f"{target} is {what}; engagemap writes only regular files and will not replace it{hint}")
    return _fingerprint(target, folder=False)


@contextmanager
def atomic_path(target: str | os.PathLike, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary file path beside ``target``; rename it to ``target`` on success.

    Raises
    ------
    OutputError
        when ``target`` is a folder, a link, a device, a FIFO or a socket, or changed while
        writing.
    """
    target = _absolute(target)
    before = _check_file_target(target)
    _prepare_parent(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix + ".part", dir=target.parent)
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror}") from None
    os.close(fd)
    tmp_path = Path(tmp)
    _default_mode(tmp_path, folder=False)
    try:
        try:
            yield tmp_path
        except OSError as err:  # the disk is full, the device failed
            raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
        with _locked(target.parent):
            if _check_file_target(target) != before:
                raise _changed(target)
            try:
                os.replace(tmp_path, target)
            except OSError as err:
                raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_file(target: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside ``target`` for writing; rename it into place on success."""
    with atomic_path(target, suffix=Path(target).suffix) as tmp:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline}
        with open(tmp, mode, **kwargs) as handle:
            yield handle


def written_here(folder: Path) -> set[str] | None:
    """The files the manifest of ``folder`` lists, or ``None`` when engagemap did not write it."""
    manifest = folder / MANIFEST
    st = _lstat(manifest)
    if st is None or not stat.S_ISREG(st.st_mode) or st.st_size > 1_000_000:
        return None
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return {line for line in lines
            if line and not line.startswith("#") and line not in (".", "..", MANIFEST) and "/" not in line
            and "\\" not in line and "\x00" not in line}


def _check_folder_target(target: Path, force: bool) -> None:
    """Refuse a target engagemap may not write into (see the module's notes)."""
    st = _lstat(target)
    if st is None:
        return
    if not stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{target} is {_kind(st.st_mode)}, not a folder; engagemap writes this output as a "
                          f"folder and will not replace it; give a new folder name")
    if force or written_here(target) is not None:
        return
    try:
        entries = os.listdir(target)
    except OSError as err:
        raise OutputError(f"cannot write into {target}: {err.strerror}") from None
    if entries:
        raise OutputError(f"{target} is a folder that engagemap did not write and it is not empty "
                          f"({len(entries)} entr{'ies' if len(entries) != 1 else 'y'}); give a new or empty folder, "
                          f"or --force to add the output to it (files of the same names are replaced, nothing "
                          f"else is removed)")


def _merge(tmp: Path, target: Path) -> None:
    """Move the files of ``tmp`` into the existing folder ``target``; remove the files the old
    manifest listed that the new output does not hold; write the new manifest last."""
    old = written_here(target) or set()
    new = sorted(p.name for p in tmp.iterdir() if p.name != MANIFEST)
    for name in new:
        there = _lstat(target / name)
        if there is not None and not stat.S_ISREG(there.st_mode):
            raise OutputError(f"{target / name} is {_kind(there.st_mode)}; engagemap will not replace it with "
                              f"the file of that name it writes")
    for name in new:
        os.replace(tmp / name, target / name)
    for name in sorted(old - set(new)):
        path = target / name
        there = _lstat(path)
        if there is not None and stat.S_ISREG(there.st_mode):
            path.unlink()
    os.replace(tmp / MANIFEST, target / MANIFEST)


@contextmanager
def atomic_folder(target: str | os.PathLike, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; on success its files go to ``target``.

    An absent ``target`` is replaced whole (one rename). Into an existing folder (empty,
    written by engagemap, or any with ``force``) the files are moved one by one: only the
    files engagemap wrote there before are replaced or removed, so a file it did not write
    survives. A manifest, :data:`MANIFEST`, lists what was written.

    Raises
    ------
    OutputError
        when ``target`` is not a folder, is a folder engagemap did not write that is not
        empty (without ``force``), or changed while writing.
    """
    target = _absolute(target)
    _check_folder_target(target, force)
    before = _fingerprint(target, folder=True)
    _prepare_parent(target)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror}") from None
    _default_mode(tmp, folder=True)
    try:
        yield tmp
        names = sorted(p.name for p in tmp.iterdir())
        (tmp / MANIFEST).write_text(_MANIFEST_HEAD + "".join(n + "\n" for n in names), encoding="utf-8")
        with _locked(target.parent):
            if _fingerprint(target, folder=True) != before:
                raise _changed(target)
            if before is None:
                os.rename(tmp, target)
            else:
                _check_folder_target(target, force)
                _merge(tmp, target)
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def refuse_same_place(output: str | os.PathLike, *inputs: str | os.PathLike) -> None:
    """Raise :class:`OutputError` when ``output`` is one of ``inputs``, holds one, or is inside one
    (a command would then overwrite what it reads).

    >>> refuse_same_place("/tmp/a.json", "/tmp/a.json")
    Traceback (most recent call last):
    graphmodel.exceptions.OutputError: the output /tmp/a.json is the input /tmp/a.json; give another name
    """
    out = os.path.realpath(os.fspath(output))
    for given in inputs:
        source = os.path.realpath(os.fspath(given))
        if out == source or (os.path.exists(out) and os.path.exists(source) and os.path.samefile(out, source)):
            raise OutputError(f"the output {output} is the input {given}; give another name")
        if out.startswith(source.rstrip(os.sep) + os.sep):
            raise OutputError(f"the output {output} is inside the input {given}; give a name outside it")
        if source.startswith(out.rstrip(os.sep) + os.sep):
            raise OutputError(f"the output {output} would hold the input {given}; give another name")

