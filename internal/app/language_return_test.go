package app_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
)

var switchNext = regexp.MustCompile(`<form method="post" action="/language" class="lang-switch">\s*<input type="hidden" name="_csrf" value="[^"]*">\s*<input type="hidden" name="next" value="([^"]*)">`)

// TestLanguageSwitchKeepsThePage: on a questionnaire's third page the header's language
// switch offers to come back to that page, query included, and does; the confirmation of
// a form (?done=) is not shown again. Anything that is not a path on this site sends the
// switch home instead of elsewhere.
func TestLanguageSwitchKeepsThePage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learner := s.Login("learner4@acme.example")
		attempt := startAssessment(t, learner)
		page := "/assessments/" + attempt + "?page=3"
		body := apptest.Body(learner.Get(page))
		m := switchNext.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("the questionnaire page has no language switch")
		}
		if next := html.UnescapeString(m[1]); next != page {
			t.Fatalf("the language switch returns to %q, want %q", next, page)
		}
		resp := learner.PostForm("/language", url.Values{"lang": {"en"}, "next": {page}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page {
			t.Fatalf("switch: %d to %q, want %q", resp.StatusCode, resp.Header.Get("Location"), page)
		}
		if body := apptest.Body(learner.Get(page)); !strings.Contains(body, "Page 3 of") {
			t.Fatal("after the switch the questionnaire is not on its third page in English")
		}

		// A page reached after a form keeps its own query but not the confirmation.
		body = apptest.Body(learner.Get("/assessments?done=goal_added&x=1"))
		if m := switchNext.FindStringSubmatch(body); m == nil || html.UnescapeString(m[1]) != "/assessments?x=1" {
			t.Fatalf("after a form the switch returns to %v, want /assessments?x=1", m)
		}

		for _, next := range []string{"https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example",
			"javascript:alert(1)", "/home\r\nSet-Cookie: x=1", "evil.example"} {
			resp := learner.PostForm("/language", url.Values{"lang": {"es"}, "next": {next}})
			if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || got != "/" {
				t.Errorf("next %q: %d to %q, want a redirect home", next, resp.StatusCode, got)
			}
		}
	})
}
