"""Behaviour of the API's operations, one module per spec tag.

Routing, validation and security happen before a handler runs; handlers hold only what the
mock does with a valid request.
"""
