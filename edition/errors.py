"""The one exception type a user sees.

:class:`EditionError` is raised for anything the user can fix (a bad source, a malformed
corrections file, an overlap, an unknown id). It is a ``ValueError`` so library callers can treat
it as one; the CLI turns it into one line on stderr and exit code 1.
"""


class EditionError(ValueError):
    """A problem with the user's input, stated in one line that says what to do."""
