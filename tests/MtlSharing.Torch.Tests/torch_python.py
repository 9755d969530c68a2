"""Shared by the fixture recording scripts: makes sure the script runs under a Python with torch."""
import os
import subprocess
import sys

SYSTEM_PYTHON = "/usr/bin/python3"


def ensure_torch():
    """Re-runs the calling script under the system Python when the current one has no torch."""
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and os.path.exists(SYSTEM_PYTHON):
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import torch"], capture_output=True)
        if probe.returncode == 0:
            sys.exit(subprocess.call([SYSTEM_PYTHON, *sys.argv]))
    sys.exit("no Python with torch found; install torch 1.13 or python3-torch")
