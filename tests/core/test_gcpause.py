"""The cycle collector pause used while the tagger's tables load."""

from __future__ import annotations

import gc

import pytest

from newsmap.gcpause import collector_paused


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: the inner block leaves it off for the outer
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_the_tagger_leaves_the_collector_on() -> None:
    from newsmap.tagpool import warm_up_tagger

    warm_up_tagger()
    assert gc.isenabled()


def test_freeze_puts_what_the_block_made_out_of_the_collectors_reach() -> None:
    gc.collect()
    try:
        with collector_paused(freeze=True):
            tables = [[n] for n in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(tables)
        assert gc.get_count()[0] < len(tables)  # no young objects left to walk
    finally:
        gc.unfreeze()
