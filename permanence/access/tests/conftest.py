"""A small council for the access tests: one person in every role, three children.

- `mine`: allocated to Sam (team 1, managed by Tess), IRO Irene, plan adoption, on a panel.
- `other`: allocated to Omar in team 2; no plan; on no panel.
- `hidden`: allocated to Sam, but a restricted record naming nobody.
"""

from datetime import date

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from permanence.access import matrix
from permanence.access.models import RestrictedRecord
from permanence.accounts.models import Team
from permanence.planning import services as planning
from permanence.web.tests.builders import child_in_care, person

ENTERED = date(2026, 1, 5)


def _child(name, ref, *, worker, iro=None):
    return child_in_care(name, "Example", reference=ref, born=date(2019, 4, 1), entered=ENTERED,
                         social_worker=worker, iro=iro)


@pytest.fixture
def council(db):
    team, team2 = Team.objects.create(name="CiC 1"), Team.objects.create(name="CiC 2")
    people = {
        matrix.SOCIAL_WORKER: person("sam", "Sam", "Worker", matrix.SOCIAL_WORKER, team),
        matrix.TEAM_MANAGER: person("tess", "Tess", "Manager", matrix.TEAM_MANAGER, team),
        matrix.IRO: person("irene", "Irene", "Reviewer", matrix.IRO),
        matrix.FAMILY_FINDER: person("fay", "Fay", "Finder", matrix.FAMILY_FINDER),
        matrix.PANEL_MEMBER: person("pat", "Pat", "Panel", matrix.PANEL_MEMBER),
        matrix.ADM: person("ada", "Ada", "Decider", matrix.ADM),
        matrix.SERVICE_MANAGER: person("sian", "Sian", "Service", matrix.SERVICE_MANAGER),
        matrix.PERFORMANCE_ANALYST: person("ann", "Ann", "Analyst", matrix.PERFORMANCE_ANALYST),
        matrix.ADMINISTRATOR: person("alex", "Alex", "Admin", matrix.ADMINISTRATOR),
    }
    team.manager = people[matrix.TEAM_MANAGER]
    team.manager.email = "tess@example.org"
    team.manager.save()
    team.save()
    omar = person("omar", "Omar", "Worker", matrix.SOCIAL_WORKER, team2)
    sam, irene = people[matrix.SOCIAL_WORKER], people[matrix.IRO]
    mine = _child("Mina", "A1", worker=sam, iro=irene)
    other = _child("Otto", "A2", worker=omar)
    hidden = _child("Hana", "A3", worker=sam, iro=irene)
    RestrictedRecord.objects.create(child=hidden, reason=RestrictedRecord.STAFF_RELATED)
    planning.plan_record(child=mine, primary_option="adoption", parallel_option="long_term_fostering",
                         recorded=ENTERED, by=sam)
    from permanence.meetings import services as meetings

    panel = meetings.panel_create(date=date(2026, 3, 1))
    meetings.panel_item_add(panel=panel, child=mine, matter="adoption_plan")
    return {"people": people, "mine": mine, "other": other, "hidden": hidden, "omar": omar}


def sign_in(client, user):
    client.force_login(user)
    if user.role == matrix.ADMINISTRATOR:
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
