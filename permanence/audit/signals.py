"""Every change to the product's models, generically: before and after as JSON."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save

from permanence.children.versions import record_updated

from . import chain

REDACTED_FIELDS = {"password"}
# A versioned change is logged as an update of the record itself (see _versioned below).
SKIP_MODELS = {"audit.auditevent", "children.recordchange"}


def _product_models():
    for model in apps.get_models():
        if model.__module__.startswith("permanence.") and model._meta.label_lower not in SKIP_MODELS:
            yield model


def snapshot(instance):
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in REDACTED_FIELDS:
            continue
        values[field.attname] = field.value_from_object(instance)
    return values


def _child_id(instance):
    """The child a record belongs to: itself, its `child`, or its parent record's `child`
    (an options analysis's assessment, a proceedings' hearing)."""
    if instance._meta.label_lower == "children.child":
        return instance.pk
    value = getattr(instance, "child_id", None)
    if isinstance(value, int):
        return value
    for field in instance._meta.concrete_fields:
        if field.is_relation and field.many_to_one and field.related_model is not None:
            related = field.related_model
            if any(f.name == "child" for f in related._meta.concrete_fields):
                parent = getattr(instance, field.attname)
                if parent is not None:
                    return related._default_manager.filter(pk=parent).values_list("child_id", flat=True).first()
    return None


def _actor_values():
    who = chain.actor.get() or {}
    return {key: who.get(key) for key in ("user_id", "username", "ip", "user_agent", "path")}


def _before(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance._state.adding:
        instance._audit_before = None
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return  # loading a backup or fixture: not a change anyone made
    before = None if created else getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if before is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        if not changed:
            return
        before = {k: before.get(k) for k in changed}
        after = {k: after[k] for k in changed}
    chain.append(
        action="create" if created else "update",
        model=instance._meta.label,
        object_id=str(instance.pk),
        child_id=_child_id(instance),
        before=before,
        after=after,
        **_actor_values(),
    )


def _after_delete(sender, instance, **kwargs):
    chain.append(
        action="delete",
        model=instance._meta.label,
        object_id=str(instance.pk),
        child_id=_child_id(instance),
        before=snapshot(instance),
        after=None,
        **_actor_values(),
    )


def _versioned(sender, record, before, after, by=None, **kwargs):
    """A change written by one conditional UPDATE (children.versions): no save signal fires, so
    the versions module says what changed, and it is logged like any other change."""
    who = _actor_values()
    if by is not None and not who.get("user_id"):
        who.update(user_id=by.pk, username=by.get_username())
    chain.append(
        action="update",
        model=sender._meta.label,
        object_id=str(record.pk),
        child_id=_child_id(record),
        before=before,
        after=after,
        **who,
    )


def connect():
    record_updated.connect(_versioned, dispatch_uid="audit-versioned")
    for model in _product_models():
        uid = model._meta.label_lower
        pre_save.connect(_before, sender=model, dispatch_uid=f"audit-before-{uid}")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"audit-save-{uid}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"audit-delete-{uid}")
