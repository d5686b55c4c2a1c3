"""Contains all the data models used in inputs/outputs"""

from .access_grant import AccessGrant
from .access_role import AccessRole
from .aggregation import Aggregation
from .application import Application
from .application_access import ApplicationAccess
from .application_access_update import ApplicationAccessUpdate
from .application_configuration import ApplicationConfiguration
from .application_create import ApplicationCreate
from .application_health import ApplicationHealth
from .application_health_checks import ApplicationHealthChecks
from .application_list import ApplicationList
from .application_status import ApplicationStatus
from .application_summary import ApplicationSummary
from .application_update import ApplicationUpdate
from .current_user import CurrentUser
from .delete_result import DeleteResult
from .deployment import Deployment
from .deployment_configuration import DeploymentConfiguration
from .deployment_create import DeploymentCreate
from .deployment_list import DeploymentList
from .deployment_ref import DeploymentRef
from .deployment_stats import DeploymentStats
from .deployment_status import DeploymentStatus
from .environment import Environment
from .environment_applications import EnvironmentApplications
from .environment_list import EnvironmentList
from .environment_status import EnvironmentStatus
from .environment_variables import EnvironmentVariables
from .error import Error
from .error_code import ErrorCode
from .error_response import ErrorResponse
from .field_error import FieldError
from .health_check import HealthCheck
from .health_status import HealthStatus
from .json_web_key import JsonWebKey
from .json_web_key_alg import JsonWebKeyAlg
from .json_web_key_kty import JsonWebKeyKty
from .json_web_key_set import JsonWebKeySet
from .json_web_key_use import JsonWebKeyUse
from .list_applications_sort import ListApplicationsSort
from .list_deployments_sort import ListDeploymentsSort
from .list_users_sort import ListUsersSort
from .log_entry import LogEntry
from .log_level import LogLevel
from .log_list import LogList
from .metric_name import MetricName
from .metric_point import MetricPoint
from .metric_point_labels import MetricPointLabels
from .metric_series import MetricSeries
from .open_id_configuration import OpenIdConfiguration
from .pagination import Pagination
from .permission import Permission
from .rate_limit_details import RateLimitDetails
from .resource_requirements import ResourceRequirements
from .system_health import SystemHealth
from .system_health_checks import SystemHealthChecks
from .token_claims import TokenClaims
from .token_request import TokenRequest
from .token_response import TokenResponse
from .token_response_token_type import TokenResponseTokenType
from .token_validation import TokenValidation
from .token_validation_request import TokenValidationRequest
from .user import User
from .user_list import UserList
from .user_ref import UserRef
from .user_role import UserRole
from .user_status import UserStatus
from .user_update import UserUpdate
from .webhook import Webhook
from .webhook_create import WebhookCreate
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_list import WebhookDeliveryList
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_event import WebhookEvent
from .webhook_event_data import WebhookEventData
from .webhook_event_type import WebhookEventType
from .webhook_list import WebhookList

__all__ = (
    "AccessGrant",
    "AccessRole",
    "Aggregation",
    "Application",
    "ApplicationAccess",
    "ApplicationAccessUpdate",
    "ApplicationConfiguration",
    "ApplicationCreate",
    "ApplicationHealth",
    "ApplicationHealthChecks",
    "ApplicationList",
    "ApplicationStatus",
    "ApplicationSummary",
    "ApplicationUpdate",
    "CurrentUser",
    "DeleteResult",
    "Deployment",
    "DeploymentConfiguration",
    "DeploymentCreate",
    "DeploymentList",
    "DeploymentRef",
    "DeploymentStats",
    "DeploymentStatus",
    "Environment",
    "EnvironmentApplications",
    "EnvironmentList",
    "EnvironmentStatus",
    "EnvironmentVariables",
    "Error",
    "ErrorCode",
    "ErrorResponse",
    "FieldError",
    "HealthCheck",
    "HealthStatus",
    "JsonWebKey",
    "JsonWebKeyAlg",
    "JsonWebKeyKty",
    "JsonWebKeySet",
    "JsonWebKeyUse",
    "ListApplicationsSort",
    "ListDeploymentsSort",
    "ListUsersSort",
    "LogEntry",
    "LogLevel",
    "LogList",
    "MetricName",
    "MetricPoint",
    "MetricPointLabels",
    "MetricSeries",
    "OpenIdConfiguration",
    "Pagination",
    "Permission",
    "RateLimitDetails",
    "ResourceRequirements",
    "SystemHealth",
    "SystemHealthChecks",
    "TokenClaims",
    "TokenRequest",
    "TokenResponse",
    "TokenResponseTokenType",
    "TokenValidation",
    "TokenValidationRequest",
    "User",
    "UserList",
    "UserRef",
    "UserRole",
    "UserStatus",
    "UserUpdate",
    "Webhook",
    "WebhookCreate",
    "WebhookDelivery",
    "WebhookDeliveryList",
    "WebhookDeliveryStatus",
    "WebhookEvent",
    "WebhookEventData",
    "WebhookEventType",
    "WebhookList",
)
