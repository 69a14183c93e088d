"""The sibling assessment Sam writes for Ava and Ben (the children, `apart` and `together`, are in the
root conftest.py)."""

from datetime import date

ENTERED = date(2026, 1, 5)


ASSESSMENT = {
    "relationship_quality": "Warm; Ben looks out for Ava.",
    "attachment": "Strong mutual attachment.",
    "needs": "Ava needs a carer experienced with trauma; Ben has asthma.",
    "views": "Both want to see each other.",
    "history": "Lived together at home until January 2026.",
    "practicalities": "No carer can take both yet.",
    "recommendation": "apart",
    "recommendation_reasons": "Ben's needs are better met apart for now, with weekly contact.",
}
