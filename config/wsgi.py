import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# A page builds many short-lived objects (query sets, rows, template nodes), and by default the
# garbage collector sweeps its youngest objects every 700 allocations: several times a request.
# Sweeping less often, and never again over what the application loaded at start (frozen), costs
# no correctness and about 4% of the CPU of a page (measured in process on the child page and
# the caseload; README, `make load`).
gc.freeze()
gc.set_threshold(20_000, 50, 100)
