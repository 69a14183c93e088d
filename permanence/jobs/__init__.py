"""Background jobs: every piece of long or scheduled work runs here, off the request.

Built on Django's tasks framework (the django-tasks backport) with its database backend, so the
queue lives in the product's own database: nothing else to install. A feature app:

1. defines a task in its own `tasks.py` (found at start-up, like admin.py):

       from django_tasks import task
       from permanence.jobs.registry import register_job

       @task()
       def import_upload(*, upload_id: int) -> str:
           ...
           return "Imported 1,204 episodes for 311 children"   # one line shown to administrators

       register_job(import_upload, name="import-903", title="SSDA903 upload")
       # or, run every night by the scheduler:
       register_job(sync, name="sync", title="Case system sync", nightly_at="01:00")

2. enqueues it from a service, inside the service's transaction (the queue row commits with it):

       result = import_upload.enqueue(upload_id=upload.pk)   # keep result.id to show progress

`permanence worker` runs queued tasks; `permanence scheduler` enqueues the nightly ones. The
Background jobs page shows administrators each job's last run and outcome.
"""
