"""Every namespace, every method, against the mock: the generated models come back."""

from __future__ import annotations

from miso_client import MisoClient
from miso_client import models as m

APP = {
    "name": "ns-app",
    "environment": "production",
    "configuration": {"image": "ns-app:1", "replicas": 2},
}


class TestApplications:
    def test_list_with_filters(self, client: MisoClient) -> None:
        page = client.applications.list(page=1, limit=10, status="active", environment="production")
        assert isinstance(page, m.ApplicationList)
        assert [a.name for a in page.data] == ["my-application"]
        assert isinstance(page.data[0], m.ApplicationSummary)
        assert page.pagination.limit == 10
        assert client.applications.list(status=m.ApplicationStatus.INACTIVE).data == []

    def test_sort_accepts_the_enum_value(self, client: MisoClient) -> None:
        client.applications.create({**APP, "name": "a-first"})
        names = [a.name for a in client.applications.list(sort="name:asc").data]
        assert names == sorted(names)

    def test_get(self, client: MisoClient) -> None:
        app = client.applications.get("app-123")
        assert isinstance(app, m.Application)
        assert app.owner.name == "John Doe"
        assert app.configuration.image == "my-app:latest"

    def test_create_from_a_model(self, client: MisoClient) -> None:
        body = m.ApplicationCreate(
            name="from-model",
            environment="production",
            configuration=m.ApplicationConfiguration(image="from-model:1"),
            description="built as a model",
        )
        app = client.applications.create(body)
        assert (app.name, app.description) == ("from-model", "built as a model")

    def test_update_and_delete(self, client: MisoClient) -> None:
        app = client.applications.create(APP)
        updated = client.applications.update(app.id, {"description": "changed"})
        assert updated.description == "changed"
        deleted = client.applications.delete(app.id)
        assert isinstance(deleted, m.DeleteResult)
        assert deleted.id == app.id

    def test_configuration(self, client: MisoClient) -> None:
        configuration = client.applications.configuration("app-123")
        assert isinstance(configuration, m.ApplicationConfiguration)
        changed = client.applications.update_configuration(
            "app-123", {"image": "my-app:v2", "replicas": 4}
        )
        assert (changed.image, changed.replicas) == ("my-app:v2", 4)
        assert client.applications.configuration("app-123").replicas == 4

    def test_access(self, client: MisoClient) -> None:
        access = client.applications.access("app-123")
        assert isinstance(access, m.ApplicationAccess)
        grants = [{"user_id": "user-456", "role": "owner"}]
        updated = client.applications.update_access("app-123", {"grants": grants})
        assert [(g.user_id, g.role) for g in updated.grants] == [("user-456", m.AccessRole.OWNER)]

    def test_health(self, client: MisoClient) -> None:
        health = client.applications.health("app-123")
        assert isinstance(health, m.ApplicationHealth)
        assert isinstance(health.status, m.HealthStatus)

    def test_logs(self, client: MisoClient) -> None:
        logs = client.applications.logs("app-123", lines=2, level="info")
        assert isinstance(logs, m.LogList)
        assert len(logs.logs) <= 2
        assert all(entry.level == m.LogLevel.INFO for entry in logs.logs)


class TestDeployments:
    def test_list(self, client: MisoClient) -> None:
        page = client.deployments.list("app-123", limit=5, status="success")
        assert isinstance(page, m.DeploymentList)
        assert "deploy-789" in [d.id for d in page.data]

    def test_create_and_get(self, client: MisoClient) -> None:
        created = client.deployments.create("app-123", m.DeploymentCreate(image="my-app:v9"))
        assert isinstance(created, m.Deployment)
        fetched = client.deployments.get(created.id)
        assert (fetched.id, fetched.image) == (created.id, "my-app:v9")

    def test_logs(self, client: MisoClient) -> None:
        logs = client.deployments.logs("deploy-789", lines=3)
        assert isinstance(logs, m.LogList)
        assert 0 < len(logs.logs) <= 3
        assert isinstance(logs.logs[0], m.LogEntry)


class TestEnvironments:
    def test_list_and_get(self, client: MisoClient) -> None:
        environments = client.environments.list()
        assert isinstance(environments, m.EnvironmentList)
        assert {"env-dev", "env-prod"} <= {e.id for e in environments.data}
        production = client.environments.get("env-prod")
        assert isinstance(production, m.Environment)
        assert production.name == "Production"


class TestUsers:
    def test_list(self, client: MisoClient) -> None:
        page = client.users.list(role="admin")
        assert isinstance(page, m.UserList)
        assert "user-456" in [u.id for u in page.data]

    def test_me(self, client: MisoClient, viewer: MisoClient) -> None:
        me = client.users.me()
        assert isinstance(me, m.CurrentUser)
        assert me.client_id == "miso-dev"
        assert m.Permission.MISO_ADMIN in me.permissions
        assert viewer.users.me().permissions == [m.Permission.MISO_READ]

    def test_get_and_update(self, client: MisoClient) -> None:
        assert client.users.get("user-456").name == "John Doe"
        updated = client.users.update("user-456", {"name": "John Updated Doe"})
        assert isinstance(updated, m.User)
        assert updated.name == "John Updated Doe"


class TestMonitoring:
    def test_metrics(self, client: MisoClient) -> None:
        series = client.monitoring.metrics(metric="http_requests_total", time_range="24h")
        assert isinstance(series, m.MetricSeries)
        assert (series.metric, series.time_range) == (m.MetricName.HTTP_REQUESTS_TOTAL, "24h")

    def test_health(self, client: MisoClient) -> None:
        health = client.monitoring.health()
        assert isinstance(health, m.SystemHealth)
        assert health.status == m.HealthStatus.HEALTHY


class TestWebhooks:
    def test_lifecycle(self, client: MisoClient) -> None:
        hook = client.webhooks.create(
            {
                "url": "https://your-webhook.com/events",
                "events": ["application.created"],
                "secret": "your-webhook-secret",
            }
        )
        assert isinstance(hook, m.Webhook)
        assert hook.events == [m.WebhookEventType.APPLICATION_CREATED]
        assert hook.id in [h.id for h in client.webhooks.list().data]
        assert client.webhooks.get(hook.id).url == "https://your-webhook.com/events"
        deliveries = client.webhooks.deliveries(hook.id)
        assert isinstance(deliveries, m.WebhookDeliveryList)
        assert client.webhooks.delete(hook.id).id == hook.id


class TestAuth:
    def test_token_and_validate(self, client: MisoClient) -> None:
        token = client.auth.token()
        validation = client.auth.validate(token)
        assert isinstance(validation, m.TokenValidation)
        assert validation.valid is True
        assert client.auth.validate("not-a-token").valid is False

    def test_discovery(self, client: MisoClient) -> None:
        configuration = client.auth.openid_configuration()
        assert isinstance(configuration, m.OpenIdConfiguration)
        assert configuration.token_endpoint.endswith("/auth/token")
        keys = client.auth.jwks()
        assert isinstance(keys, m.JsonWebKeySet)
        assert keys.keys


def test_the_generated_client_is_reachable_and_authenticated(client: MisoClient) -> None:
    from miso_api_client.api.applications import get_application

    response = get_application.sync_detailed("app-123", client=client.api)
    assert response.status_code == 200
    assert isinstance(response.parsed, m.Application)
