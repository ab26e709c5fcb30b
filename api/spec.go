// Package apispec embeds the JSON API contract, api/openapi.yaml, so the server can serve
// it and the tests can check every API answer against it.
package apispec

import _ "embed"

// OpenAPI is the contents of openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte
