package reports

import (
	"embed"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// The message tables: one YAML file per language, a flat map from key to text. Texts may
// hold {named} values; keys ending in .one / .other are the singular and plural of a
// counted text.
//
//go:embed messages/*.yaml
var messageFiles embed.FS

// catalog holds the message tables by language.
type catalog map[string]map[string]string

// loadCatalog parses the message tables; every language must have the same keys.
func loadCatalog() (catalog, error) {
	c := catalog{}
	for _, lang := range Languages() {
		raw, err := messageFiles.ReadFile("messages/" + lang + ".yaml")
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("messages/%s.yaml: %w", lang, err)
		}
		c[lang] = m
	}
	if missing := c.missing(); len(missing) > 0 {
		return nil, fmt.Errorf("message tables differ: %s", strings.Join(missing, ", "))
	}
	return c, nil
}

// missing lists "lang:key" for every key some language has and another lacks (or leaves
// empty), sorted.
func (c catalog) missing() []string {
	all := map[string]bool{}
	for _, m := range c {
		for k := range m {
			all[k] = true
		}
	}
	var out []string
	for _, lang := range Languages() {
		for k := range all {
			if strings.TrimSpace(c[lang][k]) == "" {
				out = append(out, lang+":"+k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// messages looks texts up in one language for one document and remembers keys it did not
// find, so that rendering fails instead of printing a key.
type messages struct {
	table   map[string]string
	unknown []string
}

// T returns the text of key with each {name} replaced: T("k", "name", "Ana").
func (m *messages) T(key string, args ...string) string {
	s, ok := m.table[key]
	if !ok {
		if !slices.Contains(m.unknown, key) {
			m.unknown = append(m.unknown, key)
		}
		return key
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

// N returns the singular (key.one) or plural (key.other) text for n; {n} is n as given in
// count.
func (m *messages) N(key string, n int, count string, args ...string) string {
	form := ".other"
	if n == 1 {
		form = ".one"
	}
	return m.T(key+form, append([]string{"n", count}, args...)...)
}

// err reports the unknown keys.
func (m *messages) err() error {
	if len(m.unknown) == 0 {
		return nil
	}
	return fmt.Errorf("reports: no message for %s", strings.Join(m.unknown, ", "))
}

// Or returns the text of key, or fallback when the table has none: for keys built from
// data (a status, an action type) that a newer feature may extend.
func (m *messages) Or(key, fallback string) string {
	if s, ok := m.table[key]; ok {
		return s
	}
	return fallback
}
