package courses

import (
	"slices"

	"gopkg.in/yaml.v3"
)

// moduleRefs are the places in module.yaml that later checks point back to.
type moduleRefs struct {
	slugLine    int
	orderLine   int
	lessonsLine int
	lessons     []lessonRef // as listed, in order
	listed      bool        // the lesson list was readable
}

// lessonRef is one entry of a module's lesson list.
type lessonRef struct {
	slug string
	line int
}

// parseModule reads module.yaml.
func (l *loader) parseModule(file string, src []byte) (Module, moduleRefs) {
	r := reader{fileProblems{all: &l.problems, file: file}}
	var m Module
	var refs moduleRefs
	root, ok := r.parseYAML(src)
	if !ok {
		return m, refs
	}
	f, ok := r.mapping(root, "module", "slug", "order", "dimensions", "title", "summary", "lessons")
	if !ok {
		return m, refs
	}
	refs.slugLine = f.keyLine("slug")
	refs.orderLine = f.keyLine("order")
	refs.lessonsLine = f.keyLine("lessons")
	if n := r.require(f, "slug", "module"); n != nil {
		m.Slug, _ = r.slug(n, "slug")
	}
	if n := r.require(f, "order", "module"); n != nil {
		if v, ok := r.integer(n, "order"); ok && v < 1 {
			r.add(n.Line, CodeInvalid, "order must be 1 or more, not %d", v)
		} else {
			m.Position = v
		}
	}
	if n := r.require(f, "dimensions", "module"); n != nil {
		m.Dimensions = r.dimensions(n)
	}
	m.Title, _ = r.text(f, "title", "module", true)
	m.Summary, _ = r.text(f, "summary", "module", true)
	if n := r.require(f, "lessons", "module"); n != nil {
		refs.lessons, refs.listed = r.lessonList(n, refs.lessonsLine)
	}
	return m, refs
}

// dimensions reads the list of 1–3 competency-model dimension slugs.
func (r reader) dimensions(n *yaml.Node) []string {
	items, ok := r.sequence(n, "dimensions")
	if !ok {
		return nil
	}
	if len(items) < 1 || len(items) > 3 {
		r.add(resolve(n).Line, CodeInvalid, "dimensions must list 1 to 3 dimensions, not %d", len(items))
	}
	var out []string
	for _, item := range items {
		s, ok := r.scalar(item, "dimension")
		switch {
		case !ok:
		case !isDimension(s):
			r.add(item.Line, CodeDimension, "unknown dimension %q (known: %v)", s, dimensionSlugs())
		case slices.Contains(out, s):
			r.add(item.Line, CodeDuplicate, "dimension %q is listed twice", s)
		default:
			out = append(out, s)
		}
	}
	return out
}

// lessonList reads the ordered list of lesson slugs.
func (r reader) lessonList(n *yaml.Node, keyLine int) ([]lessonRef, bool) {
	items, ok := r.sequence(n, "lessons")
	if !ok {
		return nil, false
	}
	var out []lessonRef
	seen := map[string]bool{}
	for _, item := range items {
		s, ok := r.slug(item, "lesson slug")
		switch {
		case !ok:
		case seen[s]:
			r.add(item.Line, CodeDuplicate, "lesson %q is listed twice", s)
		default:
			seen[s] = true
			out = append(out, lessonRef{slug: s, line: item.Line})
		}
	}
	if len(items) < minLessons {
		r.add(keyLine, CodeContentRule, "a module needs at least %d lessons, found %d", minLessons, len(items))
	}
	return out, true
}

// dimensionSlugs are the eight dimensions of the competency model (COMPETENCY-MODEL.md).
func dimensionSlugs() []string {
	return []string{"giving-first", "other-focus", "problem-solving-pitch", "digital-presence",
		"relationship-depth", "event-presence", "expressing-needs", "deliberate-practice"}
}

func isDimension(s string) bool { return slices.Contains(dimensionSlugs(), s) }
