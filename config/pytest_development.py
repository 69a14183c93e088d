"""The test run is development: DEBUG=1 before pytest-django loads config.settings.

Loaded by `-p config.pytest_development` (pyproject.toml, addopts), which pytest imports before
pytest-django reads the settings (a conftest.py is read too late for that). The settings default
to DEBUG off, as a council's server runs; the tests, and every process they start (manage.py, the
command line, the nightly job's helper processes, the worker, the sign-in provider), inherit
DEBUG=1 from here unless they set their own (the production tests set DEBUG=0 and their keys).
pytest-django still runs each test with settings.DEBUG False, as Django's own test runner does.
"""

import os

os.environ["DEBUG"] = "1"
