"""Corrections: applied by every build, kept through --rebuild and edits elsewhere in the
article, reported (not lost) when their target disappears, and exported as gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmap.corpus import read_article
from newsmap.corrections import (
    Action,
    append_correction,
    apply_corrections,
    corrections_path,
    new_correction,
    read_corrections,
)
from newsmap.eventids import with_uids
from newsmap.gold import export_gold
from newsmap.query import Filters
from newsmap.tagging import tag_article
from tests.research.conftest import REPO, SEED_ID, build, reading

SEED_FILE = REPO / "data" / "articles" / f"{SEED_ID}.md"


def _seed_tags():
    article = read_article(SEED_FILE)
    tags = tag_article(article)
    return tags.model_copy(update={"events": with_uids(SEED_ID, tags.events)})


_SEED_TAGS = _seed_tags()


def _event(tags, year: str):
    return next(e for e in tags.events if e.date is not None and e.date.iso() == year)


def _correct(data: Path, action: Action, target=None, change=None, article: str = SEED_ID):
    correction = new_correction(article, action, editor="Test Editor", reason=f"test {action}",
                                target=target, change=change)
    append_correction(corrections_path(data), correction)
    return correction


def _seed_events(db: str):
    with reading(db) as store:
        events = store.event_records(Filters())
    return events[events["article_id"] == SEED_ID]


def test_every_action_changes_only_its_target():
    tags = _seed_tags()
    fix = new_correction(SEED_ID, "fix_event", editor="e", reason="r",
                         target={"event": _event(tags, "2014").uid},
                         change={"date": "2015-03", "type": "diplomatic",
                                 "place": {"name": "Tirana", "iso3": "ALB", "lat": 41.33,
                                           "lon": 19.82}})
    drop_event = new_correction(SEED_ID, "remove_event", editor="e", reason="r",
                                target={"event": _event(tags, "2018").uid})
    drop_usa = new_correction(SEED_ID, "remove_country", editor="e", reason="r",
                              target={"iso3": "USA"})
    passing = new_correction(SEED_ID, "set_primary", editor="e", reason="r",
                             target={"iso3": "FRA"}, change={"primary": False})
    add = new_correction(SEED_ID, "add_country", editor="e", reason="r",
                         change={"iso3": "GRC", "primary": True, "name": "Greece"})
    drop_place = new_correction(SEED_ID, "remove_place", editor="e", reason="r",
                                target={"name": "Paris", "iso3": "FRA"})
    add_place = new_correction(SEED_ID, "add_place", editor="e", reason="r",
                               change={"name": "Vlorë", "iso3": "ALB", "lat": 40.47,
                                       "lon": 19.49})
    corrections = [fix, drop_event, drop_usa, passing, add, drop_place, add_place]
    fixed, outcomes = apply_corrections(SEED_ID, tags, corrections)
    assert [o.status for o in outcomes] == ["applied"] * len(corrections)
    moved = next(e for e in fixed.events if e.uid == fix.target["event"])
    assert (moved.date.iso(), moved.type.value, moved.place, moved.lat) == (
        "2015-03", "diplomatic", "Tirana", 41.33)
    assert moved.summary == _event(tags, "2014").summary
    assert drop_event.target["event"] not in {e.uid for e in fixed.events}
    assert len(fixed.events) == len(tags.events) - 1
    codes = {c.iso3: c.primary for c in fixed.countries}
    assert "USA" not in codes
    assert codes["FRA"] is False
    assert codes["GRC"] is True
    assert codes["ALB"] is True
    assert {(p.name, p.iso3) for p in fixed.places} == (
        {(p.name, p.iso3) for p in tags.places} - {("Paris", "FRA")}) | {("Vlorë", "ALB")}


def test_a_missing_target_is_orphaned_and_nothing_else_changes():
    tags = _seed_tags()
    ghost = new_correction(SEED_ID, "remove_event", editor="e", reason="r",
                           target={"event": "ev-0000000000000000"})
    fixed, outcomes = apply_corrections(SEED_ID, tags, [ghost])
    assert outcomes[0].status == "orphaned"
    assert fixed == tags


def test_a_revoked_correction_is_not_applied():
    tags = _seed_tags()
    drop = new_correction(SEED_ID, "remove_country", editor="e", reason="r",
                          target={"iso3": "USA"})
    undo = new_correction(SEED_ID, "revoke", editor="e", reason="was right",
                          target={"correction": drop.id})
    fixed, outcomes = apply_corrections(SEED_ID, tags, [drop, undo])
    assert [o.status for o in outcomes] == ["revoked", "applied"]
    assert "USA" in {c.iso3 for c in fixed.countries}


def test_unusable_lines_are_named_and_the_rest_is_read(tmp_path):
    path = tmp_path / "corrections.jsonl"
    good = new_correction(SEED_ID, "remove_country", editor="e", reason="r",
                          target={"iso3": "USA"})
    append_correction(path, good)
    with path.open("a") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({**good.model_dump(), "id": "c-0123456789abcdef",
                                 "action": "explode"}) + "\n")
    log = read_corrections(path)
    assert [c.id for c in log.corrections] == [good.id]
    assert log.problems[0].startswith(f"{path}:2: not a correction")
    assert log.problems[1].startswith(f"{path}:3: not a correction (action")


def test_correction_survives_rebuild_retag_and_an_edit_elsewhere(built):
    data, db = built
    uid = _seed_events(db).set_index("date").loc["2014", "uid"]
    _correct(data, "fix_event", {"event": uid, "summary": "In 2014"}, {"date": "2015-03"})
    _correct(data, "remove_country", {"iso3": "USA"})
    # only the corrections file changed: the build re-applies without any article changing
    report = build(data, db)
    assert (report.added, report.updated) == (0, 0)

    def check() -> None:
        events = _seed_events(db).set_index("uid")
        assert events.loc[uid, "date"] == "2015-03"
        assert events.loc[uid, "corrected"] == "test fix_event"
        with reading(db) as store:
            detail = store.article_detail(SEED_ID)
        assert detail is not None
        assert "USA" not in {c["iso3"] for c in detail["country_tags"]}

    check()
    build(data, db, rebuild=True)
    check()
    path = data / "articles" / f"{SEED_ID}.md"
    path.write_text(path.read_text().replace(
        "Albania has ordered", "Albania has, at last, ordered", 1), encoding="utf-8")
    assert build(data, db).updated == 1
    check()


def test_an_edit_that_removes_the_target_keeps_the_correction_as_orphaned(built):
    data, db = built
    event = _seed_events(db).set_index("date").loc["2014"]
    _correct(data, "fix_event", {"event": event["uid"], "summary": event["summary"]},
             {"date": "2015"})
    build(data, db)
    path = data / "articles" / f"{SEED_ID}.md"
    path.write_text(path.read_text().replace("In 2014, Albania welcomed",
                                             "In 2014, Albania took in"), encoding="utf-8")
    build(data, db)
    with reading(db) as store:
        waiting = store.orphaned_corrections()
    assert [row["article_id"] for row in waiting] == [SEED_ID]
    assert "sentence, date or country changed" in waiting[0]["detail"]
    check = subprocess.run([sys.executable, "-m", "newsmap.cli", "check", "--data", str(data)],
                           capture_output=True, text=True, cwd=REPO, check=False)
    assert check.returncode == 1
    assert "orphaned correction" in check.stdout
    assert "In 2014, Albania welcomed" in check.stdout


def test_gold_export_is_scored_by_the_quality_bench(built, tmp_path):
    data, db = built
    uid = _seed_events(db).set_index("date").loc["2014", "uid"]
    _correct(data, "fix_event", {"event": uid}, {"date": "2015"})
    build(data, db)
    with reading(db) as store:
        written = export_gold(store, tmp_path / "gold")
    assert [p.name for p in written] == [f"{SEED_ID}.gold.json"]
    gold = json.loads(written[0].read_text())
    assert {"date": "2015", "iso3": "ALB"} in gold["events"]
    assert {"date": "2014", "iso3": "ALB"} not in gold["events"]
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import tagging_quality
    finally:
        sys.path.remove(str(REPO / "bench"))
    results, misses = tagging_quality.score(tagging_quality.gold_articles(tmp_path / "gold"))
    assert results["articles"] == 1
    assert results["events"]["fn"] == 1  # the tagger still says 2014: the correction measures it
    assert any("missing 2015/ALB" in m for m in misses)


@given(st.lists(st.one_of(st.text(max_size=200), st.binary(max_size=200).map(
    lambda b: b.decode("latin-1")), st.builds(lambda d: json.dumps(d), st.dictionaries(
        st.sampled_from(["id", "at", "editor", "article", "action", "target", "change",
                         "reason", "extra"]),
        st.one_of(st.none(), st.text(max_size=30), st.integers(), st.booleans()))))
    , max_size=8))
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_corrections_file_is_read_without_error(tmp_path, lines):
    path = tmp_path / "corrections.jsonl"
    path.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8",
                    errors="surrogatepass")
    log = read_corrections(path)
    written = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(log.corrections) + len(log.problems) == len(written)  # nothing dropped silently
    assert all(p.startswith(f"{path}:") for p in log.problems)
    _, outcomes = apply_corrections(SEED_ID, _SEED_TAGS, log.for_article(SEED_ID))
    assert len(outcomes) == len(log.for_article(SEED_ID))
