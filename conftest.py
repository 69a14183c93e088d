"""The test council: named people in every role, and the children they work with.

This is the one place to look. Every test in the tree can ask for these fixtures by name;
an app's own conftest.py adds only what its tests alone need (a scene, a TODAY).

People (username: who, role):
    sam      Sam Social-Worker        social worker in Children in Care 1 (`team`)
    omar     Omar Other-Worker        social worker in Children in Care 2 (`other_team`)
    tara     Tara Team-Manager        team manager of Children in Care 1
    irene    Irene Reviewer           Independent Reviewing Officer (IRO)
    fiona    Fiona Lindley            family finder (username family.finder)
    pat      Pat Panel-Member         permanence panel member
    adm      Gareth Whitlow           Agency Decision Maker (username adm)
    simone   Simone Service-Manager   service manager: sees every child looked after
    ann      Ann Analyst              performance analyst: sees figures, pseudonymised
    alex     Alex Administrator       system administrator (two-step sign-in)

Children:
    ava      Ava Example, born 10 March 2020, looked after since 5 January 2026; Sam's, IRO Irene
    ava_with_history   the same, a year in: orders, proceedings, reviews, a change of plan
    ben      Ben Other, born 1 July 2018, looked after since 1 September 2025; Omar's, IRO Irene

`council`: everyone above, and three children for the access and API tests:
    mine     Mina Example (A1): Sam's, IRO Irene, plan adoption (parallel long-term fostering), on a panel
    other    Otto Example (A2): Omar's; no plan; on no panel
    hidden   Hana Example (A3): Sam's, but a restricted record naming nobody

`apart` / `together` (with `carers`): Ava and Ben Example, sisters and brothers looked after since
5 January 2026, placed apart or together; Sam holds both cases.

Helpers to build more (child_in_care, person, sign_in, record_case ...) are in
permanence/web/tests/builders.py.
"""

from datetime import date

import pytest

from permanence.access.models import RestrictedRecord
from permanence.accounts import roles
from permanence.accounts.models import Team
from permanence.children import services as children
from permanence.children.models import Carer
from permanence.meetings import services as meetings
from permanence.planning import services as planning
from permanence.web.tests.builders import child_in_care, full_history, person

AVA_ENTERED = date(2026, 1, 5)
COUNCIL_ENTERED = date(2026, 1, 5)


@pytest.fixture(autouse=True)
def _own_audit_anchor(settings, tmp_path):
    """Each test signs audit checkpoints into its own anchor file."""
    settings.PERMANENCE_AUDIT_ANCHORS = tmp_path / "audit-anchors.jsonl"


# --- teams and people ------------------------------------------------------------------------


@pytest.fixture
def team(db):
    return Team.objects.create(name="Children in Care 1", service="Children looked after")


@pytest.fixture
def other_team(db):
    return Team.objects.create(name="Children in Care 2", service="Children looked after")


@pytest.fixture
def sam(team):
    """Sam Social-Worker, a social worker in Children in Care 1."""
    return person("sam", "Sam", "Social-Worker", roles.SOCIAL_WORKER, team)


@pytest.fixture
def omar(other_team):
    """Omar Other-Worker, a social worker in Children in Care 2."""
    return person("omar", "Omar", "Other-Worker", roles.SOCIAL_WORKER, other_team)


@pytest.fixture
def tara(team):
    """Tara Team-Manager, who manages Children in Care 1."""
    manager = person("tara", "Tara", "Team-Manager", roles.TEAM_MANAGER, team)
    manager.email = "tara@example.org"
    manager.save()
    team.manager = manager
    team.save()
    return manager


@pytest.fixture
def irene(db):
    """Irene Reviewer, an Independent Reviewing Officer."""
    return person("irene", "Irene", "Reviewer", roles.IRO)


@pytest.fixture
def fiona(db):
    """Fiona Lindley, a family finder."""
    return person("family.finder", "Fiona", "Lindley", roles.FAMILY_FINDER)


@pytest.fixture
def pat(db):
    """Pat Panel-Member, who sits on the permanence panel."""
    return person("pat", "Pat", "Panel-Member", roles.PANEL_MEMBER)


@pytest.fixture
def adm(db):
    """Gareth Whitlow, the Agency Decision Maker."""
    return person("adm", "Gareth", "Whitlow", roles.ADM)


@pytest.fixture
def simone(db):
    """Simone Service-Manager, who sees every child looked after."""
    return person("simone", "Simone", "Service-Manager", roles.SERVICE_MANAGER)


