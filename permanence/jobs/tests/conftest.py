import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from permanence.accounts import roles
from permanence.web.tests.builders import person


@pytest.fixture
def alex(db):
    """Alex Admin, the council's system administrator (two-step sign-in set up)."""
    return person("alex", "Alex", "Admin", roles.ADMINISTRATOR)


@pytest.fixture
def admin_client(client, alex):
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(alex)
    device = TOTPDevice.objects.create(user=alex, name="phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
