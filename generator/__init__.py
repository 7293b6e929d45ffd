"""OpenAPI -> typed Python client generator. The pipeline lives in `cli.run`."""
