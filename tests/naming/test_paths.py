"""Resources and methods named from the paths (the default): each rule on a small spec of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build_ir import build_ir
from generator.config import GeneratorConfig, OperationOverride
from generator.ir import ApiIR

PAGE = {"type": "object", "properties": {"data": {"type": "array", "items": {"type": "object"}}, "has_more": {"type": "boolean"}}}  # fmt: skip
OBJECT = {"type": "object", "properties": {"id": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}, "name": {"type": "string"}}}  # fmt: skip


def operation(operation_id: str = "", body: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """An operation answering ``body`` (an object by default) as JSON."""
    answer = {"description": "ok", "content": {"application/json": {"schema": body or OBJECT}}}
    return {**({"operationId": operation_id} if operation_id else {}), "responses": {"200": answer}, **extra}


def build(tmp_path: Path, paths: dict[str, dict[str, Any]], config: GeneratorConfig | None = None) -> ApiIR:
    """The IR of a spec with these ``paths`` (each ``{method: operation}``)."""
    spec = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "servers": [{"url": "https://t.example"}],
            "paths": paths}  # fmt: skip
    file = tmp_path / "t.yaml"
    file.write_text(yaml.safe_dump(spec, sort_keys=False))
    return build_ir(file, config)


def names(api: ApiIR) -> dict[str, str]:
    """``"METHOD /path"`` → ``resource.method(positional)``."""
    return {f"{op.http_method.upper()} {op.path}": f"{r.dotted}.{op.method_name}" for r, op in api.operations()}


def test_static_segments_nest_and_versions_go(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/v1/chat/completions": {"get": operation("listChatCompletions", PAGE), "post": operation("createChatCompletion")},
        "/v1/chat/completions/{completion_id}": {"get": operation("getChatCompletion"),
                                                 "post": operation("updateChatCompletion"),
                                                 "delete": operation("deleteChatCompletion")},
        "/v1/chat/completions/{completion_id}/messages": {"get": operation("getChatCompletionMessages", PAGE)},
    })  # fmt: skip
    assert names(api) == {
        "GET /v1/chat/completions": "chat.completions.list",
        "POST /v1/chat/completions": "chat.completions.create",
        "GET /v1/chat/completions/{completion_id}": "chat.completions.retrieve",
        "POST /v1/chat/completions/{completion_id}": "chat.completions.update",
        "DELETE /v1/chat/completions/{completion_id}": "chat.completions.delete",
        "GET /v1/chat/completions/{completion_id}/messages": "chat.completions.messages.list",
    }
    (chat,) = api.resources
    assert (chat.attr_name, chat.operations, [c.attr_name for c in chat.children]) == ("chat", (), ["completions"])
    assert [c.path for c in chat.children[0].children] == [("chat", "completions", "messages")]
    assert not [w for w in api.warnings if "wanted" in w]


def test_list_only_for_a_list_or_page_and_retrieve_for_a_singleton(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/v1/account": {"get": operation("GetAccount")},  # an object with one array field is no page
        "/v1/charges": {"get": operation("GetCharges", PAGE)},
        "/v1/events": {"get": operation("GetEvents", {"type": "array", "items": {"type": "string"}})},
        "/v1/balance": {"get": operation("GetBalance", {"type": "object", "properties": {"available": {"type": "integer"}}})},
    })  # fmt: skip
    assert names(api) == {
        "GET /v1/account": "account.retrieve",
        "GET /v1/charges": "charges.list",
        "GET /v1/events": "events.list",
        "GET /v1/balance": "balance.retrieve",
    }


def test_trailing_actions_and_sub_resources(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/batches": {"post": operation("createBatch")},
        "/batches/{batch_id}": {"get": operation("retrieveBatch")},
        "/batches/{batch_id}/cancel": {"post": operation("cancelBatch")},
        "/files/{file_id}": {"get": operation("retrieveFile")},
        "/files/{file_id}/content": {"get": operation("downloadFile")},
        "/uploads/{upload_id}": {"get": operation("getUpload")},
        "/uploads/{upload_id}/parts": {"post": operation("addUploadPart")},
        "/runs/{run_id}/submit_tool_outputs": {"post": operation("submitToolOutputsToRun")},
        "/certificates": {"get": operation("listCertificates", PAGE)},
        "/certificates/activate": {"post": operation("activateCertificates")},
        "/audio/speech": {"post": operation("createSpeech")},
        "/subscriptions/{id}": {"get": operation("GetSubscription")},
        "/subscriptions/{id}/discount": {"delete": operation("DeleteSubscriptionsDiscount")},
        "/v1/payment_intents/{intent}/capture": {"post": operation("PostPaymentIntentsIntentCapture")},
    })  # fmt: skip
    got = names(api)
    assert got["POST /batches/{batch_id}/cancel"] == "batches.cancel"
    assert got["GET /files/{file_id}/content"] == "files.content"
    assert got["POST /uploads/{upload_id}/parts"] == "uploads.parts.create"  # a plural noun is a resource
    assert got["POST /runs/{run_id}/submit_tool_outputs"] == "runs.submit_tool_outputs"  # the operationId's verb
    assert got["POST /certificates/activate"] == "certificates.activate"
    assert got["POST /audio/speech"] == "audio.speech.create"  # below a plain namespace: a resource
    assert got["DELETE /subscriptions/{id}/discount"] == "subscriptions.delete_discount"
    assert got["POST /v1/payment_intents/{intent}/capture"] == "payment_intents.capture"


def test_an_action_below_a_resource_that_names_a_thing_not_a_namespace(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/v1/charges/{charge}/dispute": {"get": operation("GetChargesChargeDispute")},
        "/v1/charges/{charge}/dispute/close": {"post": operation("PostChargesChargeDisputeClose")},
        "/v1/apps/secrets": {"get": operation("GetAppsSecrets", PAGE), "post": operation("PostAppsSecrets")},
        "/v1/apps/secrets/find": {"get": operation("GetAppsSecretsFind")},
        "/v1/cards/{card}/shipping/deliver": {"post": operation("PostCardsCardShippingDeliver")},
        "/v1/cards/{card}/shipping/fail": {"post": operation("PostCardsCardShippingFail")},
        "/v1/audio/speech": {"post": operation("createSpeech")},
        "/v1/audio/voices": {"get": operation("listVoices", PAGE)},
        "/users/{user_id}/folders/0": {"put": operation("putRootFolder")},
    })  # fmt: skip
    got = names(api)
    assert got["POST /v1/charges/{charge}/dispute/close"] == "charges.dispute.close"  # a singleton sub-resource
    assert got["GET /v1/apps/secrets/find"] == "apps.secrets.find"  # a collection without items
    assert got["POST /v1/cards/{card}/shipping/deliver"] == "cards.shipping.deliver"  # a part of an item
    assert got["POST /v1/audio/speech"] == "audio.speech.create"  # a plain namespace: still a resource
    assert got["PUT /users/{user_id}/folders/0"].endswith(".update")  # a fixed ID is no action


def test_a_verb_led_segment_is_an_action_when_the_api_acts_with_that_verb(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/v1/sources/{source}/verify": {"post": operation("PostSourcesSourceVerify")},
        "/v1/payment_intents/{intent}": {"get": operation("GetPaymentIntentsIntent")},
        "/v1/payment_intents/{intent}/verify_microdeposits": {"post": operation("PostPaymentIntentsIntentVerifyMicrodeposits")},
        "/v1/accounts/{account}/login_links": {"post": operation("PostAccountsAccountLoginLinks")},
    })  # fmt: skip
    got = names(api)
    assert got["POST /v1/payment_intents/{intent}/verify_microdeposits"] == "payment_intents.verify_microdeposits"
    assert got["POST /v1/accounts/{account}/login_links"] == "accounts.login_links.create"  # `login` is no action here
    without_verify = build(tmp_path, {
        "/v1/payment_intents/{intent}/verify_microdeposits": {"post": operation("PostPaymentIntentsIntentVerifyMicrodeposits")},
    })  # fmt: skip
    assert names(without_verify) == {
        "POST /v1/payment_intents/{intent}/verify_microdeposits": "payment_intents.verify_microdeposits.create"
    }


def test_a_put_or_patch_on_a_verb_is_the_verb(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/me/player": {"get": operation("get-information-about-the-users-current-playback")},
        "/me/player/pause": {"put": operation("pause-a-users-playback")},  # the operationId starts with it
        "/me/player/volume": {"put": operation("set-volume-for-users-playback")},
        "/users/{id}/activate": {"post": operation("")},  # `activate` is one of this API's actions ...
        "/tenant": {"get": operation("")},
        "/tenant/activate": {"patch": operation("")},  # ... so PATCH /tenant/activate is too
    })  # fmt: skip
    got = names(api)
    assert got["PUT /me/player/pause"] == "me.player.pause"
    assert got["PUT /me/player/volume"] == "me.player.update_volume"  # a noun: what the PUT changes
    assert got["PATCH /tenant/activate"] == "tenant.activate"


def test_a_post_on_a_singleton_updates_it_where_the_api_updates_with_post(tmp_path: Path) -> None:
    singleton = {"/v1/customers/{customer}/cash_balance": {"get": operation("GetCustomersCustomerCashBalance"),
                                                           "post": operation("PostCustomersCustomerCashBalance")}}  # fmt: skip
    posting = build(tmp_path, {
        "/v1/customers/{customer}": {"get": operation("GetCustomersCustomer"), "post": operation("PostCustomersCustomer")},
        **singleton,
    })  # fmt: skip
    assert names(posting)["POST /v1/customers/{customer}/cash_balance"] == "customers.cash_balance.update"
    putting = build(tmp_path, {
        "/v1/customers/{customer}": {"get": operation("GetCustomersCustomer"), "put": operation("PutCustomersCustomer")},
        **singleton,
    })  # fmt: skip
    assert names(putting)["POST /v1/customers/{customer}/cash_balance"] == "customers.cash_balance.create"
    session = build(tmp_path, {  # a POST whose operationId names another verb stays itself
        "/v1/customers/{customer}": {"post": operation("PostCustomersCustomer")},
        "/v1/session": {"get": operation("getSession"), "post": operation("createSession")},
    })  # fmt: skip
    assert names(session)["POST /v1/session"] == "session.create"


def test_a_segment_does_not_repeat_the_resource_above_it(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/v1/sources/{source}/source_transactions": {"get": operation("GetSourceTransactions", PAGE)},
        "/v1/sources/{source}/source_transactions/{id}": {"get": operation("GetSourceTransaction")},
        "/games/{id}/game-series": {"get": operation("listGameSeries", PAGE)},
        "/games/{id}/game-series/{series_id}": {"get": operation("getGameSeries")},
        "/games/{id}/series": {"get": operation("listSeries", PAGE)},  # the shorter name is taken
        "/games/{id}/series/{series_id}": {"get": operation("getSeries")},
    })  # fmt: skip
    got = names(api)
    assert got["GET /v1/sources/{source}/source_transactions"] == "sources.transactions.list"
    assert got["GET /v1/sources/{source}/source_transactions/{id}"] == "sources.transactions.retrieve"
    assert got["GET /games/{id}/game-series"] == "games.game_series.list"
    assert got["GET /games/{id}/series"] == "games.series.list"


def test_a_resource_of_single_gets_has_them_as_methods(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/organization/usage/images": {"get": operation("usage-images", PAGE)},
        "/organization/usage/embeddings": {"get": operation("usage-embeddings", PAGE)},
        "/organization/audit_logs": {"get": operation("list-audit-logs", PAGE)},
        "/organization/invites": {"get": operation("list-invites", PAGE)},
        "/organization/invites/{invite_id}": {"delete": operation("delete-invite")},
    })  # fmt: skip
    assert names(api) == {
        "GET /organization/usage/images": "organization.usage.images",
        "GET /organization/usage/embeddings": "organization.usage.embeddings",
        "GET /organization/audit_logs": "organization.audit_logs.list",  # a sibling of resources with items
        "GET /organization/invites": "organization.invites.list",
        "DELETE /organization/invites/{invite_id}": "organization.invites.delete",
    }


def test_a_leading_api_and_a_prefix_repeating_the_servers_path_go(tmp_path: Path) -> None:
    paths = {
        "/api/v2/store/pets": {"get": operation("listPets", PAGE)},
        "/api/v2/store/pets/{pet_id}": {"get": operation("getPet")},
        "/api/v2/store/orders": {"post": operation("placeOrder")},
    }
    assert set(names(build(tmp_path, paths)).values()) == {
        "store.pets.list",
        "store.pets.retrieve",
        "store.orders.create",
    }
    spec = tmp_path / "s.yaml"
    spec.write_text(yaml.safe_dump({"openapi": "3.1.0", "info": {"title": "S", "version": "1"},
                                    "servers": [{"url": "https://host.example/store"}], "paths": paths}))  # fmt: skip
    assert set(names(build_ir(spec)).values()) == {"pets.list", "pets.retrieve", "orders.create"}


def test_a_query_flag_in_the_path_key_is_a_namespace(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/responses": {"post": operation("createResponse")},
        "/responses?beta=true": {"post": operation("beta_createResponse")},
    })  # fmt: skip
    assert names(api) == {"POST /responses": "responses.create", "POST /responses?beta=true": "beta.responses.create"}
    assert not [w for w in api.warnings if "wanted" in w]


def test_a_namespaced_operation_id_names_resource_and_method(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/repos/{owner}/{repo}/collaborators/{username}": {
            "put": operation("repos/add-collaborator"), "delete": operation("repos/remove-collaborator")},
        "/user/keys/{key_id}": {"get": operation("users/get-public-ssh-key-for-authenticated-user")},
        "/orgs/{org}/copilot/metrics": {"get": operation("copilot/copilot-organization-usage-metrics")},
        "/drives/{driveId}/hide": {"post": operation("drive.drives.hide")},
        "/files/{fileId}": {"get": operation("drive.files.get")},
        "/v1/{name}/topics": {"get": operation("pubsub.projects.topics.list")},
        "/users/info": {"get": operation("users.getInfo")},
    })  # fmt: skip
    assert names(api) == {
        "PUT /repos/{owner}/{repo}/collaborators/{username}": "repos.add_collaborator",
        "DELETE /repos/{owner}/{repo}/collaborators/{username}": "repos.remove_collaborator",
        "GET /user/keys/{key_id}": "users.get_public_ssh_key_for_authenticated_user",
        # Written as an SDK name already: kept whole, as Octokit and githubkit keep it.
        "GET /orgs/{org}/copilot/metrics": "copilot.copilot_organization_usage_metrics",
        # Google's dotted names: every part but the last is a resource (as in google-api-python-client).
        "POST /drives/{driveId}/hide": "drive.drives.hide",
        "GET /files/{fileId}": "drive.files.get",
        "GET /v1/{name}/topics": "pubsub.projects.topics.list",
        "GET /users/info": "users.get_info",
    }


def test_collisions_fall_back_to_the_operation_id_each_with_a_located_warning(tmp_path: Path) -> None:
    paths = {
        "/threads/runs": {"post": operation("createThreadAndRun")},
        "/threads/{thread_id}/runs": {"post": operation("createRun")},
        "/jobs": {"put": operation("replaceJobs"), "patch": operation("patchJobs")},
    }
    api = build(tmp_path, paths)
    got = names(api)
    assert got["POST /threads/{thread_id}/runs"] == "threads.runs.create"  # its operationId says just that
    assert got["POST /threads/runs"] == "threads.runs.create_and_run"  # the thread words stripped
    assert {got["PUT /jobs"], got["PATCH /jobs"]} == {"jobs.replace", "jobs.patch"}
    collisions = [w for w in api.warnings if "is also wanted by" in w]
    assert len(collisions) == 3
    assert any(
        "t.yaml:" in w and "(at #/paths/~1threads~1runs/post)" in w and "create_and_run" in w for w in collisions
    )
    assert names(build(tmp_path, paths)) == got  # deterministic


def test_a_method_never_hides_a_child_resource_nor_a_reserved_name(tmp_path: Path) -> None:
    api = build(tmp_path, {
        "/files/{file_id}": {"get": operation("getFile")},
        "/files/{file_id}/content": {"get": operation("getFileContent")},  # the action `files.content` ...
        "/files/content/{content_id}": {"get": operation("getContent")},  # ... and the resource files.content
        "/class/{id}/with_raw_response": {"post": operation("rawThing")},
        "/copy/{id}": {"get": operation("getCopy")},
        "/imports/{id}/return": {"post": operation("returnImport")},
    })  # fmt: skip
    got = names(api)
    assert got["GET /files/content/{content_id}"] == "files.content.retrieve"
    assert got["GET /files/{file_id}/content"] == "files.get_content"  # not `content`: that is the child
    assert got["POST /class/{id}/with_raw_response"] == "class_.with_raw_response_"
    assert got["GET /copy/{id}"] == "copy_.retrieve"  # `client.copy` is the client's own method
    assert got["POST /imports/{id}/return"] == "imports.return_"
    assert any("the child resource files.content" in w for w in api.warnings)


def test_explicit_names_win_over_the_rules(tmp_path: Path) -> None:
    paths = {
        "/jobs": {"get": operation("listJobs", PAGE)},
        "/jobs/{id}/cancel": {
            "post": operation("cancelJob", **{"x-sdk-resource": "beta.jobs", "x-sdk-method": "stop"})
        },
        "/jobs/{id}/rerun": {"post": operation("rerunJob")},
    }
    assert names(build(tmp_path, paths)) == {
        "GET /jobs": "jobs.list", "POST /jobs/{id}/cancel": "beta.jobs.stop", "POST /jobs/{id}/rerun": "jobs.rerun",
    }  # fmt: skip
    config = GeneratorConfig(operations=(
        OperationOverride("listJobs", method="all"),
        OperationOverride("POST /jobs/{job_id}/cancel", resource="admin"),  # parameter names do not matter
        OperationOverride("nothing", method="x"),
    ))  # fmt: skip
    api = build(tmp_path, paths, config)
    got = names(api)
    assert got == {
        "GET /jobs": "jobs.all",
        "POST /jobs/{id}/cancel": "admin.stop",
        "POST /jobs/{id}/rerun": "jobs.rerun",
    }
    assert any("operations.nothing matches no operation" in w for w in api.warnings)


@pytest.mark.parametrize(
    ("naming", "expected"),
    [
        ("tags", {"GET /v1/jobs": "batch.list", "POST /v1/jobs/{id}/cancel": "batch.cancel",
                  "GET /v1/jobs/{id}/events": "batch.list_job_events"}),
        ("operation-ids", {"GET /v1/jobs": "batch.list_jobs", "POST /v1/jobs/{id}/cancel": "batch.cancel_job",
                           "GET /v1/jobs/{id}/events": "batch.list_job_events"}),
        ("paths", {"GET /v1/jobs": "jobs.list", "POST /v1/jobs/{id}/cancel": "jobs.cancel",
                   "GET /v1/jobs/{id}/events": "jobs.events.list"}),
    ],
)  # fmt: skip
def test_the_naming_option(tmp_path: Path, naming: str, expected: dict[str, str]) -> None:
    tag = {"tags": ["Batch"]}
    api = build(tmp_path, {
        "/v1/jobs": {"get": operation("listJobs", PAGE, **tag)},
        "/v1/jobs/{id}/cancel": {"post": operation("cancelJob", **tag)},
        "/v1/jobs/{id}/events": {"get": operation("listJobEvents", PAGE, **tag)},
    }, GeneratorConfig(naming=naming))  # fmt: skip
    assert names(api) == expected
