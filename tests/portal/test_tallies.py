"""The counts the database keeps on every write (``ludwigsburg_portal.tallies``): the
home page's totals and the world map's actors per country always equal the records.

Each check compares the kept count with the same count taken from the records (the
query each app registers), after every kind of write staff, associations, loaders and
bulk actions make, in one transaction and in concurrent ones.
"""

import datetime
import threading
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actors.models import Actor
from events.models import DatePrecision, Event, Participation, ParticipationRole
from ludwigsburg_portal import tallies
from ludwigsburg_portal.models import Tally
from ludwigsburg_portal.publication import PublicationStatus
from tests.factories import ActorFactory, EventFactory, ParticipationFactory, RegionFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
SHARED = "events.shared"
PUBLISHED, DRAFT, ARCHIVED = (
    PublicationStatus.PUBLISHED,
    PublicationStatus.DRAFT,
    PublicationStatus.ARCHIVED,
)


def assert_kept_counts_match_the_records():
    assert Actor.objects.published_count() == Actor.objects.published().count()
    assert Event.objects.published_count() == Event.objects.published().count()
    assert Actor.objects.published_per_region() == Actor.objects.published().count_per_region()
    for name in tallies.names():
        assert tallies.differences(name) == {}, name


@pytest.mark.django_db
def test_counts_follow_saves_status_changes_links_bulk_writes_and_deletes():
    kenya, peru = RegionFactory(name="Kenia"), RegionFactory(name="Peru")
    weltladen = ActorFactory(regions=[kenya, peru])
    draft = ActorFactory(status=DRAFT, regions=[kenya])
    assert Actor.objects.published_per_region() == {kenya.pk: 1, peru.pk: 1}
    assert_kept_counts_match_the_records()

    draft.status = PUBLISHED  # publishing counts its countries
    draft.save()
    assert Actor.objects.published_per_region()[kenya.pk] == 2
    weltladen.regions.remove(peru)  # a link removed
    assert peru.pk not in Actor.objects.published_per_region()
    assert_kept_counts_match_the_records()

    # A bulk action (QuerySet.update sends no signals) and a loader's bulk_create.
    Actor.objects.filter(pk=weltladen.pk).update(status=ARCHIVED)
    Actor.objects.bulk_create(
        [Actor(name=f"Initiative {n}", slug=f"initiative-{n}", status=PUBLISHED) for n in range(5)]
    )
    new = list(Actor.objects.filter(slug__startswith="initiative-"))
    Actor.regions.through.objects.bulk_create(
        [Actor.regions.through(actor=actor, region=peru) for actor in new]
    )
    assert Actor.objects.published_per_region() == {kenya.pk: 1, peru.pk: 5}
    assert_kept_counts_match_the_records()

    # Deletes: an actor (its links go with it), a region (its links go with it).
    draft.delete()
    peru.delete()
    assert Actor.objects.published_per_region() == {}
    EventFactory.create_batch(3)
    EventFactory(status=DRAFT)
    Event.objects.filter(status=DRAFT).update(status=PUBLISHED)
    assert Event.objects.published_count() == 4
    Event.objects.all()[:1].get().delete()
    assert_kept_counts_match_the_records()
    assert Actor.objects.published_count() == 5


@pytest.mark.django_db
def test_a_write_that_rolls_back_leaves_the_counts_as_they_were():
    kenya = RegionFactory()
    ActorFactory(regions=[kenya])
    with pytest.raises(RuntimeError), transaction.atomic():
        ActorFactory.create_batch(3, regions=[kenya])
        EventFactory()
        raise RuntimeError("the request failed")
    assert Actor.objects.published_per_region() == {kenya.pk: 1}
    assert Actor.objects.published_count() == 1
    assert Event.objects.published_count() == 0


