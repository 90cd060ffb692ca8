"""Alerts (see :mod:`monitor.notify.messages`); this package re-exports the names the rest of the code uses."""

from monitor.notify.messages import *  # noqa: F403
from monitor.notify.messages import _context, _environment, _template  # noqa: F401
