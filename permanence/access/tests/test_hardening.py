"""Small guards a security review asked for: nothing cached, strong passwords, odd input named."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from permanence.access import matrix
from permanence.access.models import RestrictedRecord
from permanence.children import services
from permanence.web.tests.builders import sign_in


def test_no_browser_or_proxy_keeps_a_copy_of_a_record_page_or_a_download(client, council):
    sign_in(client, council["people"][matrix.SERVICE_MANAGER])
    for url in (
        reverse("child-detail", args=[council["mine"].pk]),
        reverse("tracker", args=["permanence"]) + "?format=xlsx",
        reverse("home"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("123456789012", "entirely numeric"),
        ("password1234", "too common"),
        ("short-pw", "too short"),
    ],
)
def test_a_weak_password_is_refused_with_the_reason(password, problem):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(problem in message for message in refused.value.messages)


def test_a_long_unusual_password_is_accepted():
    validate_password("kettle-orchard-lantern-42")


@pytest.mark.parametrize(
    ("within", "message"),
    [
        ("abc", "Enter the number of days as a whole number"),
        ("9" * 30, "36,500 (100 years) or fewer"),
        ("99999999", "36,500 (100 years) or fewer"),
        ("-5", "0 or more"),
    ],
)
def test_the_retention_report_names_a_bad_number_of_days_instead_of_failing(client, council, within, message):
    sign_in(client, council["people"][matrix.ADMINISTRATOR])
    response = client.get(reverse("retention-report"), {"within": within})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_retention_report_never_names_a_restricted_record(client, council):
    from datetime import date

    old = services.child_create(
        first_name="Old", last_name="Sealed", date_of_birth=date(1940, 1, 1), council_reference="SEALED1"
    )
    RestrictedRecord.objects.create(child=old, reason=RestrictedRecord.SEALED_ADOPTION)
    sign_in(client, council["people"][matrix.ADMINISTRATOR])
    html = client.get(reverse("retention-report")).content.decode()
    assert "SEALED1" not in html and "Restricted record" in html
