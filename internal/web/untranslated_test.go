package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	webfiles "github.com/academy-platform/academy/web"
)

// allowedText is visible text that is the same in every language: the product's name,
// data formats and symbols.
var allowedText = []string{
	"Academy",
	"email,name,role,cohort", "ana.lopez@example.com,Ana López,learner,Ventas 2026",
	"marc.soler@example.com,Marc Soler,coach,Ventas 2026",
}

var (
	templateAction = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	htmlTag        = regexp.MustCompile(`(?s)<[^>]*>`)
	letters        = regexp.MustCompile(`\p{L}{2,}`)
)

// TestTemplatesHaveNoUntranslatedText fails when a template shows words that do not come
// from the message catalogs: every visible string must be translatable.
func TestTemplatesHaveNoUntranslatedText(t *testing.T) {
	err := fs.WalkDir(webfiles.Files, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		data, err := fs.ReadFile(webfiles.Files, path)
		if err != nil {
			return err
		}
		text := templateAction.ReplaceAllString(string(data), " ")
		text = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>`).ReplaceAllString(text, " ")
		text = htmlTag.ReplaceAllString(text, "\n")
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || !letters.MatchString(line) {
				continue
			}
			allowed := false
			for _, a := range allowedText {
				if line == a || strings.Join(letters.FindAllString(line, -1), " ") == a {
					allowed = true
				}
			}
			if !allowed {
				t.Errorf("%s: untranslated text %q (use {{.T \"key\"}})", path, line)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
