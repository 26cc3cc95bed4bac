"""A bounded memo of work that depends on a word form and on evidence that does not change
while it is kept, not on the document being read.

The word model (:mod:`.readings`) reads each form of a text once per document; in a corpus the
same forms come back in document after document. A form's searches among English and the
corpus's recurring words (the confusion search, the deep search, the search among the corpus's
frequent forms) are the same in every document of the corpus, so each corpus
(:class:`.vocabulary.CorpusVocabulary`) keeps one :class:`FormMemo` per search; what depends on
the document (its own words, counts, noise) is never kept here.

A memo is tied to the lexicon it was made with (``owner``): asked with another (a test that
swaps the lexicon), it starts empty.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")

#: Forms kept per memo. A form's entry is a few readings at most (most forms have none: a tuple
#: of ~100 bytes; ~1 KB with readings), so 100,000 forms stay well under 100 MB a worker; the
#: ICDAR 2017 development set has ~60,000 distinct forms in 207,000 words, so a corpus of such
#: text keeps most of its recurring forms.
MAX_FORMS = 100_000


class FormMemo:
    """Key → value, at most :data:`MAX_FORMS` entries, the least recently used dropped first."""

    def __init__(self, max_forms: int = MAX_FORMS) -> None:
        self.max_forms = max_forms
        self._owner: object = None
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()  # documents may be analysed in threads (a Dask worker)

    def get(self, owner: object, key: Hashable, make: Callable[[], T]) -> T:
        """The value for ``key`` made with ``owner`` (the lexicon set), made by ``make()`` once."""
        with self._lock:
            if owner is not self._owner:
                self._items.clear()
                self._owner = owner
            try:
                value = self._items[key]
                self._items.move_to_end(key)
                return value  # type: ignore[return-value]
            except KeyError:
                pass
        value = make()
        with self._lock:
            if owner is self._owner:
                self._items[key] = value
                if len(self._items) > self.max_forms:
                    self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._owner = None

    def __len__(self) -> int:
        return len(self._items)

    def holds(self, owner: object, key: Hashable) -> bool:
        """True when ``key``'s value made with ``owner`` is kept (the order of use unchanged)."""
        with self._lock:
            return owner is self._owner and key in self._items
