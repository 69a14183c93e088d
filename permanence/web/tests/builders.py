"""Build case records through the services, as a social worker would record them.

The named people and children themselves are fixtures in the root conftest.py.

Shared by the web tests (named people, one child at a time) and the browser tests
(`small_council`, a council with a caseload, until the demo generator is ready).
"""

from datetime import date, timedelta

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from permanence.accounts import roles
from permanence.accounts.models import Team, User
from permanence.children import services
from permanence.children.models import Allocation, Carer, Extension, Hearing, Proceedings
from permanence.planning import services as planning

DEMO_PASSWORD = "demo-permanence-2026"
EPISODE = {"reason_new": "S", "legal_status": "C1", "category_of_need": "N1", "placement": "U6", "provider": "PR1"}


def person(username, first_name, last_name, role, team=None, password=None):
    user = User.objects.create_user(
        username, first_name=first_name, last_name=last_name, role=role, team=team, password=password
    )
    return user


def child_in_care(first_name, last_name, *, reference, born, entered, social_worker=None, iro=None, **episode):
    """A child who became looked after on `entered`, allocated to `social_worker` and `iro`."""
    child = services.child_create(
        first_name=first_name,
        last_name=last_name,
        date_of_birth=born,
        sex="2",
        council_reference=reference,
        ethnicity="WBRI",
    )
    services.episode_create(child=child, start=entered, **(EPISODE | episode))
    if social_worker:
        services.allocation_assign(child=child, role=Allocation.SOCIAL_WORKER, worker=social_worker, start=entered)
    if iro:
        services.allocation_assign(child=child, role=Allocation.IRO, worker=iro, start=entered)
    return child


def full_history(child, *, entered, iro, social_worker):
    """Orders, proceedings, reviews, a change of plan, a family network: a case a year in."""
    carer = Carer.objects.create(name="Pat and Chris Carer", kind="foster_carer", reference=f"F-{child.pk}")
    episode = child.episodes.get()
    services.episode_update(episode=episode, version=episode.version, carer=carer)
    services.order_record(child=child, order_type="interim_care_order", made=entered, court="Thornbury Family Court")
    proceedings = Proceedings.objects.create(
        child=child,
        issued=entered,
        court="Thornbury Family Court",
        case_number="TB26C00123",
        pre_proceedings_start=entered - timedelta(days=60),
    )
    Hearing.objects.create(proceedings=proceedings, kind=Hearing.CMH, date=entered + timedelta(days=12))
    Hearing.objects.create(proceedings=proceedings, kind=Hearing.IRH, date=entered + timedelta(days=140))
    Extension.objects.create(
        proceedings=proceedings,
        granted=entered + timedelta(days=175),
        weeks=8,
        reason="Parenting assessment of the father",
    )
    services.review_record(child=child, date=entered + timedelta(days=20), iro=iro, participation="PN1")
    services.review_record(child=child, date=entered + timedelta(days=110), iro=iro, participation="PN1")
    planning.plan_record(
        child=child,
        primary_option="return_home",
        parallel_option="adoption",
        recorded=entered + timedelta(days=20),
        by=social_worker,
    )
    planning.plan_record(
        child=child,
        primary_option="adoption",
        parallel_option="special_guardianship",
        recorded=entered + timedelta(days=110),
        by=social_worker,
        reason="Parenting assessments negative; no viable family carer yet.",
    )
    planning.decision_record(
        child=child,
        kind="plan_changed",
        forum="review",
        date=entered + timedelta(days=110),
        decided_by="Irene Reviewer (IRO)",
        rationale="Assessments concluded.",
    )
    mum = services.person_create(first_name="Mia", last_name=child.last_name)
    gran = services.person_create(first_name="Grace", last_name=child.last_name)
    services.relationship_add(child=child, person=mum, relationship="mother", parental_responsibility=True)
    services.relationship_add(
        child=child,
        person=gran,
        relationship="grandparent",
        connected_person=True,
        assessment_outcome="Viability assessment positive",
    )
    return child


def small_council(*, children=12, today=None):
    """A council with a social worker's caseload, a team manager, an IRO and one full case.

    Usernames: social.worker, team.manager, iro, service.manager (password DEMO_PASSWORD).
    Stands in for permanence.demo.load_demo until that exists.
    """
    today = today or date.today()
    team = Team.objects.create(name="Children in Care 1", service="Children looked after")
    other_team = Team.objects.create(name="Children in Care 2", service="Children looked after")
    sam = person("social.worker", "Sam", "Social-Worker", roles.SOCIAL_WORKER, team, DEMO_PASSWORD)
    tara = person("team.manager", "Tara", "Team-Manager", roles.TEAM_MANAGER, team, DEMO_PASSWORD)
    team.manager = tara
    team.save()
    irene = person("iro", "Irene", "Reviewer", roles.IRO, password=DEMO_PASSWORD)
    person("service.manager", "Simone", "Service-Manager", roles.SERVICE_MANAGER, password=DEMO_PASSWORD)
    omar = person("other.worker", "Omar", "Other-Worker", roles.SOCIAL_WORKER, other_team, DEMO_PASSWORD)
    entered = today - timedelta(days=400)
    ava = child_in_care(
        "Ava",
        "Example",
        reference="C1001",
        born=today - timedelta(days=6 * 365),
        entered=entered,
        social_worker=sam,
        iro=irene,
    )
    full_history(ava, entered=entered, iro=irene, social_worker=sam)
    first_names = ["Ben", "Cara", "Dev", "Ella", "Finn", "Gita", "Hal", "Isla", "Jay", "Kai", "Lena", "Milo"]
    for i in range(children - 1):
        worker = sam if i % 2 == 0 else omar
        child_in_care(
            first_names[i % len(first_names)],
            f"Sample{i:02d}",
            reference=f"C2{i:03d}",
            born=today - timedelta(days=365 * (1 + i % 16) + 40),
            entered=today - timedelta(days=30 + 20 * i),
            social_worker=worker,
            iro=irene,
        )
    return {"sam": sam, "tara": tara, "irene": irene, "omar": omar, "ava": ava}


def record_case(ref="C1", worker=None):
    """The case of CASE_FILE, recorded through the services."""
    child = services.child_create(
        first_name="Ava", last_name=f"Example {ref}", date_of_birth=date(2020, 3, 10), council_reference=ref
    )
    gran = Carer.objects.create(
        name=f"Grandma {ref}", kind="connected_person", reference=f"K{ref}", temporary_approval_start=date(2026, 1, 5)
    )
    services.episode_create(
        child=child,
        start=date(2026, 1, 5),
        reason_new="S",
        legal_status="C1",
        category_of_need="N1",
        placement="U1",
        carer=gran,
    )
    services.review_record(child=child, date=date(2026, 1, 28))
    proceedings = Proceedings.objects.create(child=child, issued=date(2026, 3, 2))
    Extension.objects.create(proceedings=proceedings, granted=date(2026, 8, 20), weeks=8)
    services.order_record(child=child, order_type="supervision_order", made=date(2026, 6, 1))
    if worker:
        services.allocation_assign(child=child, role=Allocation.SOCIAL_WORKER, worker=worker, start=date(2026, 1, 5))
    return child


def sign_in(client, user):
    """Sign `user` in on the test client; an administrator also passes two-step sign-in."""
    client.force_login(user)
    if user.role == roles.ADMINISTRATOR:
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
