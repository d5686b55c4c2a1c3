"""The `miso` command: spec tooling, mock server, SDK generation and conformance testing."""