@pytest.fixture
def ann(db):
    """Ann Analyst, a performance analyst: figures for everyone, names for no one."""
    return person("ann", "Ann", "Analyst", roles.PERFORMANCE_ANALYST)


@pytest.fixture
def alex(db):
    """Alex Administrator, who runs the system (and must use two-step sign-in)."""
    return person("alex", "Alex", "Administrator", roles.ADMINISTRATOR)


# --- children ----------------------------------------------------------------------------------


@pytest.fixture
def ava(sam, irene):
    """Ava Example, born 10 March 2020, looked after since 5 January 2026; Sam's, reviewed by Irene."""
    return child_in_care(
        "Ava", "Example", reference="C1001", born=date(2020, 3, 10), entered=AVA_ENTERED, social_worker=sam, iro=irene
    )


@pytest.fixture
def ava_with_history(ava, sam, irene):
    return full_history(ava, entered=AVA_ENTERED, iro=irene, social_worker=sam)


@pytest.fixture
def ben(omar, irene):
    """Ben Other, Omar's, in the other team."""
    return child_in_care(
        "Ben",
        "Other",
        reference="C1002",
        born=date(2018, 7, 1),
        entered=date(2025, 9, 1),
        social_worker=omar,
        iro=irene,
    )


# --- the council: everyone, and three children with different access ---------------------------------


def _council_child(name, ref, *, worker, iro=None):
    return child_in_care(
        name, "Example", reference=ref, born=date(2019, 4, 1), entered=COUNCIL_ENTERED, social_worker=worker, iro=iro
    )


@pytest.fixture
def council(sam, omar, tara, irene, fiona, pat, adm, simone, ann, alex):
    """One person in every role (`people`, by role), Omar in the other team, and Mina, Otto and Hana."""
    people = {
        roles.SOCIAL_WORKER: sam,
        roles.TEAM_MANAGER: tara,
        roles.IRO: irene,
        roles.FAMILY_FINDER: fiona,
        roles.PANEL_MEMBER: pat,
        roles.ADM: adm,
        roles.SERVICE_MANAGER: simone,
        roles.PERFORMANCE_ANALYST: ann,
        roles.ADMINISTRATOR: alex,
    }
    mine = _council_child("Mina", "A1", worker=sam, iro=irene)
    other = _council_child("Otto", "A2", worker=omar)
    hidden = _council_child("Hana", "A3", worker=sam, iro=irene)
    RestrictedRecord.objects.create(child=hidden, reason=RestrictedRecord.STAFF_RELATED)
    planning.plan_record(
        child=mine, primary_option="adoption", parallel_option="long_term_fostering", recorded=COUNCIL_ENTERED, by=sam
    )
    panel = meetings.panel_create(date=date(2026, 3, 1), chair=pat)
    meetings.panel_item_add(panel=panel, child=mine, matter="adoption_plan", today=date(2026, 3, 1))
    return {"people": people, "mine": mine, "other": other, "hidden": hidden, "omar": omar}


# --- brothers and sisters: Ava (6) and Ben (9) Example share a mother, Mia --------------------------
# Both looked after since 5 January 2026, Sam's: Ava with Pat and Chris Carer, Ben with the Hill family
# (`apart`) or both with Pat and Chris (`together`).

SIBLINGS_ENTERED = date(2026, 1, 5)


@pytest.fixture
def carers(db):
    return (
        Carer.objects.create(name="Pat and Chris Carer", kind="foster_carer", reference="F-1"),
        Carer.objects.create(name="The Hill family", kind="foster_carer", reference="F-2"),
    )


def _siblings(sam, carers, same_home=False):
    ava = child_in_care(
        "Ava",
        "Example",
        reference="C1001",
        born=date(2020, 3, 10),
        entered=SIBLINGS_ENTERED,
        social_worker=sam,
        carer=carers[0],
    )
    ben = child_in_care(
        "Ben",
        "Example",
        reference="C1002",
        born=date(2017, 1, 20),
        entered=SIBLINGS_ENTERED,
        social_worker=sam,
        carer=carers[0] if same_home else carers[1],
    )
    mum = children.person_create(first_name="Mia", last_name="Example")
    for child in (ava, ben):
        children.relationship_add(child=child, person=mum, relationship="mother", parental_responsibility=True)
    return ava, ben


@pytest.fixture
def apart(sam, carers):
    """Ava and Ben, placed apart since 5 January 2026."""
    return _siblings(sam, carers)


@pytest.fixture
def together(sam, carers):
    """Ava and Ben, placed together with Pat and Chris since 5 January 2026."""
    return _siblings(sam, carers, same_home=True)
