"""The state file is never guessed: damaged or empty files are refused, the lock holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newscrawl.errors import ConfigError
from newscrawl.state.store import DamagedState, StateLocked, StateStore


def filled(path: Path, count: int = 300) -> Path:
    store = StateStore(path)
    for n in range(count):
        store.remember(f"https://a.example/{n}", "h" * 64, None, "2024-06-19T00:00:00+00:00")
    store.close()
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    return path


def test_an_empty_existing_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "s.sqlite").write_bytes(b"")
    with pytest.raises(DamagedState, match=r"0 bytes.*Recover: keep a copy") as raised:
        StateStore(tmp_path / "s.sqlite")
    assert isinstance(raised.value, ConfigError)  # exit code 2, one line


def test_a_damaged_page_is_refused(tmp_path: Path) -> None:
    path = filled(tmp_path / "s.sqlite")
    with path.open("rb+") as handle:  # page 3 of 4096 bytes: inside the articles b-tree
        handle.seek(2 * 4096)
        handle.write(b"\xff" * 4096)
    with pytest.raises(DamagedState, match="is damaged"):
        StateStore(path)


def test_a_sound_file_opens(tmp_path: Path) -> None:
    assert StateStore(filled(tmp_path / "s.sqlite")).count() == 300


def test_the_lock_holds_through_a_symlink(tmp_path: Path) -> None:
    real = StateStore(tmp_path / "s.sqlite")
    (tmp_path / "link.sqlite").symlink_to(tmp_path / "s.sqlite")
    via_link = StateStore(tmp_path / "link.sqlite")
    real.lock()
    with pytest.raises(StateLocked):
        via_link.lock()
    real.close()
    via_link.close()
