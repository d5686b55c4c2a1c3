"""The one model of an OpenAPI contract that every Miso tool reads the spec through.

`bundle()` is our own spec, read once; `load(path, strict=...)` reads any document, split into
files or not, and says where each problem is (file and JSON pointer). A `Contract` lists the
operations (callbacks apart), follows internal `$ref`s, and reads the conventions the document
states: the error-code table, permissions, links, paginated lists, rate-limit headers.
"""

from ._load import bundle, from_document, load, validation_errors, validation_problems
from ._location import bundle_path, checkout_root, project_root, split_root
from ._model import STATUS_CODES_EXTENSION, Contract
from ._operation import (
    HTTP_METHODS,
    PERMISSIONS_EXTENSION,
    SAFE_METHODS,
    Operation,
    is_safe,
)
from ._paging import LIMIT_PARAMETER, PAGE_PARAMETER, PAGINATION_FIELDS, PagedList
from ._pointer import DocPath, escape, from_pointer, get, get_pointer, to_pointer, unescape
from ._problem import ContractError, Problem
from ._rate_limits import (
    RATE_LIMIT_HEADERS,
    RATE_LIMIT_LIMIT,
    RATE_LIMIT_PREFIX,
    RATE_LIMIT_REMAINING,
    RATE_LIMIT_RESET,
    RATE_LIMIT_WINDOW,
)
from ._routing import Route
from ._source import Source, SourceError, parse_text, read_yaml

__all__ = [
    "HTTP_METHODS",
    "LIMIT_PARAMETER",
    "PAGE_PARAMETER",
    "PAGINATION_FIELDS",
    "PERMISSIONS_EXTENSION",
    "RATE_LIMIT_HEADERS",
    "RATE_LIMIT_LIMIT",
    "RATE_LIMIT_PREFIX",
    "RATE_LIMIT_REMAINING",
    "RATE_LIMIT_RESET",
    "RATE_LIMIT_WINDOW",
    "SAFE_METHODS",
    "STATUS_CODES_EXTENSION",
    "Contract",
    "ContractError",
    "DocPath",
    "Operation",
    "PagedList",
    "Problem",
    "Route",
    "Source",
    "SourceError",
    "bundle",
    "bundle_path",
    "checkout_root",
    "escape",
    "from_document",
    "from_pointer",
    "get",
    "get_pointer",
    "is_safe",
    "load",
    "parse_text",
    "project_root",
    "read_yaml",
    "split_root",
    "to_pointer",
    "unescape",
    "validation_errors",
    "validation_problems",
]
