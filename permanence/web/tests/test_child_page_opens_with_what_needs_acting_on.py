"""The child page opens with what needs acting on: overdue duties first, the longest overdue first,
then local rules, then what is due soon. Prompts are never there."""

from datetime import date

from django.urls import reverse

from permanence.children import services
from permanence.web.tests.builders import record_case


def test_the_child_page_opens_with_the_overdue_duties_before_the_sections(client, sam):
    child = record_case(worker=sam)
    client.force_login(sam)
    response = client.get(reverse("child-detail", args=[child.pk]))
    html = response.content.decode()
    items = response.context["page"].acting_on
    assert items, "the case has overdue duties"
    assert all(o.kind != "prompt" for o, _ in items)
    dues = [o.due for o, _ in items if o.status == "overdue" and o.kind == "duty"]
    assert dues == sorted(dues)  # the longest overdue first
    first, days = items[0]
    assert days == (response.context["page"].obligations.today - first.due).days
    assert html.index("Needs acting on") < html.index('id="case-summary"') < html.index('id="what-is-due"')
    assert f"{days:,} day" in html


def test_a_child_with_nothing_overdue_says_so_at_the_top(client, simone):
    child = services.child_create(
        first_name="Nell", last_name="Quiet", date_of_birth=date(2015, 5, 5), council_reference="Q1"
    )
    client.force_login(simone)
    response = client.get(reverse("child-detail", args=[child.pk]))
    assert response.context["page"].acting_on == []
    assert "Nothing overdue or due soon" in response.content.decode()
