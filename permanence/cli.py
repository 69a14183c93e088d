"""The `permanence` command: the product's command line, over the same services as the web app.

Each sub-command lives in the app it belongs to (the table is in commands.py); this module only
dispatches.
"""

import importlib
import os
import sys

from permanence.commands import COMMANDS


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _manage(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["permanence manage", *argv])
    return 0


def _run(entry_point, needs_django, argv):
    if needs_django:
        _django()  # before the command's module is imported: it imports models
    module, _, function = entry_point.partition(":")
    return getattr(importlib.import_module(module), function)(argv)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print("usage: permanence COMMAND [ARGS ...]\n\nPermanence Planner command line.\n\ncommands:")
        for name, (_, _, help_text) in COMMANDS.items():
            print(f"  {name:<12} {help_text}")
        print(f"  {'manage':<12} run a Django management command (migrate, runserver, createsuperuser ...)")
        print("\nRun 'permanence COMMAND --help' for a command's options.")
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name == "manage":
        return _manage(rest)
    if name not in COMMANDS:
        print(f"permanence: unknown command {name!r}. Commands: {', '.join([*COMMANDS, 'manage'])}", file=sys.stderr)
        return 2
    entry_point, needs_django, _ = COMMANDS[name]
    return _run(entry_point, needs_django, rest) or 0


if __name__ == "__main__":
    sys.exit(main())
