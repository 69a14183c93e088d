"""The `permanence` sub-commands: name -> (entry point, needs Django, help).

Each entry point is "module:function" taking the remaining arguments and returning an exit code.
The module is imported only when its command runs, after Django is set up when it needs it,
so `permanence deadlines` (the pure engine) works without a database. To add a command, add a line.
"""

COMMANDS = {
    "deadlines": (
        "permanence.timescales.cli:deadlines_main",
        False,
        "what is due, overdue and met for one case file (CASE.json)",
    ),
    "rules": (
        "permanence.timescales.cli:rules_main",
        False,
        "the law table of a policy pack: each rule, its kind, how it counts, its source and tests",
    ),
    "demo": ("permanence.demo.cli:demo_main", True, "create the synthetic demo council in the database"),
    "digest": (
        "permanence.tracking.digest:digest_main",
        True,
        "print or email each worker's overdue and due-soon items",
    ),
    "export-903": (
        "permanence.returns.cli:export_main",
        True,
        "write the SSDA903 return for a collection year as CSV files",
    ),
    "import-903": (
        "permanence.returns.cli:import_main",
        True,
        "read a council's SSDA903 CSV files into the record (all or nothing)",
    ),
    "measures": (
        "permanence.returns.cli:measures_main",
        True,
        "the adoption scorecard, stability and timeliness measures for a year",
    ),
    "obligations": (
        "permanence.obligations.cli:main",
        True,
        "check the stored obligations against a fresh computation, or rebuild them (check | rebuild)",
    ),
    "audit": ("permanence.audit.cli:audit_main", True, "verify the audit log's hash chain (audit verify)"),
    "backup": ("permanence.backups:backup_main", True, "back up the database while the app runs"),
    "restore": ("permanence.backups:restore_main", True, "restore the database from a backup"),
    "api-token": ("permanence.api.cli:token_main", True, "issue, list and revoke API tokens"),
    "api-schema": ("permanence.api.cli:schema_main", True, "print the API's OpenAPI document"),
    "sync-ssd": (
        "permanence.feed.cli:sync_main",
        True,
        "bring the case record up to date from the council's SSD (folder or database URL)",
    ),
    "export-ssd": (
        "permanence.feed.cli:export_main",
        True,
        "write the case record as Standard Safeguarding Dataset CSV extracts",
    ),
    "worker": (
        "permanence.jobs.cli:worker_main",
        True,
        "run queued background jobs (several may run side by side)",
    ),
    "scheduler": ("permanence.jobs.cli:scheduler_main", True, "queue the nightly jobs at their times"),
    "jobs": ("permanence.jobs.cli:jobs_main", True, "list background jobs and their last runs, or run one now"),
}
