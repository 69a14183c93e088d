"""The legal routes reference and the child arrangements order (without leave) check, in the app."""

from django.urls import reverse

from permanence.legal import routes
from permanence.planning.options import OPTION_NAMES

from .factories import analysis_with_two_options


def test_every_option_can_take_at_least_one_legal_route():
    assert set(routes.OPTION_ROUTES) == set(OPTION_NAMES)
    assert all(routes.routes_for_option(option) for option in OPTION_NAMES)


def test_the_reference_page_compares_every_route_with_its_sources(client, sam):
    client.force_login(sam)
    html = client.get(reverse("legal-routes")).content.decode()
    for route in routes.ROUTES:
        assert route.name in html
    assert (
        "Parental responsibility" in html
        and "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015)" in html
    )


def test_the_option_page_shows_what_its_legal_route_means(client, sam, ava):
    analysis = analysis_with_two_options(ava, sam)
    client.force_login(sam)
    html = client.get(reverse("planning-option", args=[ava.pk, analysis.pk, "special_guardianship"])).content.decode()
    assert "Special guardianship order" in html or routes.route("special_guardianship_order").name in html
    assert "How long it lasts" in html


def test_a_foster_carer_of_eleven_months_is_told_they_need_leave_and_why(client, sam):
    client.force_login(sam)
    response = client.get(
        reverse("cao-eligibility"),
        {
            "application_date": "2026-11-23",
            "who": ["local_authority_foster_parent"],
            "lived_from": "2025-12-20",
            "circumstances": ["child_in_care"],
        },
    )
    html = response.content.decode()
    assert "They need the court&#x27;s leave" in html or "They need the court's leave" in html
    assert "11 months" in html


def test_a_special_guardian_can_apply_without_leave(client, sam):
    client.force_login(sam)
    html = client.get(
        reverse("cao-eligibility"), {"application_date": "2026-11-23", "who": ["special_guardian"]}
    ).content.decode()
    assert "They can apply without leave" in html


def test_someone_given_parental_responsibility_by_a_spends_time_with_order_may_apply(client, sam):
    client.force_login(sam)
    html = client.get(
        reverse("cao-eligibility"), {"application_date": "2026-11-23", "who": ["pr_under_contact_order"]}
    ).content.decode()
    assert "They can apply without leave" in html
    assert "s10(5)(d)" in html


def test_an_impossible_time_lived_together_is_named(client, sam):
    client.force_login(sam)
    response = client.get(
        reverse("cao-eligibility"),
        {"application_date": "2026-11-23", "lived_from": "2026-05-01", "lived_to": "2026-01-01"},
    )
    html = response.content.decode()
    assert "govuk-error-summary" in html and "must be after its start" in html
    assert response.context["result"] is None
