"""The process around newslint under attack (issue 27, item 12): full or closed standard
streams, a deleted working folder and a scheduler address where something else answers.  Each
runs the real entry point in a fresh process (these cannot be faked in-process) and must end in
one line on standard error and exit 2, never a traceback, a signal or a hang."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REPO

ARTICLE = "Budget talks resume\n\nThe minister said the the talks would resume on Monday.\n"
SECONDS = 60


def _newslint(
    folder: Path,
    *args: str,
    close: tuple[int, ...] = (),
    stdout: object = subprocess.PIPE,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def closing() -> None:
        for fd in close:
            os.close(fd)

    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd or folder,
        env=env,
        stdin=subprocess.DEVNULL if 0 not in close else None,
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        preexec_fn=closing if close else None,
        timeout=SECONDS,
    )


def _one_line(proc: subprocess.CompletedProcess[bytes], code: int, message: str) -> None:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert proc.returncode == code, (proc.returncode, err)
    lines = [line for line in err.splitlines() if line.startswith("newslint:")]
    assert lines == [f"newslint: {message}"], err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE)
    return tmp_path


posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX descriptors and /dev/full")


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_output_to_a_full_disk(folder: Path, fmt: str) -> None:
    with open("/dev/full", "wb") as full:
        proc = _newslint(folder, "check", "--no-progress", "-f", fmt, "a.txt", stdout=full)
    _one_line(proc, 2, "cannot write standard output: No space left on device")


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_output_file_on_a_full_disk(folder: Path) -> None:
    proc = _newslint(folder, "check", "--no-progress", "-o", "/dev/full", "a.txt")
    _one_line(proc, 2, "/dev/full: cannot write output: No space left on device")


@posix_only
def test_closed_standard_output(folder: Path) -> None:
    proc = _newslint(folder, "check", "--no-progress", "a.txt", close=(1,), stdout=None)
    _one_line(proc, 2, "cannot write standard output: standard output is closed")


@posix_only
def test_closed_standard_output_with_an_output_file_is_fine(folder: Path) -> None:
    proc = _newslint(folder, "check", "--no-progress", "-o", "out.txt", "a.txt", close=(1,), stdout=None)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert "a.txt:3:23: warning [repeated-word]" in (folder / "out.txt").read_text()


@posix_only
def test_closed_standard_input(folder: Path) -> None:
    proc = _newslint(folder, "check", "--no-progress", "-", close=(0,))
    _one_line(proc, 2, "standard input is closed")


@posix_only
def test_closed_standard_error_still_exits_with_the_status(folder: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--no-progress", "a.txt"],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=False,
        stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
        timeout=SECONDS,
    )
    assert proc.returncode == 1 and b"repeated-word" in proc.stdout


@posix_only
def test_a_deleted_working_folder(folder: Path) -> None:
    gone = folder / "gone"
    gone.mkdir()
    proc = subprocess.run(
        [
            "sh",
            "-c",
            'cd "$1" && rmdir "$1" && exec "$2" -m newslint check "$3"',
            "sh",
            gone,
            sys.executable,
            folder / "a.txt",
        ],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        timeout=SECONDS,
    )
    _one_line(proc, 2, "cannot use the working folder: No such file or directory (deleted?)")


@pytest.fixture
def garbage_server() -> Iterator[int]:
    """A loopback TCP server (this test's own, on 127.0.0.1 only) that answers with garbage."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()

    def answer(conn: socket.socket) -> None:
        with conn:
            try:
                conn.sendall(b"\xff" * 64 + b"HTTP/1.0 200 OK\r\n\r\nnot dask" * 20)
                conn.settimeout(5)
                conn.recv(65536)
            except OSError:
                pass

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(5)
    server.close()


def test_a_scheduler_address_where_something_else_answers(folder: Path, garbage_server: int) -> None:
    pytest.importorskip("distributed")
    address = f"tcp://127.0.0.1:{garbage_server}"
    proc = _newslint(folder, "check", "--no-progress", "--engine", "dask", "--scheduler", address, "a.txt")
    err = proc.stderr.decode()
    assert "Traceback" not in err and proc.returncode == 2, err
    assert (
        err.startswith(f"newslint: {address} did not answer as a Dask scheduler") and err.count("\n") == 1
    ), err


OTHER_COMMANDS = [
    ("rules",),
    ("explain", "spelling"),
    ("--version",),
    ("--help",),
    ("clean",),
    ("rules", "test"),
]


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", OTHER_COMMANDS, ids=" ".join)
def test_every_command_on_a_full_disk(folder: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        proc = _newslint(folder, *args, stdout=full)
    _one_line(proc, 2, "cannot write standard output: No space left on device")


@posix_only
@pytest.mark.parametrize("args", OTHER_COMMANDS[:3], ids=" ".join)
def test_every_command_with_standard_output_closed(folder: Path, args: tuple[str, ...]) -> None:
    proc = _newslint(folder, *args, close=(1,), stdout=None)
    _one_line(proc, 2, "cannot write standard output: standard output is closed")
