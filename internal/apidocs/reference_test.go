package apidocs

import (
	"html/template"
	"slices"
	"strings"
	"testing"

	apispec "github.com/academy-platform/academy/api"
)

const sample = `openapi: 3.1.0
info:
  title: Sample
  version: "2"
  description: "Lists come in **pages**. <script>alert(1)</script>"
servers: [{url: /api/v1}]
tags:
  - {name: things, description: Things and their parts.}
paths:
  /things:
    get:
      tags: [things]
      operationId: listThings
      summary: Every thing
      parameters:
        - {name: limit, in: query, description: Page size., schema: {type: integer, minimum: 1, maximum: 200, default: 50}}
      responses:
        "200":
          description: The things
          headers:
            ETag: {required: true, schema: {type: string}}
          content:
            application/json:
              schema:
                type: object
                required: [things, next]
                properties:
                  things: {type: array, items: {$ref: "#/components/schemas/Thing"}}
                  next: {type: [string, "null"]}
        "400":
          description: Bad
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
    post:
      tags: [things]
      operationId: addThing
      summary: Add a thing
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Thing"}
      responses:
        "201": {description: Added}
  /a-later-path:
    delete:
      operationId: untagged
      summary: Not in a tag
      responses:
        "204": {description: Gone}
components:
  schemas:
    Thing:
      type: object
      description: A thing.
      required: [name, kind]
      properties:
        name: {type: string, maxLength: 1, description: "Its name."}
        kind: {type: string, enum: [small, big, null]}
        at: {type: string, format: date-time}
        counts: {type: object, additionalProperties: {type: integer}}
        parts:
          type: array
          maxItems: 3
          items:
            type: object
            properties:
              label: {type: string}
        parent:
          anyOf: [{$ref: "#/components/schemas/Thing"}, {type: "null"}]
`

func TestParse(t *testing.T) {
	ref, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if ref.Title != "Sample" || ref.Version != "2" || ref.BasePath != "/api/v1" {
		t.Errorf("reference %q %q %q", ref.Title, ref.Version, ref.BasePath)
	}
	if d := string(ref.Description); !strings.HasPrefix(d, "Lists come in <strong>pages</strong>.") || strings.Contains(d, "<script") {
		t.Errorf("description %q: Markdown, sanitised", ref.Description)
	}
	var names []string
	for _, tag := range ref.Tags {
		for _, op := range tag.Operations {
			names = append(names, tag.Name+":"+op.Method+" "+op.Path)
		}
	}
	if want := []string{"things:GET /api/v1/things", "things:POST /api/v1/things", ":DELETE /api/v1/a-later-path"}; !slices.Equal(names, want) {
		t.Errorf("operations %v, want %v (the contract's tags, then untagged ones, each in the contract's order)", names, want)
	}

	list := ref.Tags[0].Operations[0]
	if p := list.Parameters[0]; p.Name != "limit" || p.In != "query" || p.Type != "integer" ||
		p.Limits != (Limits{Minimum: "1", Maximum: "200", Default: "50"}) {
		t.Errorf("parameter %+v", p)
	}
	ok := list.Responses[0]
	if ok.Status != "200" || len(ok.Headers) != 1 || !ok.Headers[0].Required || ok.Content == nil ||
		ok.Content.MediaType != "application/json" {
		t.Fatalf("200: %+v", ok)
	}
	wantFields := []Field{
		{Name: "things", Required: true, Type: `array&lt;<a href="#schema-Thing">Thing</a>&gt;`},
		{Name: "next", Required: true, Type: "string | null"},
	}
	if !slices.Equal(ok.Content.Fields, wantFields) {
		t.Errorf("200 fields %+v", ok.Content.Fields)
	}
	if bad := list.Responses[1]; bad.Content.Type != `<a href="#schema-Thing">Thing</a>` || bad.Content.Fields != nil {
		t.Errorf("an error answer names its type without an outline: %+v", bad.Content)
	}
	add := ref.Tags[0].Operations[1]
	if add.Body == nil || !add.Body.Required || len(add.Body.Fields) == 0 || add.Responses[0].Content != nil {
		t.Errorf("add: body %+v, responses %+v", add.Body, add.Responses)
	}

	thing := ref.Schemas[0]
	got := map[string]Field{}
	var order []string
	for _, f := range thing.Fields {
		got[f.Name] = f
		order = append(order, f.Name)
	}
	if want := []string{"name", "kind", "at", "counts", "parts", "label", "parent"}; !slices.Equal(order, want) {
		t.Errorf("fields %v, want %v (the contract's order, nested objects after their field)", order, want)
	}
	for name, want := range map[string]struct {
		typ      template.HTML
		depth    int
		required bool
	}{
		"name":   {"string", 0, true},
		"kind":   {`&#34;small&#34; | &#34;big&#34; | null`, 0, true},
		"at":     {"string (date-time)", 0, false},
		"counts": {"map&lt;string, integer&gt;", 0, false},
		"parts":  {"array&lt;object&gt;", 0, false},
		"label":  {"string", 1, false},
		"parent": {`<a href="#schema-Thing">Thing</a> | null`, 0, false},
	} {
		if f := got[name]; f.Type != want.typ || f.Depth != want.depth || f.Required != want.required {
			t.Errorf("%s: %+v, want %+v", name, f, want)
		}
	}
	if got["name"].Limits.MaxLength != 1 || got["parts"].Limits.MaxItems != 3 || got["name"].Description != "Its name." {
		t.Errorf("limits and descriptions: %+v %+v", got["name"], got["parts"])
	}
}

func TestParseRefusesAnInvalidContract(t *testing.T) {
	broken := strings.Replace(sample, "operationId: addThing", "operationId: listThings", 1)
	if _, err := Parse([]byte(broken)); err == nil {
		t.Fatal("two operations with one operationId were accepted")
	}
}

// TestParseTheContract reads Academy's own contract: every operation is in a listed tag.
func TestParseTheContract(t *testing.T) {
	ref, err := Parse(apispec.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range ref.Tags {
		if tag.Description == "" || len(tag.Operations) == 0 {
			t.Errorf("tag %q: %d operations, description %q", tag.Name, len(tag.Operations), tag.Description)
		}
	}
	if len(ref.Schemas) < 20 {
		t.Errorf("%d schemas", len(ref.Schemas))
	}
}
