"""The `permanence` command: the product's command line, over the same services as the web app.

Each sub-command lives in the app it belongs to; this module only dispatches.
"""

import argparse
import os
import sys


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _deadlines(argv):
    # Pure engine: no database, no Django set-up.
    from permanence.timescales.cli import deadlines_main

    return deadlines_main(argv)


def _demo(argv):
    _django()
    from permanence.demo.cli import demo_main

    return demo_main(argv)


def _manage(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["permanence manage", *argv])
    return 0


COMMANDS = {
    "deadlines": (_deadlines, "what is due, overdue and met for one case file (CASE.json)"),
    "demo": (_demo, "create the synthetic demo council in the database"),
    "manage": (_manage, "run a Django management command (migrate, runserver, createsuperuser ...)"),
}


def register(name, handler, help_text):
    """Later apps add their sub-commands here (digest, export-903, audit ...)."""
    COMMANDS[name] = (handler, help_text)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    _load_extra_commands()
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print("usage: permanence COMMAND [ARGS ...]\n\nPermanence Planner command line.\n\ncommands:")
        for name, (_, help_text) in COMMANDS.items():
            print(f"  {name:<12} {help_text}")
        print("\nRun 'permanence COMMAND --help' for a command's options.")
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"permanence: unknown command {name!r}. Commands: {', '.join(COMMANDS)}", file=sys.stderr)
        return 2
    return COMMANDS[name][0](rest) or 0


def _load_extra_commands():
    from permanence import commands  # noqa: F401  (registers commands of later apps)


if __name__ == "__main__":
    sys.exit(main())
