package instrument

import (
	"strings"

	"gopkg.in/yaml.v3"
)

func (p *parser) items(n *yaml.Node, line int, dims []Dimension) []Item {
	list, ok := p.sequence(n, "items")
	if !ok {
		return nil
	}
	if len(list) == 0 {
		p.add(line, CodeRequired, "items must list at least one item")
	}
	known := map[string]bool{}
	for _, d := range dims {
		known[d.Slug] = true
	}
	var out []Item
	seen := map[string]int{}
	for _, v := range list {
		it, ok := p.item(v, known)
		if !ok {
			continue
		}
		if first, dup := seen[it.ID]; dup {
			p.add(it.line, CodeDuplicateItem, "item id %q is used twice (first on line %d)", it.ID, first)
			continue
		}
		seen[it.ID] = it.line
		out = append(out, it)
	}
	return out
}

// item reads one item; ok is false when it has no usable id.
func (p *parser) item(n *yaml.Node, dims map[string]bool) (Item, bool) {
	f, ok := p.mapping(n, "item", itemKeys)
	if !ok {
		return Item{}, false
	}
	it := Item{line: f.line, Type: Likert}
	v := p.require(f, "id", "item")
	if v == nil {
		return it, false
	}
	id, ok := p.scalar(v, "item id")
	if !ok {
		return it, false
	}
	it.ID = id
	p.itemID(v, id)
	what := "item " + id
	if d := p.require(f, "dimension", what); d != nil {
		if slug, ok := p.scalar(d, what+": dimension"); ok {
			if !dims[slug] {
				p.add(d.Line, CodeUnknownDim, "%s: unknown dimension %q", what, slug)
			}
			it.Dimension = slug
		}
	}
	if t := f.get("type"); t != nil {
		if s, ok := p.scalar(t, what+": type"); ok {
			it.Type = ItemType(s)
			if it.Type != Likert && it.Type != SJT {
				p.add(t.Line, CodeInvalid, "%s: type must be %q or %q, not %q", what, Likert, SJT, s)
			}
		}
	}
	it.Text, _ = p.text(f, "text", what+": text", true)
	if r := f.get("reverse"); r != nil {
		it.Reverse, _ = p.boolean(r, what+": reverse")
		if it.Reverse && it.Type == SJT {
			p.add(r.Line, CodeReverseSJT, "%s: an SJT item cannot be reverse-keyed; its option weights are the key", what)
		}
	}
	it.Options = p.options(f, it, what)
	return it, true
}

// itemID checks an item id's form: it becomes a CSV column name in imports and exports.
func (p *parser) itemID(v *yaml.Node, id string) {
	if !isItemID(id) {
		p.add(v.Line, CodeInvalid, "item id %q must be letters, digits, '-', '_' or '.' (at most 64), starting with a letter or digit", id)
	}
	for _, r := range strings.Fields(reservedColumns) {
		if strings.EqualFold(id, r) {
			p.add(v.Line, CodeReservedItemID, "item id %q is reserved for the respondent column of response imports", id)
		}
	}
}

// options reads the options of an SJT item; a Likert item must have none.
func (p *parser) options(f fields, it Item, what string) []Option {
	n := f.get("options")
	if it.Type != SJT {
		if n != nil {
			p.add(f.keyLine("options"), CodeOptionsOnLikert, "%s: only SJT items (type: sjt) have options", what)
		}
		return nil
	}
	if n == nil {
		p.add(f.line, CodeOptions, "%s: an SJT item needs at least 2 options", what)
		return nil
	}
	list, ok := p.sequence(n, what+": options")
	if !ok {
		return nil
	}
	if len(list) < 2 {
		p.add(f.keyLine("options"), CodeOptions, "%s: an SJT item needs at least 2 options, it has %d", what, len(list))
	}
	var out []Option
	for _, v := range list {
		of, ok := p.mapping(v, what+": option", optionKeys)
		if !ok {
			continue
		}
		var o Option
		o.Text, _ = p.text(of, "text", what+": option text", true)
		if w := p.require(of, "weight", what+": option"); w != nil {
			if x, ok := p.integer(w, what+": option weight"); ok {
				if x < 0 || x > MaxWeight {
					p.add(w.Line, CodeWeight, "%s: option weight %d is outside 0–%d", what, x, MaxWeight)
				}
				o.Weight = x
			}
		}
		out = append(out, o)
	}
	return out
}

// emptyDimensions reports dimensions that no item measures.
func (p *parser) emptyDimensions(def *Definition) {
	if def.Items == nil {
		return
	}
	used := map[string]bool{}
	for _, it := range def.Items {
		used[it.Dimension] = true
	}
	for _, d := range def.Dimensions {
		if !used[d.Slug] {
			p.add(d.line, CodeEmptyDimension, "dimension %q has no items", d.Slug)
		}
	}
}
