"""Ava (6) and Ben (9) Example share a mother, Mia; looked after since 5 January 2026, Ava with Pat and
Chris Carer, Ben with the Hill family. Sam Social-Worker holds both cases."""

from datetime import date

TODAY = date(2026, 6, 15)

CONTACT = {
    "relationship": "mother",
    "with_whom": "Mia Example",
    "kind": "direct",
    "frequency": "Every 2 weeks",
    "supervision": "supervised",
    "venue": "Thornbury family centre",
    "purposes": ["identity", "reassurance"],
    "parties_agreed": True,
    "child_views": "Ava wants to see her mum but not every week.",
    "agreed": date(2026, 2, 1),
    "review_date": date(2026, 7, 1),
}

DISRUPTION = {
    "date": date(2026, 6, 1),
    "chair": "Tara Team-Manager",
    "home": "Pat and Chris Carer",
    "route": "long_term_fostering",
    "what_happened": "The carers gave notice after a month of night-time running away.",
    "reasons": ["behaviour", "support"],
    "reasons_detail": "Therapy was promised at matching but not started.",
    "views_child": "Ava wants to stay in touch with Pat.",
    "views_carers": "Exhausted; would like to keep in touch.",
    "sustained": "relationship",
    "sustained_how": "Monthly tea with Pat and Chris.",
    "lessons": "Start therapy before the move, not after\n- Give carers a named out-of-hours contact",
}
