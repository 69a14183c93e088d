"""The audit log's nightly job: sign the hash chain's head into the anchor file outside the database."""

from django_tasks import task

from permanence.jobs.registry import register_job

from .anchors import write_checkpoint


@task()
def audit_checkpoint(*, day: str) -> str:
    """Anchor the chain's head (anchors.py), so a deleted tail or a re-hashed chain is named by `audit verify`."""
    checkpoint = write_checkpoint()
    if checkpoint is None:
        return "The audit log is empty: nothing to anchor"
    return f"Checkpoint signed at row {checkpoint.last_id} ({checkpoint.count} rows)"


register_job(audit_checkpoint, name="audit-checkpoint", title="Sign the audit checkpoint", nightly_at="00:45")
