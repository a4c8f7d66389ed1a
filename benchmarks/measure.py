"""Run one command to its end and print what it cost: wall time, CPU of the whole process tree,
peak summed RSS of the tree (and of the main process), sampled every 0.25 s.

    .venv/bin/python benchmarks/measure.py .venv/bin/searcher index CORPUS --index DIR [...]

The measurement behind the memory and update figures of issue 13 in BENCHMARKS.md.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import run_measured  # noqa: E402


def main(argv: list[str]) -> int:
    if not argv:
        raise SystemExit(__doc__)
    result = run_measured(argv)
    print(json.dumps({"command": result.command, "returncode": result.returncode,
                      "wall_s": result.wall_s, "cpu_s": result.cpu_s, "stdout": result.stdout[-300:],
                      "stderr": result.stderr[-500:], **result.tree}, indent=1, ensure_ascii=False))
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
