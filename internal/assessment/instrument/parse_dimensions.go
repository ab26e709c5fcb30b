package instrument

import "gopkg.in/yaml.v3"

func (p *parser) dimensions(n *yaml.Node, line int) []Dimension {
	list, ok := p.sequence(n, "dimensions")
	if !ok {
		return nil
	}
	if len(list) == 0 {
		p.add(line, CodeRequired, "dimensions must list at least one dimension")
	}
	var out []Dimension
	seen := map[string]int{}
	for _, v := range list {
		d, ok := p.dimension(v)
		if !ok {
			continue
		}
		if first, dup := seen[d.Slug]; dup {
			p.add(d.line, CodeDuplicateDim, "dimension %q is defined twice (first on line %d)", d.Slug, first)
			continue
		}
		seen[d.Slug] = d.line
		out = append(out, d)
	}
	return out
}

// dimension reads one dimension; ok is false when it has no usable slug.
func (p *parser) dimension(n *yaml.Node) (Dimension, bool) {
	f, ok := p.mapping(n, "dimension", dimensionKeys)
	if !ok {
		return Dimension{}, false
	}
	d := Dimension{line: f.line}
	v := p.require(f, "slug", "dimension")
	if v == nil {
		return d, false
	}
	slug, ok := p.scalar(v, "dimension slug")
	if !ok {
		return d, false
	}
	if !isSlug(slug) {
		p.add(v.Line, CodeInvalid, "dimension slug %q must be lower-case words joined by hyphens", slug)
	}
	d.Slug = slug
	what := "dimension " + slug
	d.Name, _ = p.text(f, "name", what+": name", true)
	d.Description, _ = p.text(f, "description", what+": description", false)
	if b := p.require(f, "bands", what); b != nil {
		d.Bands = p.bands(b, f.keyLine("bands"), what)
	}
	if a := f.get("actions"); a != nil {
		if list, ok := p.sequence(a, what+": actions"); ok {
			for _, it := range list {
				if t, ok := p.textNode(it, it.Line, what+": action"); ok {
					d.Actions = append(d.Actions, t)
				}
			}
		}
	}
	return d, true
}

// bands reads the score bands: lower bounds on 0–100, the first 0, strictly ascending.
func (p *parser) bands(n *yaml.Node, line int, what string) []Band {
	list, ok := p.sequence(n, what+": bands")
	if !ok {
		return nil
	}
	if len(list) == 0 {
		p.add(line, CodeBands, "%s: bands must list at least one band (starting at 0)", what)
		return nil
	}
	var out []Band
	for i, v := range list {
		f, ok := p.mapping(v, what+": band", bandKeys)
		if !ok {
			continue
		}
		var b Band
		if m := p.require(f, "min", what+": band"); m != nil {
			if x, ok := p.number(m, what+": band min"); ok {
				b.Min = x
				switch {
				case i == 0 && x != 0:
					p.add(m.Line, CodeBands, "%s: the first band must start at 0, not %g", what, x)
				case x < 0 || x > 100:
					p.add(m.Line, CodeBands, "%s: band min %g is outside 0–100", what, x)
				case len(out) > 0 && x <= out[len(out)-1].Min:
					p.add(m.Line, CodeBands, "%s: bands must be in ascending order of min; %g follows %g", what, x, out[len(out)-1].Min)
				}
			}
		}
		b.Label, _ = p.text(f, "label", what+": band label", true)
		b.Feedback, _ = p.text(f, "feedback", what+": band feedback", false)
		out = append(out, b)
	}
	return out
}
