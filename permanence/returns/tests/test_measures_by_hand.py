"""Each performance measure on a few children worked out by hand, as an analyst would check it.

The collection year is 2025-26 (1 April 2025 to 31 March 2026); the scorecard's three years run
from 1 April 2023.
"""

from collections import Counter
from datetime import date

from permanence.returns.measures import care, scorecard

FIRST, LAST = date(2025, 4, 1), date(2026, 3, 31)
THREE_YEARS = date(2023, 4, 1)


def ep(start, end=None, rne="P", ls="C2", place="U6", rec=""):
    if end is not None and not rec:
        rec = "X1"
    return {"start": start, "end": end, "reason_new": rne, "legal_status": ls, "placement": place, "reason_ceased": rec}


# Ann entered care on 1 June 2023, placement order 1 November 2023, matched 1 December 2023, moved
# in with adopters (A6) on 1 February 2024 and was adopted on 1 September 2025.
ANN = [
    ep(date(2023, 6, 1), date(2023, 11, 1), rne="S", ls="C1"),
    ep(date(2023, 11, 1), date(2024, 2, 1), rne="L", ls="E1"),
    ep(date(2024, 2, 1), date(2025, 9, 1), rne="P", ls="E1", place="A6", rec="E11"),
]
# Ben entered care on 1 January 2024, went to fostering-for-adoption carers (U5) on 1 March 2024,
# who had him placed for adoption with them (A5, the same carers: RNE T) on 1 July 2024 after the
# placement order of 1 June 2024; matched 15 May 2024 (before the order); adopted 10 March 2026.
BEN = [
    ep(date(2024, 1, 1), date(2024, 3, 1), rne="S", ls="C1"),
    ep(date(2024, 3, 1), date(2024, 6, 1), rne="P", ls="C1", place="U5"),
    ep(date(2024, 6, 1), date(2024, 7, 1), rne="L", ls="E1", place="U5"),
    ep(date(2024, 7, 1), date(2026, 3, 10), rne="T", ls="E1", place="A5", rec="E11"),
]
# Cal was adopted too, but the first episode on record is a change of legal status: the day his
# care began is not on record (an import of recent years only), so A1 and A10 leave him out.
CAL = [
    ep(date(2024, 2, 1), date(2024, 9, 1), rne="L", ls="E1"),
    ep(date(2024, 9, 1), date(2025, 5, 1), rne="P", ls="E1", place="A4", rec="E12"),
]


def test_a1_averages_the_days_from_entering_care_to_moving_in_with_adopters():
    cohort = scorecard.adoptions({"ann": ANN, "ben": BEN, "cal": CAL}, THREE_YEARS, LAST)
    # Ann: 1 June 2023 to 1 February 2024 = 245 days. Ben: 1 January to 1 July 2024 = 182 days.
    assert sorted(scorecard.a1_days(cohort)) == [182, 245]
    assert scorecard.mean_days(scorecard.a1_days(cohort)) == 214  # 427 / 2 = 213.5, rounded to even
    assert cohort.start_not_on_record == ["cal"]


def test_a10_counts_from_the_day_a_child_moved_in_with_the_foster_carers_who_adopted_them():
    cohort = scorecard.adoptions({"ann": ANN, "ben": BEN, "cal": CAL}, THREE_YEARS, LAST)
    # Ann was placed with adopters who had not fostered her: 245 days as in A1. Ben came to the
    # carers who adopted him on 1 March 2024 (the A5 placement's run of same-carer episodes: T, L
    # back to the P that brought him there): 1 January to 1 March 2024 = 60 days.
    assert sorted(scorecard.a10_days(cohort)) == [60, 245]
    assert scorecard.mean_days(scorecard.a10_days(cohort)) == 152  # 305 / 2 = 152.5, rounded to even


def test_a2_counts_a_match_before_the_placement_order_as_0_days_and_counts_freeing_orders():
    dee = [
        ep(date(2023, 5, 1), date(2023, 9, 1), rne="S", ls="C2"),
        ep(date(2023, 9, 1), date(2024, 1, 10), rne="L", ls="D1"),  # freeing order, 1 September 2023
        ep(date(2024, 1, 10), date(2025, 6, 30), rne="P", ls="D1", place="A6", rec="E11"),
    ]
    cohort = scorecard.adoptions({"ann": ANN, "ben": BEN, "cal": CAL, "dee": dee}, THREE_YEARS, LAST)
    matches = {"ann": date(2023, 12, 1), "ben": date(2024, 5, 15), "cal": date(2024, 8, 1), "dee": date(2023, 12, 11)}
    days, left_out = scorecard.a2_days(cohort, matches)
    # Ann: 1 November to 1 December 2023 = 30. Ben: matched before the order: 0. Cal: the placement
    # order is his first episode on record (E1 already), so when it was made is not known. Dee: 1
    # September to 11 December 2023 = 101.
    assert sorted(days) == [0, 30, 101] and left_out == 1
    assert scorecard.mean_days(days) == 44  # 131 / 3 = 43.7


