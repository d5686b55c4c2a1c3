"""The start-up dataset: every record the reference's examples show, so each documented
request works verbatim against a fresh mock."""

from __future__ import annotations

from typing import Any

from miso_mock.store import Snapshot

_T = "2024-01-15T10:30:00Z"
BASE_URL_PLACEHOLDER = "{base_url}"

_REFERENCE_LOGS = [
    ("2024-01-15T10:30:00Z", "info", "Starting deployment", "miso-controller"),
    ("2024-01-15T10:30:05Z", "info", "Pulling image my-app:v1.2.3", "docker"),
    ("2024-01-15T10:30:10Z", "info", "Image pulled successfully", "docker"),
    ("2024-01-15T10:30:15Z", "info", "Starting containers", "miso-controller"),
    ("2024-01-15T10:30:20Z", "info", "Deployment completed successfully", "miso-controller"),
]


def _user(user_id: str, name: str, email: str, role: str, permissions: list[str]) -> dict[str, Any]:
    return {
        "id": user_id,
        "name": name,
        "email": email,
        "role": role,
        "status": "active",
        "created_at": _T,
        "last_login": "2024-01-15T09:00:00Z",
        "permissions": permissions,
    }


def _deployment(number: int, image: str, created: str, completed: str) -> dict[str, Any]:
    deployment_id = f"deploy-{number}"
    return {
        "id": deployment_id,
        "application_id": "app-123",
        "status": "success",
        "image": image,
        "environment": "production",
        "created_at": created,
        "completed_at": completed,
        "duration": 300,
        "configuration": {},
    }


def initial_snapshot() -> Snapshot:
    """A fresh copy of the start-up state."""
    users = [
        _user(
            "user-456",
            "John Doe",
            "john.doe@company.com",
            "admin",
            ["miso:read", "miso:write", "miso:delete", "miso:admin"],
        ),
        _user("user-457", "Jane Viewer", "jane.viewer@company.com", "viewer", ["miso:read"]),
        _user(
            "user-458",
            "Alex Developer",
            "alex.developer@company.com",
            "developer",
            ["miso:read", "miso:write"],
        ),
    ]
    environments = [
        {
            "id": "env-dev",
            "name": "Development",
            "description": "Development environment",
            "status": "active",
            "created_at": _T,
        },
        {
            "id": "env-prod",
            "name": "Production",
            "description": "Production environment",
            "status": "active",
            "created_at": _T,
        },
    ]
    # The reference says app-123 has had five deployments, the latest deploy-789.
    deployments = [
        _deployment(785, "my-app:v1.1.0", "2024-01-11T10:30:00Z", "2024-01-11T10:35:00Z"),
        _deployment(786, "my-app:v1.1.1", "2024-01-12T10:30:00Z", "2024-01-12T10:35:00Z"),
        _deployment(787, "my-app:v1.2.0", "2024-01-13T10:30:00Z", "2024-01-13T10:35:00Z"),
        _deployment(788, "my-app:v1.2.2", "2024-01-14T10:30:00Z", "2024-01-14T10:35:00Z"),
        _deployment(789, "my-app:v1.2.3", "2024-01-15T10:30:00Z", "2024-01-15T10:35:00Z"),
    ]
    application = {
        "id": "app-123",
        "name": "my-application",
        "description": "My application description",
        "status": "active",
        "environment": "production",
        "created_at": _T,
        "updated_at": _T,
        "owner_id": "user-456",
        "_deployment_ids": ["deploy-785", "deploy-786", "deploy-787", "deploy-788", "deploy-789"],
        "configuration": {
            "image": "my-app:latest",
            "replicas": 3,
            "resources": {"cpu": "500m", "memory": "1Gi"},
            "environment_variables": {
                "NODE_ENV": "production",
                "API_URL": "https://api.company.com",
            },
        },
    }
    logs = {
        "deploy-789": {
            "deployment_id": "deploy-789",
            "lines": [
                {"timestamp": t, "level": lvl, "message": msg, "source": src}
                for t, lvl, msg, src in _REFERENCE_LOGS
            ],
        }
    }
    access = {
        "app-123": {
            "application_id": "app-123",
            "grants": [{"user_id": "user-456", "role": "owner"}],
            "updated_at": _T,
        }
    }
    return {
        "records": {
            "users": {user["id"]: user for user in users},
            "environments": {env["id"]: env for env in environments},
            "applications": {"app-123": application},
            "deployments": {d["id"]: d for d in deployments},
            "logs": logs,
            "access": access,
            "webhooks": {},
            "deliveries": {},
        },
        # Next ids continue the reference's numbering: app-124, deploy-790, ...
        "counters": {"applications": 123, "deployments": 789, "webhooks": 0, "deliveries": 0},
    }
