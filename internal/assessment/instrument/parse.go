package instrument

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// The keys each part of a file may have, space-separated.
const (
	topKeys       = "id version languages audience title intro scale dimensions items"
	scaleKeys     = "min max labels"
	dimensionKeys = "slug name description bands actions"
	bandKeys      = "min label feedback"
	itemKeys      = "id dimension type text reverse options"
	optionKeys    = "text weight"
)

// Parse reads and validates an instrument file. fileName is used only in problem reports.
// On failure the error is an *Error listing every problem found.
func Parse(data []byte, fileName string) (*Definition, error) {
	p := &parser{problems: problems{file: fileName}}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		p.syntax(err)
		return nil, p.err()
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		p.add(1, CodeRequired, "the file is empty")
		return nil, p.err()
	}
	def := p.definition(root.Content[0])
	if err := p.err(); err != nil {
		return nil, err
	}
	return def, nil
}

// syntax records a YAML syntax error with its line when the message has one.
func (p *parser) syntax(err error) {
	for _, msg := range strings.Split(err.Error(), "\n") {
		msg = strings.TrimSpace(msg)
		if line, reason, ok := yamlLine(msg); ok {
			p.add(line, CodeSyntax, "YAML syntax: %s", reason)
		} else if msg != "" && msg != "yaml: unmarshal errors:" {
			p.add(0, CodeSyntax, "YAML syntax: %s", strings.TrimPrefix(msg, "yaml: "))
		}
	}
}

// definition reads the top-level mapping.
func (p *parser) definition(n *yaml.Node) *Definition {
	top, ok := p.mapping(n, "instrument", topKeys)
	if !ok {
		return nil
	}
	def := &Definition{}
	if v := p.require(top, "id", "instrument"); v != nil {
		if s, ok := p.scalar(v, "id"); ok {
			if !isSlug(s) {
				p.add(v.Line, CodeInvalid, "id %q must be lower-case words joined by hyphens", s)
			}
			def.ID = s
		}
	}
	if v := p.require(top, "version", "instrument"); v != nil {
		if n, ok := p.integer(v, "version"); ok {
			if n < 1 {
				p.add(v.Line, CodeInvalid, "version must be 1 or more")
			}
			def.Version = n
		}
	}
	def.Languages = p.languages(p.require(top, "languages", "instrument"))
	p.langs = def.Languages
	def.Audience = p.audience(p.require(top, "audience", "instrument"))
	def.Title, _ = p.text(top, "title", "title", true)
	def.Intro, _ = p.text(top, "intro", "intro", false)
	if v := p.require(top, "scale", "instrument"); v != nil {
		def.Scale = p.scale(v)
	}
	if v := p.require(top, "dimensions", "instrument"); v != nil {
		def.Dimensions = p.dimensions(v, top.keyLine("dimensions"))
	}
	if v := p.require(top, "items", "instrument"); v != nil {
		def.Items = p.items(v, top.keyLine("items"), def.Dimensions)
	}
	p.emptyDimensions(def)
	return def
}

func (p *parser) languages(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	list, ok := p.sequence(n, "languages")
	if !ok {
		return nil
	}
	if len(list) == 0 {
		p.add(n.Line, CodeRequired, "languages must name at least one language")
		return nil
	}
	var langs []string
	seen := map[string]bool{}
	for _, v := range list {
		s, ok := p.scalar(v, "language")
		switch {
		case !ok:
			return nil
		case !isLanguage(s):
			p.add(v.Line, CodeInvalid, "language %q must be a code such as es or en", s)
			return nil
		case seen[s]:
			p.add(v.Line, CodeDuplicateKey, "language %q is listed twice", s)
			return nil
		}
		seen[s] = true
		langs = append(langs, s)
	}
	return langs
}

func (p *parser) audience(n *yaml.Node) Audience {
	if n == nil {
		return ""
	}
	s, ok := p.scalar(n, "audience")
	if !ok {
		return ""
	}
	a := Audience(s)
	if a != AudienceSelf && a != AudienceObserver {
		p.add(n.Line, CodeInvalid, "audience must be %q or %q, not %q", AudienceSelf, AudienceObserver, s)
	}
	return a
}

func (p *parser) scale(n *yaml.Node) Scale {
	f, ok := p.mapping(n, "scale", scaleKeys)
	if !ok {
		return Scale{}
	}
	var sc Scale
	var okMin, okMax bool
	if v := p.require(f, "min", "scale"); v != nil {
		sc.Min, okMin = p.integer(v, "scale min")
	}
	if v := p.require(f, "max", "scale"); v != nil {
		sc.Max, okMax = p.integer(v, "scale max")
	}
	if okMin && okMax && sc.Max <= sc.Min {
		p.add(f.keyLine("max"), CodeInvalid, "scale max (%d) must be greater than min (%d)", sc.Max, sc.Min)
		okMax = false
	}
	if v := p.require(f, "labels", "scale"); v != nil {
		sc.Labels = p.scaleLabels(v, f.keyLine("labels"), sc, okMin && okMax)
	}
	return sc
}

// scaleLabels reads one list of labels per language (a plain list in a one-language file)
// and checks that each has one label per scale point.
func (p *parser) scaleLabels(n *yaml.Node, line int, sc Scale, checkCount bool) map[string][]string {
	if len(p.langs) == 0 {
		return nil
	}
	lists := map[string]*yaml.Node{}
	lines := map[string]int{}
	if resolve(n).Kind == yaml.SequenceNode && len(p.langs) == 1 {
		lists[p.langs[0]], lines[p.langs[0]] = n, line
	} else if f, ok := p.mapping(n, "scale labels (one list per language)", strings.Join(p.langs, " ")); ok {
		for _, lang := range p.langs {
			if f.get(lang) == nil {
				p.add(line, CodeLanguage, "scale labels: the %q labels are missing", lang)
				continue
			}
			lists[lang], lines[lang] = f.get(lang), f.keyLine(lang)
		}
	}
	out := map[string][]string{}
	for _, lang := range p.langs {
		v := lists[lang]
		if v == nil {
			continue
		}
		items, ok := p.sequence(v, "scale labels ("+lang+")")
		if !ok {
			continue
		}
		for _, it := range items {
			s, _ := p.scalar(it, "scale label ("+lang+")")
			out[lang] = append(out[lang], s)
		}
		if checkCount && len(items) != sc.Points() {
			p.add(lines[lang], CodeScaleLabels, "scale labels (%s): %d labels for a %d–%d scale, which needs %d",
				lang, len(items), sc.Min, sc.Max, sc.Points())
		}
	}
	return out
}
