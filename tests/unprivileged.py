"""Running a command the way an ordinary user would: root reads mode-000 files anyway, unless it gives up the two
capabilities that let it (CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH) before the command starts."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

PR_CAPBSET_DROP = 24
FILE_PERMISSION_CAPABILITIES = (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


def _drop_file_permission_capabilities() -> None:
    """In the child before exec: out of the bounding set, the capabilities are gone from the new program."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in FILE_PERMISSION_CAPABILITIES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@cache
def permissions_apply() -> Callable[[], None] | None:
    """A preexec_fn under which file modes are enforced (None when they already are: not root)."""
    if os.geteuid() != 0:
        return None
    try:
        subprocess.run([sys.executable, "-c", ""], preexec_fn=_drop_file_permission_capabilities, check=True)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("running as root without the right to drop capabilities: file modes cannot be enforced")
    return _drop_file_permission_capabilities


def studybot(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with file modes enforced even for root."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *map(str, args)], input=stdin, capture_output=True, text=True, timeout=60,
        check=False, preexec_fn=permissions_apply(),
    )
