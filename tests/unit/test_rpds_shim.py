"""guide/browser/rpds.py, the plain-Python stand-in for rpds-py that the browser's check imports under the name
``rpds`` (rpds-py has no wheel Pyodide can install): each operation that referencing and jsonschema use gives
what rpds-py itself gives, on any keys and values (hypothesis), and leaves the original as it was."""

from __future__ import annotations

import importlib.util

import rpds
from hypothesis import given
from hypothesis import strategies as st

from guide.browser.assets import SHIM

_spec = importlib.util.spec_from_file_location("rpds_shim", SHIM)
assert _spec is not None and _spec.loader is not None
shim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shim)

# One kind of key per collection, as referencing's (addresses; (address, anchor) pairs): rpds-py itself panics
# when it compares a text with a tuple.
keys = st.text(max_size=3)
maps = st.dictionaries(keys, st.integers(), max_size=6)


@given(maps, keys, st.integers(), maps)
def test_the_map_behaves_as_rpds_hash_trie_map(items, key, value, other):
    mine, theirs = shim.HashTrieMap(items), rpds.HashTrieMap(items)
    assert dict(mine.insert(key, value)) == dict(theirs.insert(key, value))
    assert dict(mine.discard(key)) == dict(theirs.discard(key))
    assert dict(mine.update(other)) == dict(theirs.update(other))
    assert dict(shim.HashTrieMap.convert(items)) == dict(rpds.HashTrieMap.convert(items))
    assert dict(shim.HashTrieMap((k, v) for k, v in items.items())) == items
    assert mine.get(key) == theirs.get(key) and (key in mine) == (key in theirs) and len(mine) == len(theirs)
    if key in items:
        assert dict(mine.remove(key)) == dict(theirs.remove(key))
    assert dict(mine) == items  # unchanged: every operation returns a new map
    assert shim.HashTrieMap.convert(mine) is mine


@given(st.frozensets(keys, max_size=6), keys, st.frozensets(keys, max_size=4))
def test_the_set_behaves_as_rpds_hash_trie_set(items, item, other):
    mine, theirs = shim.HashTrieSet(items), rpds.HashTrieSet(items)
    assert set(mine.insert(item)) == set(theirs.insert(item))
    assert set(mine.discard(item)) == set(theirs.discard(item))
    assert set(mine.update(other)) == set(theirs.update(other))
    assert (item in mine) == (item in theirs) and len(mine) == len(theirs) and set(mine) == set(items)


@given(st.lists(st.integers(), max_size=5), st.integers())
def test_the_list_behaves_as_rpds_list(items, item):
    mine, theirs = shim.List(items), rpds.List(items)
    assert list(mine.push_front(item)) == list(theirs.push_front(item))
    assert list(mine) == list(theirs) and bool(mine) == bool(theirs) and len(mine) == len(list(theirs))
    if items:
        assert mine.first == theirs.first and list(mine.rest) == list(theirs.rest)
