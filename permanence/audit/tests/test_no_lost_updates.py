"""Two people with one options analysis open: the second save is refused and shows the first."""

import re

from django.test import Client
from django.urls import reverse

from permanence.planning.models import OptionAssessment
from permanence.planning.tests.factories import analysis_with_two_options
from permanence.web.tests.builders import sign_in


def opened_version(html):
    return re.search(r'name="opened_version" value="(\d+)"', html).group(1)


def test_a_stale_edit_is_refused_and_the_other_change_is_shown(council):
    sam, tess, child = council["people"]["social_worker"], council["people"]["team_manager"], council["mine"]
    analysis = analysis_with_two_options(child, sam)
    url = reverse("planning-option", args=[child.pk, analysis.pk, "kinship"])
    sams, tesss = sign_in(Client(), sam), sign_in(Client(), tess)
    sam_version = opened_version(sams.get(url).content.decode())
    tess_version = opened_version(tesss.get(url).content.decode())
    form = {
        "realistic": "yes",
        "strengths": "Grandmother is committed",
        "risks": "Her health",
        "support": "Kinship allowance",
        "legal_order": "Special guardianship order",
        "child_views": "Wants to live with Nan",
        "parent_views": "Agree",
    }

    first = tesss.post(url, form | {"strengths": "Tess: grandmother passed assessment", "opened_version": tess_version})
    assert first.status_code == 302
    second = sams.post(url, form | {"strengths": "Sam: overwrite", "opened_version": sam_version})
    html = second.content.decode()
    assert second.status_code == 409
    assert "Someone else changed this record while you had it open" in html
    assert "tara" in html and "Tess: grandmother passed assessment" in html
    assert OptionAssessment.objects.get(analysis=analysis, option="kinship").strengths == (
        "Tess: grandmother passed assessment"
    )

    # Having seen Tess's change, Sam saves again on the version the refusal carried.
    again = sams.post(url, form | {"strengths": "Sam: both views", "opened_version": opened_version(html)})
    assert again.status_code == 302
    assert OptionAssessment.objects.get(analysis=analysis, option="kinship").strengths == "Sam: both views"


def test_saving_twice_yourself_is_not_a_conflict(council):
    sam, child = council["people"]["social_worker"], council["mine"]
    analysis = analysis_with_two_options(child, sam)
    url = reverse("planning-option", args=[child.pk, analysis.pk, "kinship"])
    client = sign_in(Client(), sam)
    version = opened_version(client.get(url).content.decode())
    form = {
        "realistic": "yes",
        "strengths": "a",
        "risks": "b",
        "support": "c",
        "legal_order": "d",
        "child_views": "e",
        "parent_views": "f",
        "opened_version": version,
    }
    assert client.post(url, form).status_code == 302
    assert client.post(url, form | {"strengths": "again"}).status_code == 302
