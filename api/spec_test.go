package apispec_test

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	apispec "github.com/academy-platform/academy/api"
)

// TestSpecIsValid loads api/openapi.yaml as OpenAPI 3.1 and checks it against the
// OpenAPI rules, examples included.
func TestSpecIsValid(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(apispec.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi: %s, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		t.Fatal(err)
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if len(op.Tags) != 1 || doc.Tags.Get(op.Tags[0]) == nil {
				t.Errorf("%s %s: tags %v, want one of the tags listed at the top", method, path, op.Tags)
			}
			if op.OperationID == "" || op.Summary == "" {
				t.Errorf("%s %s: an operation needs an operationId and a summary", method, path)
			}
		}
	}
}
