"""A connected system's developer generates a client from docs/openapi.json and, with it, opens a
child's record, records an episode and reads back the child's obligations over HTTP."""

import importlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from permanence.access import matrix
from permanence.api.cli import schema_document
from permanence.api.tokens import token_issue
from permanence.web.tests.builders import person

DOCUMENT = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def test_the_committed_openapi_document_is_the_one_the_app_serves(client):
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert json.loads(DOCUMENT.read_text()) == json.loads(schema_document()) == served.json(), (
        "docs/openapi.json is out of date: run `permanence api-schema --out docs/openapi.json`"
    )


@pytest.fixture(scope="module")
def generated_client(tmp_path_factory):
    out = tmp_path_factory.mktemp("client")
    config = out / "config.yaml"
    config.write_text("post_hooks: []\npackage_name_override: permanence_client\n")
    generator = Path(sys.executable).parent / "openapi-python-client"
    subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(DOCUMENT),
            "--config",
            str(config),
            "--meta",
            "none",
            "--output-path",
            str(out / "permanence_client"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    sys.path.insert(0, str(out))
    try:
        yield lambda name: importlib.import_module(f"permanence_client.{name}")
    finally:
        sys.path.remove(str(out))


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_opens_a_record_records_an_episode_and_reads_the_obligations(generated_client, live_server):
    worker = person("casey", "Casey", "Worker", matrix.SOCIAL_WORKER)
    secret = token_issue(user=worker, name="case system feed", kind="integration").secret
    client = generated_client("client").AuthenticatedClient(base_url=live_server.url, token=secret)
    models = generated_client("models")
    create_child = generated_client("api.children.create_child")
    create_episode = generated_client("api.children.create_episode")
    list_obligations = generated_client("api.obligations.list_obligations")

    child = create_child.sync(
        client=client,
        body=models.ChildCreate(
            first_name="Noah",
            last_name="Example",
            council_reference="GEN-1",
            date_of_birth=date(2021, 6, 1),
            ethnicity=models.ChildCreateEthnicity("WBRI"),
        ),
    )
    assert isinstance(child, models.ChildOut) and child.social_worker == "Casey Worker"

    episode = create_episode.sync(
        child_id=child.id,
        client=client,
        body=models.EpisodeIn(
            start=date(2026, 2, 2),
            reason_new=models.EpisodeInReasonNew("S"),
            legal_status=models.EpisodeInLegalStatus("C2"),
            category_of_need=models.EpisodeInCategoryOfNeed("N1"),
            placement=models.EpisodeInPlacement("U4"),
        ),
    )
    assert isinstance(episode, models.EpisodeOut) and episode.end is None

    obligations = list_obligations.sync(child_id=child.id, client=client, on=date(2026, 2, 10))
    first_review = next(o for o in obligations if o.rule == "cla-review" and o.occurrence == 1)
    assert first_review.due == date(2026, 3, 2) and first_review.status == "upcoming"

    refused = create_episode.sync_detailed(
        child_id=child.id,
        client=client,
        body=models.EpisodeIn(
            start=date(2026, 3, 1),
            reason_new=models.EpisodeInReasonNew("S"),
            legal_status=models.EpisodeInLegalStatus("C2"),
            category_of_need=models.EpisodeInCategoryOfNeed("N1"),
            placement=models.EpisodeInPlacement("U4"),
        ),
    )
    assert refused.status_code == 422 and "start" in refused.parsed.error.fields.additional_properties


def test_the_api_reference_page_is_served_from_the_apps_own_files(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
