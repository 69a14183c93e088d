"""Where the read model hears that a fact changed, inside the transaction that changed it.

Every way in names the children whose facts changed through `children.changes.children_changed`
(the case record's services for every fact they record or correct, a sibling assessment, the 903
import, the case-system feed); the stored obligations listen there. Saving or deleting one of the
record's models the snapshot reads, or one a feature app names (providers.register_fact_provider(
models=)), is said there too, so a change made another way (the admin, a data fix) is heard.
"""

from django.db.models.signals import post_save

from permanence.children.changes import children_changed, on_children_changed, when_saved_or_deleted
from permanence.children.models import (
    Carer,
    Child,
    EducationPlan,
    Episode,
    Extension,
    HealthAssessment,
    LegalOrder,
    LongTermFosterConfirmation,
    MissingEpisode,
    Proceedings,
    Relationship,
    Review,
    StatutoryPlan,
    TemporaryApproval,
    Visit,
)

from .store import facts_changed


def watch(model, path: str) -> None:
    """Saving or deleting a `model` changes the facts of the child at `path` ("child_id", "item__child_id")."""
    when_saved_or_deleted(
        model, path, lambda child_id: children_changed({child_id}), uid=f"obligations:{model._meta.label}"
    )


def _carer_changed(sender, instance, **kwargs):
    children_changed(Episode.objects.filter(carer=instance).values_list("child_id", flat=True))


def connect() -> None:
    # Every way in, in the transaction that changed the facts.
    on_children_changed("stored obligations", facts_changed)
    # The case record's own models too, so a change made another way (the admin, a data fix in a
    # shell) is heard as well: a second mark in the same transaction costs one small update.
    watch(Child, "id")
    for model in (
        Episode,
        LegalOrder,
        Proceedings,
        Relationship,
        Review,
        Visit,
        HealthAssessment,
        StatutoryPlan,
        EducationPlan,
        MissingEpisode,
        TemporaryApproval,
        LongTermFosterConfirmation,
    ):
        watch(model, "child_id")
    # A carer's approval is a fact of every child placed with them.
    post_save.connect(_carer_changed, sender=Carer, weak=False, dispatch_uid="obligations:carer")
    watch(Extension, "proceedings__child_id")
