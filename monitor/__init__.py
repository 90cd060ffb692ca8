"""policy-monitor: watch platforms' privacy policies and terms for AI-training clauses, and alert on change.

The stages, one module each, usable alone: :mod:`monitor.watchlist` → :mod:`monitor.fetch` →
:mod:`monitor.extract` → :mod:`monitor.guard` → :mod:`monitor.store` → :mod:`monitor.diff` →
:mod:`monitor.classify` → :mod:`monitor.notify`; :mod:`monitor.pipeline` runs them for one document,
:mod:`monitor.scheduler` and :mod:`monitor.cli` sit on top.
"""

__version__ = "0.1.0"
