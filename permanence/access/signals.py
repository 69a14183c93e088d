from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from permanence.children.models import Child

from .retention import check_can_delete


@receiver(pre_delete, sender=Child, dispatch_uid="retention-refuses-delete")
def refuse_delete_inside_retention(sender, instance, **kwargs):
    """No hard delete of a child's record inside its retention period (raises RetentionError)."""
    check_can_delete(instance)


@receiver(pre_save, sender=Child, dispatch_uid="pseudonymised-never-saved")
def refuse_saving_pseudonymised(sender, instance, **kwargs):
    if getattr(instance, "_pseudonymised", False):
        raise ValueError("A pseudonymised child cannot be saved")
