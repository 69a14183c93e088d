"""The monthly tracking meeting's agenda: chosen by rules the service manager can read, taken in
order of risk, and printed as a pack that names no child the reader may not see."""

from datetime import date

from django.urls import reverse

from permanence.access.services import restriction_set
from permanence.children.models import Episode, Review
from permanence.meetings import agenda, agenda_rules, services
from permanence.meetings.agenda_rules import Reason
from permanence.planning import services as planning
from permanence.web.tests.builders import record_case

MEETING_DAY = date(2026, 11, 25)
LAST_MEETING = date(2026, 10, 28)


def _rules(found, child):
    return [reason.rule for reason in found.get(child.pk, [])]


def test_proceedings_past_26_weeks_come_first_then_no_plan_then_an_overdue_duty():
    # Worked by hand: proceedings issued 1 May 2026 are 29 weeks and 6 days old on 25 November;
    # issued 10 July 2026 they are in week 20 (19 weeks and 5 days elapsed).
    assert agenda_rules.proceedings_rule(date(2026, 5, 1), MEETING_DAY) == agenda_rules.PROCEEDINGS_PAST_26
    assert agenda_rules.proceedings_week(date(2026, 7, 10), MEETING_DAY) == 20
    assert agenda_rules.proceedings_rule(date(2026, 7, 10), MEETING_DAY) == agenda_rules.PROCEEDINGS_NEAR_26
    assert agenda_rules.proceedings_rule(date(2026, 7, 20), MEETING_DAY) is None
    past = [Reason(agenda_rules.PROCEEDINGS_PAST_26, "", date(2026, 5, 1))]
    no_plan = [Reason(agenda_rules.NO_PLAN_AFTER_SECOND_REVIEW, "", date(2026, 1, 1))]
    overdue_long = [Reason(agenda_rules.DUTY_OVERDUE, "", date(2026, 6, 1))]
    overdue_short = [Reason(agenda_rules.DUTY_OVERDUE, "", date(2026, 10, 1))]
    new = [Reason(agenda_rules.NEW_TO_LIST, "", date(2026, 11, 1))]
    ordered = sorted([new, overdue_short, no_plan, overdue_long, past], key=agenda_rules.risk)
    assert ordered == [past, no_plan, overdue_long, overdue_short, new]


def test_every_rule_says_where_it_comes_from_and_only_plan_changes_and_new_children_are_for_noting():
    assert all(rule.source and rule.words for rule in agenda_rules.RULES)
    assert [rule.rank for rule in agenda_rules.RULES] == sorted(rule.rank for rule in agenda_rules.RULES)
    noting = {rule.key for rule in agenda_rules.RULES if not rule.discuss}
    assert noting == {agenda_rules.PLAN_CHANGED, agenda_rules.NEW_TO_LIST}


def test_a_child_with_no_permanence_plan_after_their_second_review_is_on_the_agenda(sam):
    child = record_case("N", worker=sam)  # looked after from 5 January 2026, first review 28 January
    Review.objects.create(child=child, date=date(2026, 4, 28))
    found = agenda.build(since=LAST_MEETING, until=MEETING_DAY, today=MEETING_DAY)
    assert agenda_rules.NO_PLAN_AFTER_SECOND_REVIEW in _rules(found, child)
    reason = next(r for r in found[child.pk] if r.rule == agenda_rules.NO_PLAN_AFTER_SECOND_REVIEW)
    assert reason.text == "No permanence plan recorded; second review held on 28 April 2026"

    planning.plan_record(child=child, primary_option="kinship", recorded=date(2026, 4, 28))
    found = agenda.build(since=LAST_MEETING, until=MEETING_DAY, today=MEETING_DAY)
    assert agenda_rules.NO_PLAN_AFTER_SECOND_REVIEW not in _rules(found, child)


def test_three_placement_moves_in_twelve_months_put_the_placement_at_risk(sam):
    child = record_case("M", worker=sam)
    first = Episode.objects.get(child=child)
    starts = [date(2026, 3, 1), date(2026, 6, 1), date(2026, 9, 1)]
    previous = first
    for n, start in enumerate(starts):
        previous.end, previous.reason_ceased = start, ""
        previous.save()
        previous = Episode.objects.create(
            child=child, start=start, reason_new="P", legal_status="C1", category_of_need="N1", placement="U1"
        )
        found = agenda.build(since=LAST_MEETING, until=MEETING_DAY, today=MEETING_DAY)
        assert (agenda_rules.PLACEMENT_AT_RISK in _rules(found, child)) == (n == 2)
    reason = next(r for r in found[child.pk] if r.rule == agenda_rules.PLACEMENT_AT_RISK)
    assert reason.text == "3 placement moves in the last 12 months (the latest on 1 September 2026)"


