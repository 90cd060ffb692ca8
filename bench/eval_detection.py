"""Evaluate the AI-clause detector on the labelled corpus and print the figures, misses and false alarms.

    python bench/eval_detection.py [CORPUS]      (default: ../shared/corpus beside the repository)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.evaluate import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
