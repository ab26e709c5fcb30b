package app_test

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/db"
)

var scriptTag = regexp.MustCompile(`<script[^>]*>`)

// TestAPIReferencePage reads /api/docs as nobody, in both languages: it lists every
// operation and every schema of the contract, links to the contract, and loads no script
// from elsewhere (nor any inline one).
func TestAPIReferencePage(t *testing.T) {
	s := apptest.New(t, db.SQLite)
	doc, err := apptest.Spec()
	if err != nil {
		t.Fatal(err)
	}
	for lang, heading := range map[string]string{"es": "Referencia de la API", "en": "API reference"} {
		c := s.NewClient()
		c.Lang = lang
		resp := c.Get("/api/docs")
		page := apptest.Body(resp)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: %d %s", lang, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		for _, want := range []string{`<html lang="` + lang + `"`, "<h1>" + heading + "</h1>", `href="/api/openapi.yaml"`,
			`href="/static/academy.css"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page lacks %s", lang, want)
			}
		}
		for _, tag := range scriptTag.FindAllString(page, -1) {
			if !strings.Contains(tag, `src="/static/`) {
				t.Errorf("%s: %s: only the site's own scripts, from its own files", lang, tag)
			}
		}
		for path, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				anchor := `id="op-` + op.OperationID + `"`
				title := `<span class="api-method">` + method + `</span> <code class="api-path">` + html.EscapeString("/api/v1"+path) + `</code>`
				if !strings.Contains(page, anchor) || !strings.Contains(page, title) || !strings.Contains(page, html.EscapeString(op.Summary)) {
					t.Errorf("%s: %s %s (%s) is not on the page", lang, method, path, op.OperationID)
				}
			}
		}
		for name := range doc.Components.Schemas {
			if !strings.Contains(page, `id="schema-`+name+`"`) {
				t.Errorf("%s: schema %s is not on the page", lang, name)
			}
		}
	}
	// The contract itself, which the page links to.
	resp := s.NewClient().Get("/api/openapi.yaml")
	if body := apptest.Body(resp); resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "openapi: 3.1.0") ||
		!strings.Contains(resp.Header.Get("Content-Type"), "yaml") {
		t.Fatalf("/api/openapi.yaml: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
