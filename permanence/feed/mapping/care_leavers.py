"""A care leaver's facts from ssd_care_leavers (the SSDA903 OC3 items and Annex A), with the SSD's
code lists and meanings. Pure: no Django."""

from .facts import Fact, readers

ELIGIBILITY = {
    "relevant": "Relevant",
    "former relevant": "Former relevant",
    "eligible": "Eligible",
    "qualifying": "Qualifying",
    "no current eligibility": "No current eligibility",
}
IN_TOUCH = {
    "YES": "In touch",
    "NO": "Not in touch",
    "DIED": "Died after leaving care",
    "REFU": "Refuses contact",
    "NREQ": "No longer requires children's social care services",
    "RHOM": "Returned to live with parents or someone with parental responsibility for 6 months or more",
}
ACCOMMODATION = {
    "B": "With parent(s) or relative(s)",
    "C": "Community home or other residential care",
    "D": "Semi-independent, transitional accommodation",
    "E": "Supported lodgings",
    "G": "Gone abroad",
    "H": "Deported",
    "K": "Ordinary lodgings, without formal support",
    "R": "Residence not known",
    "S": "No fixed abode or homeless",
    "T": "Foyers and similar supported accommodation",
    "U": "Independent living",
    "V": "Emergency accommodation",
    "W": "Bed and breakfast",
    "X": "In custody",
    "Y": "Other accommodation",
    "Z": "With former foster carer(s)",
}
ACTIVITY = {
    "F1": "Full time in higher education",
    "P1": "Part time in higher education",
    "F2": "Full time in other education",
    "P2": "Part time in other education",
    "F4": "Full time apprenticeship",
    "P4": "Part time apprenticeship",
    "F5": "Full time training or employment",
    "P5": "Part time training or employment",
    "G4": "Not in education, employment or training: illness or disability",
    "G5": "Not in education, employment or training: other circumstances",
    "G6": "Not in education, employment or training: pregnancy or parenting",
}
SUITABLE = {"1": True, "2": False}


def care_leaver(out, rows, dob):
    for r in readers(rows, "ssd_care_leavers", out.person, out.problems):
        eligibility = r.text("clea_care_leaver_eligibility", max_length=40)
        if eligibility and eligibility.lower() not in ELIGIBILITY:
            r.problem(
                "clea_care_leaver_eligibility",
                "is not Relevant, Former Relevant, Eligible, Qualifying or No Current Eligibility",
            )
        suitable = r.raw("clea_care_leaver_accom_suitable").strip()
        if suitable and suitable not in SUITABLE:
            r.problem("clea_care_leaver_accom_suitable", "is not 1 (suitable) or 2 (unsuitable)")
        values = {
            "eligibility": ELIGIBILITY.get(eligibility.lower(), "") if eligibility else "",
            "in_touch": r.code("clea_care_leaver_in_touch", IN_TOUCH, required=False, what="in touch code"),
            "latest_contact": r.date("clea_care_leaver_latest_contact"),
            "accommodation": r.code(
                "clea_care_leaver_accommodation", ACCOMMODATION, required=False, what="accommodation code"
            ),
            "accommodation_suitable": SUITABLE.get(suitable),
            "activity": r.code("clea_care_leaver_activity", ACTIVITY, required=False, what="activity code"),
            "pathway_plan_review": r.date("clea_pathway_plan_review_date"),
            "personal_adviser": r.text("clea_care_leaver_personal_advisor", max_length=160),
        }
        for name, column in (
            ("latest_contact", "clea_care_leaver_latest_contact"),
            ("pathway_plan_review", "clea_pathway_plan_review_date"),
        ):
            if dob and values[name] and values[name] < dob:
                r.problem(column, "is before the young person's date of birth")
        out.facts.append(Fact("care_leaver", r.raw("clea_table_id"), values, r.table, r.row))