def test_time_to_permanence_by_route():
    sgo = [ep(date(2024, 4, 1), date(2025, 10, 1), rne="S", place="U3", rec="E45")]
    home = [ep(date(2025, 5, 1), date(2025, 8, 9), rne="S", ls="V2", rec="E4A")]
    days, left_out = care.time_to_permanence({"ann": ANN, "sgo": sgo, "home": home, "cal": CAL}, FIRST, LAST)
    # Ann: 1 June 2023 to 1 September 2025 = 823 days. The SGO: 1 April 2024 to 1 October 2025 = 548.
    # Home: 1 May to 9 August 2025 = 100. Cal's start of care is not on record.
    assert dict(days) == {"Adoption": [823], "Special guardianship order": [548], "Returned home": [100]}
    assert left_out == 1


def test_a_permanence_plan_by_the_second_review():
    eve = [ep(date(2025, 1, 6), rne="S")]
    fay = [ep(date(2025, 2, 3), rne="S")]
    reviews = {"eve": [date(2025, 1, 31), date(2025, 4, 25)], "fay": [date(2025, 2, 28), date(2025, 5, 20)]}
    plans = {"eve": [date(2025, 3, 1)], "fay": [date(2025, 6, 1)]}  # Fay's plan came after her second review
    assert care.plan_by_second_review({"eve": eve, "fay": fay}, reviews, plans, FIRST, LAST) == (1, 2, 0)


def test_three_or_more_placements_in_the_year():
    settled = [ep(date(2020, 1, 1), rne="S")]
    moved_twice = [
        ep(date(2024, 1, 1), date(2025, 5, 1), rne="S"),
        ep(date(2025, 5, 1), date(2025, 6, 1), rne="P"),
        ep(date(2025, 6, 1), date(2025, 9, 1), rne="L", ls="C1"),  # the same carer: not a placement
        ep(date(2025, 9, 1), rne="B", ls="C2"),
    ]
    left = [ep(date(2025, 4, 5), date(2025, 7, 1), rne="S", rec="E4A")]  # not looked after on 31 March
    counts = care.three_placements({"a": settled, "b": moved_twice, "c": left}, FIRST, LAST)
    assert counts == Counter({1: 1, 3: 1})


def test_long_term_stability_of_under_16s():
    born = {"a": date(2015, 1, 1), "b": date(2015, 1, 1), "c": date(2015, 1, 1), "d": date(2008, 1, 1)}
    # a: in care since 2022 with the same carers since 1 March 2024 (a change of legal status since):
    # 2 years by 31 March 2026.
    a = [
        ep(date(2022, 1, 1), date(2024, 3, 1), rne="S"),
        ep(date(2024, 3, 1), date(2025, 1, 1), rne="P", ls="C1"),
        ep(date(2025, 1, 1), rne="L", ls="C2"),
    ]
    # b: in care since 2023, moved on 1 May 2024: under 2 years with these carers.
    b = [ep(date(2023, 6, 1), date(2024, 5, 1), rne="S"), ep(date(2024, 5, 1), rne="P")]
    # c: placed for adoption on 1 January 2026; with the foster placement before it (from 1 January
    # 2024) that is over 2 years.
    c = [
        ep(date(2023, 1, 1), date(2024, 1, 1), rne="S"),
        ep(date(2024, 1, 1), date(2026, 1, 1), rne="P"),
        ep(date(2026, 1, 1), rne="P", ls="E1", place="A6"),
    ]
    d = [ep(date(2020, 1, 1), rne="S")]  # 18 on 31 March 2026: not in the cohort
    assert care.long_term_stability({"a": a, "b": b, "c": c, "d": d}, born, LAST) == (2, 3, 0)
    # Only recent episodes on record, not reaching back 2.5 years: not counted either way.
    recent = [ep(date(2025, 1, 1), rne="L")]
    assert care.long_term_stability({"x": recent}, {"x": date(2015, 1, 1)}, LAST) == (0, 0, 1)


def test_reviews_on_time_follow_the_regulations_dates():
    # Entered care Monday 1 September 2025: the first review is due within 20 working days (29
    # September), the second 3 months after the first, the third 6 months after the second.
    g = [ep(date(2025, 9, 1), rne="S")]
    held = {"g": [date(2025, 9, 26), date(2026, 1, 10)]}  # on time; 3 months from 26 September is 26 December: late
    assert care.reviews_on_time({"g": g}, held, FIRST, LAST) == (1, 1, 0)


def test_participation_leaves_out_reviews_of_children_under_4():
    reviews = [("a", date(2025, 6, 1), "PN1"), ("a", date(2025, 12, 1), "PN7"), ("b", date(2025, 6, 1), "PN0")]
    births = {"a": date(2012, 1, 1), "b": date(2024, 1, 1)}
    assert care.participation(reviews, births) == Counter({"PN1": 1, "PN7": 1})


def test_care_proceedings_weeks_from_issue_to_the_final_order():
    assert care.proceedings_weeks([(date(2025, 1, 6), date(2025, 7, 7)), (date(2025, 2, 3), date(2025, 11, 3))]) == [
        26.0,
        39.0,
    ]


def test_children_leaving_care_by_reason():
    assert care.exits({"ann": ANN, "ben": BEN, "cal": CAL}, FIRST, LAST) == Counter({"E11": 2, "E12": 1})
