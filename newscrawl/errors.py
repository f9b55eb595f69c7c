"""Errors a user's command line can cause: one clear line, not a traceback's worth.

``UsageError``: the arguments name nothing that exists (an unknown region). The
scheduled-runs helper maps it to exit code 2.
"""


class UsageError(Exception):
    """A bad argument; the message is the one line the user reads."""
