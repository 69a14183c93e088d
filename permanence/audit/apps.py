from importlib import import_module

from django.apps import AppConfig


def _flush_lifts_the_delete_trigger():
    """`flush` empties every table (between tests, or a deliberate reset): on SQLite it deletes
    rows, which the audit log's trigger refuses, so a flush that includes the log drops the
    trigger, empties the tables and puts the trigger back, in one transaction. Any other DELETE
    of an audit row is refused."""
    import django.db.backends.sqlite3.base  # noqa: F401  (loads the backend before its operations)
    from django.db.backends.sqlite3.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush
    if getattr(original, "keeps_audit_trigger", False):
        return
    migration = import_module("permanence.audit.migrations.0003_no_delete_on_sqlite")

    def sql_flush(self, style, tables, **kwargs):
        sql = original(self, style, tables, **kwargs)
        if "audit_auditevent" in tables:
            sql = [migration.SQLITE_DOWN, *sql, migration.SQLITE_UP.strip()]
        return sql

    sql_flush.keeps_audit_trigger = True
    DatabaseOperations.sql_flush = sql_flush


class AuditConfig(AppConfig):
    name = "permanence.audit"
    verbose_name = "Audit log"

    def ready(self):
        from . import signals  # here, not at the top: signals import the models

        signals.connect()
        _flush_lifts_the_delete_trigger()
