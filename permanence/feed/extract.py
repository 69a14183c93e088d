"""The database's case record read a chunk of children at a time and written as SSD extracts
(`permanence export-ssd DIR`)."""

from permanence.accounts.models import Team, User
from permanence.children.models import (
    Allocation,
    Child,
    DentalCheck,
    Episode,
    HealthAssessment,
    LegalOrder,
    MissingEpisode,
    Person,
    Proceedings,
    Relationship,
    Review,
    StatutoryPlan,
    Visit,
)

from .export import ExtractWriter, sibling_families
from .models import CareLeaverFacts, PermanenceDates


class _Chunk:
    def __init__(self, **kinds):
        self.__dict__.update(kinds)


def export_record(folder, *, progress=None, chunk_size=2000):
    """Write the database's case record as SSD CSV files in `folder`; returns {table: rows}."""

    say = progress or (lambda message: None)
    staff = {
        pk: {"username": u, "first_name": f, "last_name": last, "job_title": t}
        for pk, u, f, last, t in User.objects.values_list("pk", "username", "first_name", "last_name", "job_title")
    }
    teams = dict(Team.objects.values_list("pk", "name"))
    as_child = dict(Person.objects.filter(as_child__isnull=False).values_list("pk", "as_child_id"))
    families = sibling_families(
        Relationship.objects.filter(person_id__in=list(as_child))
        .values_list("child_id", "person_id", "relationship")
        .iterator(),
        as_child,
    )
    ids = list(Child.objects.order_by("pk").values_list("pk", flat=True))
    child_fields = (
        "id",
        "council_reference",
        "first_name",
        "last_name",
        "date_of_birth",
        "expected_date_of_birth",
        "date_of_death",
        "sex",
        "ethnicity",
        "upn",
        "disability",
        "disability_detail",
        "uasc",
        "uasc_ceased",
    )
    with ExtractWriter(folder, staff=staff, teams=teams) as writer:
        for i in range(0, len(ids), chunk_size):
            chunk_ids = ids[i : i + chunk_size]
            within = {"child_id__in": chunk_ids}
            writer.add(
                _Chunk(
                    children=list(Child.objects.filter(pk__in=chunk_ids).order_by("pk").values(*child_fields)),
                    episodes=list(Episode.objects.filter(**within).values()),
                    orders=list(LegalOrder.objects.filter(**within).values()),
                    reviews=list(Review.objects.filter(**within).values()),
                    visits=list(Visit.objects.filter(**within).values()),
                    allocations=list(Allocation.objects.filter(**within).values()),
                    proceedings=list(Proceedings.objects.filter(**within).values()),
                    permanence=list(PermanenceDates.objects.filter(**within).values()),
                    care_leavers=list(CareLeaverFacts.objects.filter(**within).values()),
                    health=list(HealthAssessment.objects.filter(**within).values()),
                    dental=list(DentalCheck.objects.filter(**within).values()),
                    care_plans=list(StatutoryPlan.objects.filter(kind=StatutoryPlan.CARE_PLAN, **within).values()),
                    missing=list(MissingEpisode.objects.filter(**within).values()),
                ),
                families,
            )
            say(f"Children written: {min(i + chunk_size, len(ids)):,} of {len(ids):,}")
    return dict(writer.counts)
