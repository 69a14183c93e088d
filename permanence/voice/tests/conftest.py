from permanence.web.tests.conftest import ava, irene, sam, team  # noqa: F401
