package courses

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// reader walks a yaml.v3 node tree of one file, reporting problems with their lines.
type reader struct {
	fileProblems
}

// parseYAML reads src into its top-level node; a syntax error is reported with its line.
func (r reader) parseYAML(src []byte) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := yamlErrorLine(err)
		r.add(line, CodeSyntax, "invalid YAML: %s", msg)
		return nil, false
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		r.add(1, CodeRequired, "the file is empty")
		return nil, false
	}
	return doc.Content[0], true
}

// yamlErrorLine extracts the line from a yaml.v3 error ("yaml: line 3: …").
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimSpace(strings.TrimPrefix(msg, "unmarshal errors:"))
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 1, msg
	}
	num, text, ok := strings.Cut(rest, ": ")
	line, err2 := strconv.Atoi(num)
	if !ok || err2 != nil {
		return 1, msg
	}
	return line, text
}

// fields is a YAML mapping read into its keys' value nodes.
type fields struct {
	line     int
	values   map[string]*yaml.Node
	keyLines map[string]int
}

func (f fields) get(key string) *yaml.Node { return f.values[key] }

// keyLine returns the line of key, or of the mapping when key is absent.
func (f fields) keyLine(key string) int {
	if l, ok := f.keyLines[key]; ok {
		return l
	}
	return f.line
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// mapping reads n as a mapping whose keys must be among known.
func (r reader) mapping(n *yaml.Node, what string, known ...string) (fields, bool) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		r.add(n.Line, CodeType, "%s must be a mapping of keys to values", what)
		return fields{}, false
	}
	f := fields{line: n.Line, values: map[string]*yaml.Node{}, keyLines: map[string]int{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(known, k.Value):
			r.add(k.Line, CodeUnknownKey, "%s: unknown key %q", what, k.Value)
		case f.values[k.Value] != nil:
			r.add(k.Line, CodeDuplicateKey, "%s: key %q is given twice", what, k.Value)
		default:
			f.values[k.Value] = v
			f.keyLines[k.Value] = k.Line
		}
	}
	return f, true
}

// require returns the node of key, reporting it missing when absent.
func (r reader) require(f fields, key, what string) *yaml.Node {
	n := f.get(key)
	if n == nil {
		r.add(f.line, CodeRequired, "%s: %q is required", what, key)
	}
	return n
}

// sequence reads n as a list.
func (r reader) sequence(n *yaml.Node, what string) ([]*yaml.Node, bool) {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		r.add(n.Line, CodeType, "%s must be a list", what)
		return nil, false
	}
	return n.Content, true
}

// scalar reads n as a non-empty string.
func (r reader) scalar(n *yaml.Node, what string) (string, bool) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.add(n.Line, CodeType, "%s must be a text", what)
		return "", false
	}
	s := strings.TrimSpace(n.Value)
	if s == "" {
		r.add(n.Line, CodeRequired, "%s must not be empty", what)
		return "", false
	}
	return s, true
}

// integer reads n as a whole number.
func (r reader) integer(n *yaml.Node, what string) (int, bool) {
	n = resolve(n)
	var v int
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&v) != nil {
		r.add(n.Line, CodeType, "%s must be a whole number, not %q", what, n.Value)
		return 0, false
	}
	return v, true
}

// boolean reads n as true or false.
func (r reader) boolean(n *yaml.Node, what string) (bool, bool) {
	n = resolve(n)
	var v bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&v) != nil {
		r.add(n.Line, CodeType, "%s must be true or false, not %q", what, n.Value)
		return false, false
	}
	return v, true
}

// slug reads n as a lower-case kebab slug.
func (r reader) slug(n *yaml.Node, what string) (string, bool) {
	s, ok := r.scalar(n, what)
	if !ok {
		return "", false
	}
	if !validSlug(s) {
		r.add(n.Line, CodeInvalid, "%s %q must be lower-case words joined by hyphens", what, s)
		return "", false
	}
	return s, true
}

// text reads the text under key: a mapping with a non-empty string for every language.
// A missing key is reported when required.
func (r reader) text(f fields, key, what string, required bool) (Text, bool) {
	n := resolve(f.get(key))
	if n == nil {
		if required {
			r.add(f.line, CodeRequired, "%s: %q is required", what, key)
		}
		return nil, !required
	}
	label := fmt.Sprintf("%s: %s", what, key)
	if n.Kind != yaml.MappingNode {
		r.add(n.Line, CodeLanguage, "%s must have a text per language (%s)", label, strings.Join(languages(), ", "))
		return nil, false
	}
	t, ok := Text{}, true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(languages(), k.Value):
			r.add(k.Line, CodeLanguage, "%s: unknown language %q", label, k.Value)
			ok = false
		case t[k.Value] != "":
			r.add(k.Line, CodeDuplicateKey, "%s: language %q is given twice", label, k.Value)
			ok = false
		default:
			s, good := r.scalar(v, label+"."+k.Value)
			t[k.Value], ok = s, ok && good
		}
	}
	for _, lang := range languages() {
		if _, has := t[lang]; !has {
			r.add(f.keyLine(key), CodeLanguage, "%s: missing language %q", label, lang)
			ok = false
		}
	}
	return t, ok
}

// validSlug reports whether s is lower-case letters and digits joined by single hyphens.
func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}
