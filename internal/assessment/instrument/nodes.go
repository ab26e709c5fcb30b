package instrument

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// parser walks a yaml.v3 node tree, collecting problems with their lines.
type parser struct {
	problems
	// langs are the instrument's languages, known once "languages" has been read.
	langs []string
}

// resolve follows aliases.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// fields is a YAML mapping read into its keys' value nodes.
type fields struct {
	line     int
	values   map[string]*yaml.Node
	keyLines map[string]int
}

// get returns the value node of key, or nil.
func (f fields) get(key string) *yaml.Node { return f.values[key] }

// keyLine returns the line of key, or of the mapping when key is absent. Problems with a
// whole value (a list too short, a text missing a language) are reported there: a block
// list or mapping starts on the line after its key.
func (f fields) keyLine(key string) int {
	if l, ok := f.keyLines[key]; ok {
		return l
	}
	return f.line
}

// mapping reads n as a mapping whose keys must be among the space-separated known keys;
// unknown and duplicate keys are reported. ok is false (and a problem recorded) when n is
// not a mapping.
func (p *parser) mapping(n *yaml.Node, what, knownKeys string) (fields, bool) {
	known := strings.Fields(knownKeys)
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.add(n.Line, CodeType, "%s must be a mapping of keys to values", what)
		return fields{}, false
	}
	f := fields{line: n.Line, values: map[string]*yaml.Node{}, keyLines: map[string]int{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.add(k.Line, CodeType, "%s: keys must be plain words", what)
			continue
		}
		switch {
		case !slices.Contains(known, k.Value):
			p.add(k.Line, CodeUnknownKey, "%s: unknown key %q%s", what, k.Value, suggest(k.Value, known))
		case f.values[k.Value] != nil:
			p.add(k.Line, CodeDuplicateKey, "%s: key %q is given twice", what, k.Value)
		default:
			f.values[k.Value] = v
			f.keyLines[k.Value] = k.Line
		}
	}
	return f, true
}

// require reports key as missing from f when it is absent, and returns its node.
func (p *parser) require(f fields, key, what string) *yaml.Node {
	n := f.get(key)
	if n == nil {
		p.add(f.line, CodeRequired, "%s: %q is required", what, key)
	}
	return n
}

// sequence reads n as a list.
func (p *parser) sequence(n *yaml.Node, what string) ([]*yaml.Node, bool) {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		p.add(n.Line, CodeType, "%s must be a list", what)
		return nil, false
	}
	return n.Content, true
}

// scalar reads n as a non-empty scalar string.
func (p *parser) scalar(n *yaml.Node, what string) (string, bool) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.add(n.Line, CodeType, "%s must be a text", what)
		return "", false
	}
	s := strings.TrimSpace(n.Value)
	if s == "" {
		p.add(n.Line, CodeRequired, "%s must not be empty", what)
		return "", false
	}
	return s, true
}

// integer reads n as an integer.
func (p *parser) integer(n *yaml.Node, what string) (int, bool) {
	n = resolve(n)
	var v int
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&v) != nil {
		p.add(n.Line, CodeType, "%s must be a whole number, not %q", what, n.Value)
		return 0, false
	}
	return v, true
}

// number reads n as a number.
func (p *parser) number(n *yaml.Node, what string) (float64, bool) {
	n = resolve(n)
	var v float64
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&v) != nil {
		p.add(n.Line, CodeType, "%s must be a number, not %q", what, n.Value)
		return 0, false
	}
	return v, true
}

// boolean reads n as true or false.
func (p *parser) boolean(n *yaml.Node, what string) (bool, bool) {
	n = resolve(n)
	var v bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&v) != nil {
		p.add(n.Line, CodeType, "%s must be true or false, not %q", what, n.Value)
		return false, false
	}
	return v, true
}

// text reads the text under key in f: a map from language to string, or, in a
// one-language file, a plain string. An absent key is reported when required.
func (p *parser) text(f fields, key, what string, required bool) (Text, bool) {
	n := f.get(key)
	if n == nil {
		if required {
			p.add(f.line, CodeRequired, "%s is required", what)
		}
		return nil, !required
	}
	return p.textNode(n, f.keyLine(key), what)
}

// textNode reads a text node; line is where its key is.
func (p *parser) textNode(n *yaml.Node, line int, what string) (Text, bool) {
	n = resolve(n)
	if len(p.langs) == 0 {
		return nil, false // languages are broken; already reported
	}
	if n.Kind == yaml.ScalarNode {
		if len(p.langs) > 1 {
			p.add(n.Line, CodeLanguage, "%s must give every language (%s), not a single text", what, strings.Join(p.langs, ", "))
			return nil, false
		}
		s, ok := p.scalar(n, what)
		return Text{p.langs[0]: s}, ok
	}
	f, ok := p.mapping(n, what+" (one text per language)", strings.Join(p.langs, " "))
	if !ok {
		return nil, false
	}
	t := Text{}
	for _, lang := range p.langs {
		v := f.get(lang)
		if v == nil {
			p.add(line, CodeLanguage, "%s: the %q text is missing", what, lang)
			ok = false
			continue
		}
		s, good := p.scalar(v, what+" ("+lang+")")
		ok = ok && good
		t[lang] = s
	}
	return t, ok && len(f.values) == len(p.langs)
}
