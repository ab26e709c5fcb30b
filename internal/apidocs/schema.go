package apidocs

import (
	"cmp"
	"encoding/json"
	"html"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxDepth is how deep nested objects are outlined; named schemas are linked, not
// repeated, so only objects written inline nest.
const maxDepth = 4

const componentPrefix = "#/components/schemas/"

// typeOf writes a schema's type in JSON Schema's notation: a named schema as a link to its
// outline, array<T>, map<string, T>, a union as A | B, an enumeration as its values, and a
// format in parentheses.
func typeOf(ref *openapi3.SchemaRef) template.HTML {
	return template.HTML(typeText(ref, 0)) // built from escaped parts only
}

func typeText(ref *openapi3.SchemaRef, depth int) string {
	if ref == nil || ref.Value == nil {
		return "any"
	}
	if name, ok := strings.CutPrefix(ref.Ref, componentPrefix); ok {
		return `<a href="#schema-` + html.EscapeString(name) + `">` + html.EscapeString(name) + `</a>`
	}
	s := ref.Value
	if depth > maxDepth {
		return "…"
	}
	var parts []string
	for _, group := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf} {
		for _, r := range group {
			parts = append(parts, typeText(r, depth+1))
		}
	}
	if len(s.AllOf) > 0 {
		var all []string
		for _, r := range s.AllOf {
			all = append(all, typeText(r, depth+1))
		}
		parts = append(parts, strings.Join(all, " &amp; "))
	}
	if s.Enum != nil {
		for _, v := range s.Enum {
			parts = append(parts, html.EscapeString(literal(v)))
		}
		return strings.Join(parts, " | ")
	}
	for _, t := range s.Type.Slice() {
		parts = append(parts, plainType(t, s, depth))
	}
	if len(parts) == 0 {
		return "any"
	}
	return strings.Join(parts, " | ")
}

func plainType(t string, s *openapi3.Schema, depth int) string {
	switch t {
	case openapi3.TypeArray:
		return "array&lt;" + typeText(s.Items, depth+1) + "&gt;"
	case openapi3.TypeObject:
		if ap := s.AdditionalProperties.Schema; ap != nil && len(s.Properties) == 0 {
			return "map&lt;string, " + typeText(ap, depth+1) + "&gt;"
		}
		return "object"
	case openapi3.TypeNull:
		return "null"
	}
	if s.Format != "" {
		return html.EscapeString(t) + " (" + html.EscapeString(s.Format) + ")"
	}
	return html.EscapeString(t)
}

// literal writes an enumeration value as JSON ("planned", 3, null).
func literal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

// fields outlines an object schema: its own properties and those of the schemas it is
// made of (allOf), in the order the contract writes them, with inline objects nested.
func (t *texts) fields(s *openapi3.Schema, depth int) []Field {
	if s == nil || depth > maxDepth {
		return nil
	}
	var out []Field
	for _, part := range s.AllOf {
		out = append(out, t.fields(part.Value, depth)...)
	}
	byLine := func(a, b string) int {
		return cmp.Or(cmp.Compare(propertyLine(s.Properties[a]), propertyLine(s.Properties[b])), strings.Compare(a, b))
	}
	for _, name := range slices.SortedFunc(maps.Keys(s.Properties), byLine) {
		p := s.Properties[name]
		out = append(out, Field{Name: name, Depth: depth, Required: slices.Contains(s.Required, name),
			Type: typeOf(p), Limits: limits(p.Value), Description: t.markdown(p.Value.Description)})
		if p.Ref == "" {
			out = append(out, t.fields(objectOf(p.Value), depth+1)...)
		}
	}
	return out
}

// objectOf is the inline object a property holds, directly or as the items of an array
// or the values of a map; nil when there is none.
func objectOf(s *openapi3.Schema) *openapi3.Schema {
	switch {
	case s == nil:
		return nil
	case len(s.Properties) > 0:
		return s
	case s.Items != nil && s.Items.Ref == "":
		return objectOf(s.Items.Value)
	case s.AdditionalProperties.Schema != nil && s.AdditionalProperties.Schema.Ref == "":
		return objectOf(s.AdditionalProperties.Schema.Value)
	}
	return nil
}

// propertyLine is where a property is written: its $ref, or its inline schema.
func propertyLine(p *openapi3.SchemaRef) int {
	if n := line(p.Origin); n > 0 {
		return n
	}
	if p.Value != nil && p.Ref == "" {
		return line(p.Value.Origin)
	}
	return 0
}

func limits(s *openapi3.Schema) Limits {
	if s == nil {
		return Limits{}
	}
	var l Limits
	if s.Min != nil {
		l.Minimum = number(*s.Min)
	}
	if s.Max != nil {
		l.Maximum = number(*s.Max)
	}
	l.MinLength = int(s.MinLength)
	if s.MaxLength != nil {
		l.MaxLength = int(*s.MaxLength)
	}
	if s.MaxItems != nil {
		l.MaxItems = int(*s.MaxItems)
	}
	if s.Default != nil {
		l.Default = literal(s.Default)
	}
	return l
}

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
