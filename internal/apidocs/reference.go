// Package apidocs turns the API contract, api/openapi.yaml, into a reference a page can
// show: each tag's operations in the order the contract lists them, with their parameters,
// request body and responses, and every named schema with its fields. It only reads the
// contract, so the reference cannot say anything the contract does not.
//
// Texts from the contract (descriptions, written in Markdown) become sanitised HTML. Type
// outlines use JSON Schema's own notation (array<Goal>, string | null), which reads the
// same in every language; the page's own words come from the message catalogs.
package apidocs

import (
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Reference is the whole contract, ready to show.
type Reference struct {
	Title, Version string
	// BasePath is where the operations' paths start (/api/v1).
	BasePath    string
	Description template.HTML
	Tags        []Tag
	Schemas     []Schema
}

// Tag is a group of operations.
type Tag struct {
	Name        string
	Description template.HTML
	Operations  []Operation
}

// Operation is one method on one path.
type Operation struct {
	ID      string // the operationId; the page anchors the operation at "op-"+ID
	Method  string // upper case
	Path    string // with the base path
	Summary string
	// Description is the longer explanation, if any.
	Description template.HTML
	Parameters  []Parameter
	Body        *Content // nil when the operation takes no body
	Responses   []Response
}

// Parameter is a path, query or header parameter, or a response header.
type Parameter struct {
	Name        string
	In          string // path, query or header
	Required    bool
	Type        template.HTML
	Limits      Limits
	Description template.HTML
}

// Content is a request or response body.
type Content struct {
	MediaType string
	Required  bool
	Type      template.HTML
	// Fields outline the body when it is an object; nested objects are indented (Depth).
	Fields []Field
}

// Response is one status an operation answers with.
type Response struct {
	Status      string
	Description template.HTML
	Headers     []Parameter
	Content     *Content // nil without a body
}

// Field is one property of an object schema.
type Field struct {
	Name        string
	Depth       int // 0 for the object's own properties, 1 for those of a nested object, …
	Required    bool
	Type        template.HTML
	Limits      Limits
	Description template.HTML
}

// Schema is a named schema of the contract (components.schemas); the page anchors it at
// "schema-"+Name, and type outlines link there.
type Schema struct {
	Name        string
	Description template.HTML
	Type        template.HTML
	Fields      []Field
}

// Limits are a value's bounds, so that the page can word them: "" or 0 when there is none.
type Limits struct {
	Minimum, Maximum     string // numbers, as written
	MinLength, MaxLength int    // characters of a string
	MaxItems             int    // items of an array
	Default              string // as JSON
}

// Any reports whether there is a limit to show.
func (l Limits) Any() bool { return l != Limits{} }

// methods lists HTTP methods in the order an operation list reads best.
var methods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// Parse reads and checks the contract and builds its reference.
func Parse(spec []byte) (*Reference, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true // to list paths and fields in the order they are written
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("api contract: %w", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("api contract: %w", err)
	}
	t := newTexts()
	ref := &Reference{Version: doc.Info.Version, Title: doc.Info.Title, Description: t.markdown(doc.Info.Description)}
	if len(doc.Servers) > 0 {
		ref.BasePath = doc.Servers[0].URL
	}
	byTag := map[string][]Operation{}
	paths := doc.Paths.Map()
	inOrder := func(a, b string) int {
		return cmp.Or(cmp.Compare(line(paths[a].Origin), line(paths[b].Origin)), strings.Compare(a, b))
	}
	for _, path := range slices.SortedFunc(maps.Keys(paths), inOrder) {
		item := paths[path]
		for _, method := range methods {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			tag := ""
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			byTag[tag] = append(byTag[tag], t.operation(ref.BasePath+path, method, item, op))
		}
	}
	for _, tag := range doc.Tags {
		ref.Tags = append(ref.Tags, Tag{Name: tag.Name, Description: t.markdown(tag.Description), Operations: byTag[tag.Name]})
		delete(byTag, tag.Name)
	}
	for _, name := range slices.Sorted(maps.Keys(byTag)) {
		ref.Tags = append(ref.Tags, Tag{Name: name, Operations: byTag[name]})
	}
	for _, name := range slices.Sorted(maps.Keys(doc.Components.Schemas)) {
		s := doc.Components.Schemas[name].Value
		ref.Schemas = append(ref.Schemas, Schema{Name: name, Description: t.markdown(s.Description),
			Type: typeOf(&openapi3.SchemaRef{Value: s}), Fields: t.fields(s, 0)})
	}
	return ref, nil
}

func (t *texts) operation(path, method string, item *openapi3.PathItem, op *openapi3.Operation) Operation {
	out := Operation{ID: op.OperationID, Method: method, Path: path, Summary: op.Summary, Description: t.markdown(op.Description)}
	for _, p := range slices.Concat(item.Parameters, op.Parameters) {
		out.Parameters = append(out.Parameters, t.parameter(p.Value.Name, p.Value.In, p.Value.Required, p.Value.Description, p.Value.Schema))
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		out.Body = t.content(op.RequestBody.Value.Content, true)
		if out.Body != nil {
			out.Body.Required = op.RequestBody.Value.Required
		}
	}
	responses := op.Responses.Map()
	for _, status := range slices.Sorted(maps.Keys(responses)) {
		r := responses[status].Value
		resp := Response{Status: status, Description: t.markdown(deref(r.Description)),
			Content: t.content(r.Content, strings.HasPrefix(status, "2"))}
		for _, name := range slices.Sorted(maps.Keys(r.Headers)) {
			h := r.Headers[name].Value
			resp.Headers = append(resp.Headers, t.parameter(name, "header", h.Required, h.Description, h.Schema))
		}
		out.Responses = append(out.Responses, resp)
	}
	return out
}

func (t *texts) parameter(name, in string, required bool, description string, schema *openapi3.SchemaRef) Parameter {
	p := Parameter{Name: name, In: in, Required: required, Description: t.markdown(description)}
	if schema != nil {
		p.Type, p.Limits = typeOf(schema), limits(schema.Value)
	}
	return p
}

// content describes the first media type of a body. Outlined bodies list their fields;
// the others (errors, which are all alike) only name their type.
func (t *texts) content(c openapi3.Content, outline bool) *Content {
	if len(c) == 0 {
		return nil
	}
	mediaType := slices.Sorted(maps.Keys(c))[0]
	out := &Content{MediaType: mediaType}
	if s := c[mediaType].Schema; s != nil {
		out.Type = typeOf(s)
		if outline {
			out.Fields = t.fields(s.Value, 0)
		}
	}
	return out
}

func line(o *openapi3.Origin) int {
	if o == nil || o.Key == nil {
		return 0
	}
	return o.Key.Line
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
