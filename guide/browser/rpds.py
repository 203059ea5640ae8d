"""The part of ``rpds`` (rpds-py) that ``referencing`` and ``jsonschema`` use, in plain Python, for Pyodide only.

rpds-py is written in Rust: the package registry has no wheel of it that Pyodide can install (no pure-Python
wheel, no WebAssembly one; Pyodide's own build is on its CDN, which the site does not call). ``referencing`` and
``jsonschema`` only build small persistent maps, sets and lists with it (the schemas' registry, the type
checkers), so copies of a dict, a frozenset and a tuple behave the same at this size. The browser's content
check writes this file as the top-level module ``rpds`` (``guide.browser.checker``); the server keeps rpds-py.
``tests/pyodide/run-check.mjs`` and ``tests/unit/test_browser_check.py`` run the check through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class HashTrieMap(Mapping):
    __slots__ = ("_items",)

    def __init__(self, value=(), **kwargs):
        self._items = dict(value.items() if isinstance(value, Mapping) else value, **kwargs)

    @classmethod
    def convert(cls, value):
        return value if isinstance(value, cls) else cls(value)

    def __getitem__(self, key):
        return self._items[key]

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __hash__(self):
        return hash(frozenset(self._items.items()))

    def __repr__(self):
        return f"HashTrieMap({self._items!r})"

    def insert(self, key, value):
        items = dict(self._items)
        items[key] = value
        return HashTrieMap(items)

    def remove(self, key):
        items = dict(self._items)
        del items[key]
        return HashTrieMap(items)

    def discard(self, key):
        return self.remove(key) if key in self._items else self

    def update(self, *mappings, **kwargs):
        items = dict(self._items)
        for mapping in mappings:
            items.update(mapping.items() if isinstance(mapping, Mapping) else mapping)
        items.update(kwargs)
        return HashTrieMap(items)


class HashTrieSet:
    __slots__ = ("_items",)

    def __init__(self, value: Iterable = ()):
        self._items = frozenset(value)

    def __contains__(self, item):
        return item in self._items

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __eq__(self, other):
        return isinstance(other, HashTrieSet) and self._items == other._items

    def __hash__(self):
        return hash(self._items)

    def __repr__(self):
        return f"HashTrieSet({set(self._items)!r})"

    def insert(self, item):
        return HashTrieSet(self._items | {item})

    def discard(self, item):
        return HashTrieSet(self._items - {item})

    def remove(self, item):
        if item not in self._items:
            raise KeyError(item)
        return self.discard(item)

    def update(self, *iterables):
        return HashTrieSet(self._items.union(*iterables))


class List:
    __slots__ = ("_items",)

    def __init__(self, value: Iterable = ()):
        self._items = tuple(value)

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)

    def __eq__(self, other):
        return isinstance(other, List) and self._items == other._items

    def __hash__(self):
        return hash(self._items)

    def __repr__(self):
        return f"List({list(self._items)!r})"

    @property
    def first(self):
        return self._items[0]

    @property
    def rest(self):
        return List(self._items[1:])

    def push_front(self, item):
        return List((item, *self._items))
