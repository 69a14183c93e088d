"""Sub-commands contributed by apps beyond the core ones in cli.py."""

from permanence.cli import _django, register


def _digest(argv):
    _django()
    from permanence.tracking.digest import digest_main

    return digest_main(argv)


register("digest", _digest, "print or email each worker's overdue and due-soon items")


def _returns(name):
    def handler(argv):
        _django()
        from permanence.returns import cli

        return getattr(cli, name)(argv)

    return handler


register("export-903", _returns("export_main"), "write the SSDA903 return for a collection year as CSV files")
register("import-903", _returns("import_main"), "read a council's SSDA903 CSV files into the record (all or nothing)")
register("measures", _returns("measures_main"), "the adoption scorecard, stability and timeliness measures for a year")


def _trust(module, name):
    def handler(argv):
        _django()
        import importlib

        return getattr(importlib.import_module(module), name)(argv)

    return handler


register("audit", _trust("permanence.audit.cli", "audit_main"), "verify the audit log's hash chain (audit verify)")
register("backup", _trust("permanence.backups", "backup_main"), "back up the database while the app runs")
register("restore", _trust("permanence.backups", "restore_main"), "restore the database from a backup")
register("api-token", _trust("permanence.api.cli", "token_main"), "issue, list and revoke API tokens")
register("api-schema", _trust("permanence.api.cli", "schema_main"), "print the API's OpenAPI document")
