"""What a process spawned by the nightly job runs first: Django set up, then its slice of children.

Kept apart from nightly.py, which imports models: a spawned process unpickles the function it
runs (importing its module) before anything else, and models can be imported only once Django
is set up.
"""


def run_slice(args):
    import django

    django.setup()
    # Imported here, once Django is set up in this fresh process (see the module's docstring).
    from .nightly import run_slice as run

    return run(args)