operations = st.lists(
    st.tuples(
        st.sampled_from(["create", "status", "bulk status", "link", "unlink", "delete"]),
        st.integers(0, 5),  # which actor
        st.integers(0, 2),  # which region
        st.sampled_from([PUBLISHED, DRAFT, ARCHIVED]),
    ),
    max_size=25,
)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=operations)
def test_any_sequence_of_writes_keeps_the_counts_equal_to_the_records(steps):
    with transaction.atomic():
        regions = [RegionFactory(slug=f"tally-region-{n}") for n in range(3)]
        for operation, which, region_index, status in steps:
            actors = list(Actor.objects.order_by("pk"))
            region = regions[region_index]
            actor = actors[which % len(actors)] if actors else None
            if operation == "create" or actor is None:
                ActorFactory(status=status, regions=[region])
            elif operation == "status":
                actor.status = status
                actor.save()
            elif operation == "bulk status":
                Actor.objects.filter(pk__gte=actor.pk).update(status=status)
            elif operation == "link":
                actor.regions.add(region)
            elif operation == "unlink":
                actor.regions.remove(region)
            else:
                actor.delete()
            assert Actor.objects.published_per_region() == (
                Actor.objects.published().count_per_region()
            )
            assert Actor.objects.published_count() == Actor.objects.published().count()
        transaction.set_rollback(True)


def assert_shared_events_kept(expected):
    kept = {key for key, n in tallies.counts(SHARED).items() if n}
    assert kept == Participation.objects.shared_event_ids() == {event.pk for event in expected}
    assert set(Participation.objects.in_shared_events().values_list("event_id", flat=True)) == (
        kept
    )
    assert tallies.differences(SHARED) == {}


@pytest.mark.django_db
def test_the_events_of_two_actors_follow_every_kind_of_participation_write():
    shop, school, club = ActorFactory.create_batch(3)
    market, fair = EventFactory.create_batch(2)
    first = ParticipationFactory(actor=shop, event=market, role=ParticipationRole.ORGANISER)
    assert_shared_events_kept([])
    # The same actor in a second role is still one actor.
    ParticipationFactory(actor=shop, event=market, role=ParticipationRole.ATTENDEE)
    assert_shared_events_kept([])
    second = ParticipationFactory(actor=school, event=market)
    assert_shared_events_kept([market])
    # Several events in one statement, each flagged once.
    Participation.objects.bulk_create(
        [
            Participation(actor=shop, event=fair, role=ParticipationRole.ATTENDEE),
            Participation(actor=club, event=fair, role=ParticipationRole.ATTENDEE),
        ]
    )
    assert_shared_events_kept([market, fair])
    # Moved to another event: the one it left and the one it joined are asked again.
    Participation.objects.filter(pk=second.pk).update(event=fair)
    assert_shared_events_kept([fair])
    first.delete()
    assert_shared_events_kept([fair])
    club.delete()  # its participations go with it
    assert_shared_events_kept([fair])
    school.delete()
    assert_shared_events_kept([])
    ParticipationFactory(actor=ActorFactory(status=DRAFT), event=fair)
    assert_shared_events_kept([fair])  # of any status: the overview asks who is published
    fair.delete()
    assert_shared_events_kept([])


@pytest.mark.django_db
def test_a_bulk_load_of_many_shared_events_in_one_transaction_holds_few_locks():
    """A loader writes thousands of events' participations in one transaction; a lock
    per event would fill PostgreSQL's shared lock table (the demo load of 20,000 events
    failed with "out of shared memory"). The flag's locks are bounded, the flags right."""
    shop, school = ActorFactory.create_batch(2)
    events = EventFactory.create_batch(3 * tallies.FLAG_LOCKS)
    with transaction.atomic():
        Participation.objects.bulk_create(
            Participation(actor=actor, event=event, role=ParticipationRole.ATTENDEE)
            for event in events
            for actor in (shop, school)
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM pg_locks "
                "WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND classid = %s",
                [tallies._FLAG_LOCK_SPACE],
            )
            held = cursor.fetchone()[0]
    assert 0 < held <= tallies.FLAG_LOCKS
    assert_shared_events_kept(events)


@pytest.mark.django_db
def test_reading_compacts_the_journal_and_keeps_the_counts(monkeypatch):
    monkeypatch.setattr(tallies, "COMPACT_AFTER", 5)
    kenya = RegionFactory()
    actor = ActorFactory(regions=[kenya])
    for _ in range(10):  # twenty deltas of ±1
        actor.regions.remove(kenya)
        actor.regions.add(kenya)
    name = "actors.published_per_region"
    assert Tally.objects.filter(name=name).count() > 20
    assert tallies.counts(name) == {kenya.pk: 1}  # read, and compacted
    assert Tally.objects.filter(name=name).count() == 1
    assert tallies.counts(name) == {kenya.pk: 1}


