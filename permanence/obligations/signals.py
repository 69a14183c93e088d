"""Where the read model hears that a fact changed, inside the transaction that changed it.

- The case record's services send `children.services.fact_recorded(child_id=)` for every fact
  they record or correct (episodes, orders, reviews, visits, proceedings, people ...); saving
  or deleting one of the record's models the snapshot reads is heard as well.
- Feature apps name the models their facts come from (providers.register_fact_provider(models=));
  saving or deleting one of them is heard here.
- The 903 import names the children it changed (changes.children_changed); the case-system feed
  calls store.facts_changed itself.
"""

from django.db.models.signals import post_delete, post_save

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
from permanence.children.services import fact_recorded

from .changes import on_children_changed
from .store import facts_changed


def _child_id(instance, path: str):
    value = instance
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def watch(model, path: str) -> None:
    """Saving or deleting a `model` changes the facts of the child at `path` ("child_id", "item__child_id")."""

    def changed(sender, instance, **kwargs):
        child_id = _child_id(instance, path)
        if child_id is not None:
            facts_changed({child_id})

    uid = f"obligations:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)


def _carer_changed(sender, instance, **kwargs):
    facts_changed(set(Episode.objects.filter(carer=instance).values_list("child_id", flat=True)))


def _recorded(sender, child_id, **kwargs):
    facts_changed({child_id})


def connect() -> None:
    fact_recorded.connect(_recorded, weak=False, dispatch_uid="obligations:fact_recorded")
    on_children_changed("stored obligations", facts_changed)  # the 903 import, in its transaction
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
