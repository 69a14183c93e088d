"""Finding a child by name or council reference."""

from django.urls import reverse


def search(client, user, query):
    client.force_login(user)
    response = client.get(reverse("child-search"), {"q": query})
    assert response.status_code == 200
    return response


def test_a_child_is_found_by_name(client, sam, ava, ben):
    results = search(client, sam, "ava").context["results"]
    assert [case.child.full_name for case in results.object_list] == ["Ava Example"]


def test_a_child_is_found_by_council_reference(client, irene, ava, ben):
    results = search(client, irene, "c1002").context["results"]  # Irene reviews both children
    assert [case.child.full_name for case in results.object_list] == ["Ben Other"]


def test_no_match_says_what_to_try(client, sam, ava):
    html = search(client, sam, "Zebedee").content.decode()
    assert "No children match ‘Zebedee’" in html and "Check the spelling" in html


def test_the_search_page_starts_empty(client, sam, ava):
    response = search(client, sam, "")
    assert response.context["results"] is None
    assert "<table" not in response.content.decode()