@pytest.mark.django_db
def test_a_count_read_above_a_key_leaves_out_the_keys_up_to_it():
    # Events ending one, two and three days from a UTC midnight: keys day+0, +1, +2.
    midnight = datetime.datetime(2027, 3, 14, tzinfo=datetime.UTC)
    for days in (0, 1, 1, 2):
        EventFactory(start=midnight + datetime.timedelta(days=days, hours=10), end=None)
    day = int(midnight.timestamp() // 86_400)
    name = "events.published_by_last_day"

    everything = tallies.counts(name)
    assert {key: everything[key] for key in (day, day + 1, day + 2)} == {
        day: 1,
        day + 1: 2,
        day + 2: 1,
    }
    assert tallies.counts(name, above=day) == {key: n for key, n in everything.items() if key > day}
    kept = tallies.counts_of(name, "events.published", above={name: day + 1})
    assert kept[name] == {key: n for key, n in everything.items() if key > day + 1}
    assert kept["events.published"] == {0: Event.objects.published().count()}


@pytest.mark.django_db
def test_check_tallies_names_a_count_that_went_wrong_and_repair_recounts_it(capsys):
    kenya = RegionFactory()
    ActorFactory.create_batch(2, regions=[kenya])
    call_command("check_tallies")
    Tally.objects.create(name="actors.published_per_region", key=kenya.pk, delta=5)
    with pytest.raises(CommandError, match=r"actors\.published_per_region"):
        call_command("check_tallies")
    assert f"{kenya.pk}: kept 7, counted 2" in capsys.readouterr().out
    call_command("check_tallies", "--repair")
    assert Actor.objects.published_per_region() == {kenya.pk: 2}
    call_command("check_tallies")


def create_events(events, *, around, unit):
    """Events from ``(start, duration, status)``: start and duration in ``unit`` from
    ``around``, None for an undated event or one without an end."""
    for start, duration, status in events:
        begins = None if start is None else around + start * unit
        ends = None if begins is None or duration is None else begins + duration * unit
        precision = DatePrecision.UNKNOWN if begins is None else DatePrecision.DATETIME
        EventFactory(start=begins, end=ends, status=status, date_precision=precision)


# Events around a moment: starting minutes to days before or after it, lasting up to two
# days or without an end, some undated, some drafts.
events_around = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(-3 * 24 * 60, 3 * 24 * 60)),  # start, minutes
        st.one_of(st.none(), st.integers(0, 2 * 24 * 60)),  # duration, minutes
        st.sampled_from([PUBLISHED, PUBLISHED, DRAFT]),
    ),
    max_size=15,
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    events=events_around,
    # Any moment of a day, the UTC midnights included.
    minute_of_day=st.one_of(st.just(0), st.just(24 * 60 - 1), st.integers(0, 24 * 60 - 1)),
)
def test_upcoming_events_counted_from_the_days_equal_the_upcoming_list(events, minute_of_day):
    now = datetime.datetime(2027, 3, 14, tzinfo=datetime.UTC) + datetime.timedelta(
        minutes=minute_of_day
    )
    with transaction.atomic():
        create_events(events, around=now, unit=datetime.timedelta(minutes=1))
        listed = Event.objects.published().upcoming(now=now).count()
        assert Event.objects.upcoming_count(now=now) == listed
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    events=st.lists(
        st.tuples(
            # Starts from two years before to a year after, lasting up to 400 days or
            # without an end, some undated, some drafts.
            st.one_of(st.none(), st.integers(-2 * 365 * 24, 365 * 24)),  # start, hours
            st.one_of(st.none(), st.integers(0, 400 * 24)),  # duration, hours
            st.sampled_from([PUBLISHED, PUBLISHED, DRAFT]),
        ),
        max_size=15,
    ),
    # Around the turn of a year in Ludwigsburg, and in the middle of one.
    moment=st.sampled_from(
        [
            datetime.datetime(2026, 12, 31, 23, 30, tzinfo=BERLIN),
            datetime.datetime(2027, 1, 1, 0, 30, tzinfo=BERLIN),
            datetime.datetime(2027, 7, 15, 12, 0, tzinfo=BERLIN),
        ]
    ),
)
def test_past_events_per_year_from_the_kept_counts_equal_the_archive(events, moment):
    with transaction.atomic():
        create_events(events, around=moment, unit=datetime.timedelta(hours=1))
        archive = Event.objects.published().past(now=moment).count_by_year()
        assert Event.objects.past_count_by_year(now=moment) == archive
        transaction.set_rollback(True)


