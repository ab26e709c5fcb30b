package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// flatten turns a nested message file into dotted keys; a map of plural forms is one key.
func flatten(prefix string, m map[string]any, out map[string]bool) {
	for k, v := range m {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		child, ok := v.(map[string]any)
		if !ok {
			out[key] = true
			continue
		}
		if _, plural := child["other"]; plural {
			out[key] = true
			continue
		}
		flatten(key, child, out)
	}
}

func catalogKeys(t *testing.T, lang string) map[string]bool {
	t.Helper()
	files, err := fs.Glob(localeFiles, "locales/*."+lang+".yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no message files for %s", lang)
	}
	out := map[string]bool{}
	for _, file := range files {
		data, err := localeFiles.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		flatten("", m, out)
	}
	return out
}

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	es, en := catalogKeys(t, "es"), catalogKeys(t, "en")
	for k := range es {
		if !en[k] {
			t.Errorf("%s is in es.yaml but not in en.yaml", k)
		}
	}
	for k := range en {
		if !es[k] {
			t.Errorf("%s is in en.yaml but not in es.yaml", k)
		}
	}
	c, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for k := range es {
		for _, lang := range Languages {
			if !c.Has(lang, k) {
				t.Errorf("%s does not load in %s", k, lang)
			}
		}
	}
}

// sources returns the text of every file under root with the given suffix.
func sources(t *testing.T, root, suffix string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, suffix) || strings.HasSuffix(p, "_test.go") {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEveryUsedKeyIsTranslated finds the catalog keys that templates and code use, including
// the ones built from field names, validation codes and error codes, and checks both
// languages have them.
func TestEveryUsedKeyIsTranslated(t *testing.T) {
	keys := catalogKeys(t, "es")
	en := catalogKeys(t, "en")
	used := map[string]string{}
	add := func(key, where string) {
		if _, seen := used[key]; !seen {
			used[key] = where
		}
	}
	patterns := []struct {
		re     *regexp.Regexp
		prefix string
		suffix []string
	}{
		{regexp.MustCompile(`\.T "([a-z_]+\.[a-z_.]*[a-z_])"`), "", nil},
		{regexp.MustCompile(`\bT\("([a-z_]+\.[a-z_.]*[a-z_])"[,)]`), "", nil},
		{regexp.MustCompile(`\.Form\.Error "([a-z_]+)"`), "field.", nil},
		{regexp.MustCompile(`NewView\(c, "([a-z_.]+)",`), "", nil},
		{regexp.MustCompile(`errs\.Invalid\("([a-z_]+)", "([a-z_]+)"`), "", nil},
		{regexp.MustCompile(`Code: "([a-z_]+)"`), "validation.", nil},
		{regexp.MustCompile(`code: "([a-z_]+)"`), "error.", []string{".title", ".message"}},
		{regexp.MustCompile(`redirectDone\(c, "[^"]*", "([a-z_]+)"\)`), "notice.", nil},
		{regexp.MustCompile(`FileProblem = "([a-z_]+)"`), "import.problem.", nil},
	}
	files := sources(t, "../../web/templates", ".html")
	for p, text := range sources(t, "..", ".go") {
		// Reports have their own catalogs (internal/reports/messages), checked there.
		if !strings.HasPrefix(filepath.ToSlash(p), "../reports/") {
			files[p] = text
		}
	}
	for path, text := range files {
		for _, pat := range patterns {
			for _, m := range pat.re.FindAllStringSubmatch(text, -1) {
				if pat.re.NumSubexp() == 2 { // errs.Invalid(field, code)
					add("field."+m[1], path)
					add("validation."+m[2], path)
					continue
				}
				if len(pat.suffix) == 0 {
					add(pat.prefix+m[1], path)
				}
				for _, s := range pat.suffix {
					add(pat.prefix+m[1]+s, path)
				}
			}
		}
	}
	// Validation rules used in struct tags.
	tag := regexp.MustCompile(`validate:"([^"]+)"`)
	for path, text := range files {
		for _, m := range tag.FindAllStringSubmatch(text, -1) {
			for _, rule := range strings.Split(m[1], ",") {
				name, _, _ := strings.Cut(rule, "=")
				if name != "omitempty" && name != "dive" {
					add("validation."+name, path)
				}
			}
		}
	}
	for _, r := range []string{"learner", "coach", "org_admin", "admin"} {
		add("role."+r, "roles")
	}
	for _, l := range Languages {
		add("lang."+l, "languages")
	}
	var missing []string
	for key, where := range used {
		if !keys[key] || !en[key] {
			missing = append(missing, key+" (used in "+where+")")
		}
	}
	slices.Sort(missing)
	for _, m := range missing {
		t.Error("missing translation:", m)
	}
	if len(used) < 100 {
		t.Fatalf("only %d keys found in use; the scan is broken", len(used))
	}
}

// pluralForms returns the plural forms ("one", "other"…) of every message that has them,
// by dotted key.
func pluralForms(t *testing.T, lang string) map[string]map[string]any {
	t.Helper()
	files, err := fs.Glob(localeFiles, "locales/*."+lang+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			if child, ok := v.(map[string]any); ok {
				if _, plural := child["other"]; plural {
					out[key] = child
				} else {
					walk(key, child)
				}
			}
		}
	}
	for _, file := range files {
		data, err := localeFiles.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		walk("", m)
	}
	return out
}

// TestCountedMessagesHavePluralForms: a message given a "Count" is looked up by its plural
// form, so without a "one" form it fails for a count of 1 and the page shows its key
// instead ("stats.not_enough"). Every message that templates or code give a Count has
// "one" and "other" in both languages.
func TestCountedMessagesHavePluralForms(t *testing.T) {
	counted := []*regexp.Regexp{
		regexp.MustCompile(`\.T "([a-z_]+\.[a-z_.]*[a-z_])"[^}]*?"Count"`),    // templates
		regexp.MustCompile(`\bT\("([a-z_]+\.[a-z_.]*[a-z_])",[^)\n]*"Count"`), // code
	}
	files := sources(t, "../../web/templates", ".html")
	for p, text := range sources(t, "..", ".go") {
		if !strings.HasPrefix(filepath.ToSlash(p), "../reports/") {
			files[p] = text
		}
	}
	used := map[string]string{}
	for path, text := range files {
		for _, re := range counted {
			for _, m := range re.FindAllStringSubmatch(text, -1) {
				used[m[1]] = path
			}
		}
	}
	if len(used) < 10 {
		t.Fatalf("only %d counted messages found; the scan is broken", len(used))
	}
	for _, lang := range Languages {
		forms := pluralForms(t, lang)
		for key, where := range used {
			f, ok := forms[key]
			if _, one := f["one"]; !ok || !one {
				t.Errorf("%s (%s): %s is given a Count in %s but has no \"one\" and \"other\" forms", key, lang, key, where)
			}
		}
	}
}
