package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
)

// TestHostileTextInDevelopmentRecords stores HTML, script and spreadsheet formulas in the
// free-text fields of goals, comments, the action log, coach notes, events and a person's
// name, and checks that every page shows them as text and every CSV neutralises them.
func TestHostileTextInDevelopmentRecords(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)>'"`
		const escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
		learnerID, org := userID(t, s, "learner1@acme.example"), orgID(t, s, "acme")
		cohort := cohortID(t, s, "Liderazgo · primavera")
		learner, coach, admin := s.Login("learner1@acme.example"), s.Login("coach@acme.example"), s.Login("admin@acme.example")
		post := func(c *apptest.Client, path string, form url.Values) {
			t.Helper()
			if resp := c.PostForm(path, form); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("POST %s: %d %s", path, resp.StatusCode, apptest.Body(resp))
			}
		}
		today := time.Now().UTC().Format("2006-01-02")
		post(learner, "/account", url.Values{"name": {"=HYPERLINK(\"http://evil.example\",\"x\")" + hostile}, "locale": {"es"}})
		post(learner, "/people/"+learnerID+"/goals", url.Values{"dimension": {"giving-first"}, "title": {hostile},
			"success_measure": {hostile}, "due_on": {time.Now().UTC().AddDate(0, 1, 0).Format("2006-01-02")}})
		post(learner, "/people/"+learnerID+"/actions", url.Values{"on": {today}, "type": {"helped"},
			"dimensions": {"giving-first"}, "who": {hostile}, "note": {"+" + hostile}})
		post(coach, "/people/"+learnerID+"/notes", url.Values{"body": {hostile}, "shared": {"1"}})
		post(admin, "/orgs/"+org+"/events", url.Values{"title": {hostile}, "starts_at": {time.Now().UTC().AddDate(0, 0, 7).Format("2006-01-02T15:04")},
			"place": {hostile}, "organiser": {hostile}, "preparation": {hostile}})

		pages := map[*apptest.Client][]string{
			learner: {"/home", "/people/" + learnerID + "/plan", "/people/" + learnerID + "/actions", "/people/" + learnerID, "/orgs/" + org + "/events"},
			coach:   {"/people/" + learnerID, "/people/" + learnerID + "/plan", "/people/" + learnerID + "/actions", "/cohorts/" + cohort},
			admin:   {"/orgs/" + org + "/people", "/orgs/" + org + "/events", "/orgs/" + org + "/reports"},
		}
		for c, paths := range pages {
			for _, path := range paths {
				body := apptest.Body(c.Get(path))
				if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
					t.Errorf("%s shows stored text unescaped", path)
				}
				if !strings.Contains(body, escaped) {
					t.Errorf("%s does not show the stored text at all", path)
				}
			}
		}
		for _, kind := range []string{"scores", "progress", "actions"} {
			csv := apptest.Body(admin.Get("/orgs/" + org + "/exports/" + kind + ".csv"))
			for _, line := range strings.Split(csv, "\r\n") {
				for _, cell := range strings.Split(line, ",") {
					cell = strings.TrimPrefix(cell, `"`)
					if strings.HasPrefix(cell, "=") || strings.HasPrefix(cell, "+") || strings.HasPrefix(cell, "@") {
						t.Errorf("%s.csv has a cell that a spreadsheet would run: %q", kind, cell)
					}
				}
			}
			if !strings.Contains(csv, "HYPERLINK") {
				t.Errorf("%s.csv does not list the learner", kind)
			}
		}
	})
}