def test_a_duty_a_few_days_late_stays_on_the_dashboard_and_comes_to_the_meeting_after_four_weeks(sam):
    child = record_case("L", worker=sam)  # the temporary-approval visit was due 12 January 2026, not made
    eight_days = date(2026, 1, 20)
    found = agenda.build(since=date(2026, 1, 1), until=eight_days, today=eight_days)
    assert agenda_rules.DUTY_OVERDUE not in _rules(found, child)
    twenty_nine_days = date(2026, 2, 10)
    found = agenda.build(since=date(2026, 1, 20), until=twenty_nine_days, today=twenty_nine_days)
    assert "Overdue: Statutory visit (connected person on temporary approval) (due 12 January 2026)" in [
        r.text for r in found[child.pk]
    ]


def test_the_pack_is_a_meeting_pack_marked_and_without_site_chrome(client, simone, sam):
    seen = record_case("S", worker=sam)
    hidden = record_case("H", worker=sam)
    restriction_set(child=hidden, reason="staff_related")
    meeting = services.tracking_meeting_create(date=MEETING_DAY, chair=simone)
    assert meeting.items.filter(child=hidden).exists()  # the agenda is the service's; the reader's view is not
    client.force_login(simone)
    pack = client.get(reverse("tracking-pack", args=[meeting.pk])).content.decode()
    assert "OFFICIAL-SENSITIVE" in pack
    assert "Signed in as" not in pack and "Sign out" not in pack and "API tokens" not in pack
    assert seen.full_name in pack and hidden.full_name not in pack
    assert "1 record you cannot open" in pack
    assert "Care proceedings past 26 weeks" in pack and "Permanence plan" in pack and "Social worker" in pack
    page = client.get(reverse("tracking-detail", args=[meeting.pk])).content.decode()
    assert hidden.full_name not in page and "How the agenda is chosen" in page
    css = client.get(reverse("print-css")).content.decode()
    assert "size: A4" in css and '"OFFICIAL-SENSITIVE"' in css and "counter(pages)" in css


def test_the_agenda_and_its_pack_narrow_to_one_team_or_one_social_worker(client, simone, sam, omar, other_team):
    ours = record_case("T1", worker=sam)
    theirs = record_case("T2", worker=omar)
    meeting = services.tracking_meeting_create(date=MEETING_DAY, chair=simone)
    client.force_login(simone)
    url = reverse("tracking-detail", args=[meeting.pk])
    whole = client.get(url).content.decode()
    assert ours.full_name in whole and theirs.full_name in whole
    numbers = {
        item.child_id: n
        for n, item in enumerate(meeting.items.order_by("risk_rank", "risk_since", "child__last_name"), 1)
    }

    team = client.get(url, {"team": other_team.pk}).content.decode()
    assert theirs.full_name in team and ours.full_name not in team
    assert f"Showing 1 child in {other_team.name}" in team
    # The team's children keep their numbers on the whole agenda.
    assert f'<td class="govuk-table__cell">{numbers[theirs.pk]}</td>' in team
    assert f"pack/?team={other_team.pk}" in team

    worker = client.get(url, {"worker": sam.pk}).content.decode()
    assert ours.full_name in worker and theirs.full_name not in worker
    assert "allocated to Sam Social-Worker" in worker
    neither = client.get(url, {"team": other_team.pk, "worker": sam.pk}).content.decode()
    assert ours.full_name not in neither and theirs.full_name not in neither
    assert "None of these children is on this month's agenda" in neither

    pack = client.get(reverse("tracking-pack", args=[meeting.pk]), {"worker": sam.pk}).content.decode()
    assert ours.full_name in pack and theirs.full_name not in pack
    assert "Only the children allocated to Sam Social-Worker" in pack

    refused = client.get(url, {"team": "999"}).content.decode()
    assert "These filters were ignored" in refused and ours.full_name in refused and theirs.full_name in refused