# --- Concurrent transactions -----------------------------------------------------------
# Committed data in threads with connections of their own, as concurrent requests.
def concurrent(test):
    test = pytest.mark.django_db(transaction=True, serialized_rollback=True)(test)
    return pytest.mark.usefixtures("migration_data_afterwards")(test)


def _in_thread(work, errors):
    def run():
        try:
            work()
        except Exception as error:  # asserted on by the test
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _overlapping(change_actor, change_link):
    """``change_actor`` runs first and commits only after ``change_link`` (in another
    connection) has written its link, or after half a second if that write waits for
    it. Without the share lock in the link's trigger, each would miss the other."""
    linked = threading.Event()
    changed = threading.Event()
    errors = []

    def actor_side():
        with transaction.atomic():
            change_actor()
            changed.set()
            linked.wait(timeout=0.5)

    def link_side():
        changed.wait(timeout=10)
        with transaction.atomic():
            change_link()
            linked.set()

    threads = [_in_thread(actor_side, errors), _in_thread(link_side, errors)]
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors


@concurrent
def test_a_country_added_while_the_actor_is_being_published_is_counted():
    kenya = RegionFactory()
    draft = ActorFactory(status=DRAFT)

    _overlapping(
        lambda: Actor.objects.filter(pk=draft.pk).update(status=PUBLISHED),
        lambda: Actor.regions.through.objects.create(actor_id=draft.pk, region_id=kenya.pk),
    )
    assert Actor.objects.published().count_per_region() == {kenya.pk: 1}
    assert Actor.objects.published_per_region() == {kenya.pk: 1}


@concurrent
def test_a_country_removed_while_the_actor_is_being_withdrawn_is_uncounted_once():
    kenya, peru = RegionFactory(), RegionFactory()
    actor = ActorFactory(regions=[kenya, peru])
    other = ActorFactory(regions=[kenya])

    _overlapping(
        lambda: Actor.objects.filter(pk=actor.pk).update(status=DRAFT),
        lambda: Actor.regions.through.objects.filter(actor_id=actor.pk, region=kenya).delete(),
    )
    assert Actor.objects.published().count_per_region() == {kenya.pk: 1}
    assert Actor.objects.published_per_region() == {kenya.pk: 1}
    assert other.regions.get() == kenya


@concurrent
def test_two_actors_joining_one_event_at_once_make_it_shared():
    shop, school = ActorFactory.create_batch(2)
    market = EventFactory()

    _overlapping(
        lambda: ParticipationFactory(actor=shop, event=market),
        lambda: ParticipationFactory(actor=school, event=market),
    )
    assert_shared_events_kept([market])


@concurrent
def test_many_writers_at_once_neither_wait_forever_nor_miscount():
    regions = RegionFactory.create_batch(3)
    actors = ActorFactory.create_batch(6, status=DRAFT)
    meetings = EventFactory.create_batch(2)
    errors = []
    barrier = threading.Barrier(6)

    def writer(index):
        def work():
            actor = Actor.objects.get(pk=actors[index].pk)
            barrier.wait(timeout=10)
            for round_ in range(8):
                with transaction.atomic():
                    actor.regions.add(regions[(index + round_) % 3])
                    actor.status = PUBLISHED if round_ % 2 == 0 else DRAFT
                    actor.save()
                    if round_ % 3 == 0:
                        actor.regions.remove(regions[index % 3])
                    EventFactory(status=PUBLISHED if round_ % 2 else DRAFT)
                    # Everyone joins and leaves the same two events (in a new role each
                    # second round: one actor's role in an event is unique).
                    joined = ParticipationFactory(
                        actor=actor,
                        event=meetings[round_ % 2],
                        role=ParticipationRole.values[round_ // 2],
                    )
                    if round_ % 4 == 3:
                        joined.delete()

        return work

    threads = [_in_thread(writer(index), errors) for index in range(6)]
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert not errors, errors
    assert_kept_counts_match_the_records()
