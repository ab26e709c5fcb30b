package app_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// TestSaveAnswerRoundTrips pins the statements one answer save sends to the database,
// through the page's autosave and through the API (BEGIN and COMMIT come on top): the
// session, the attempt's locking update that also returns its instrument, the upsert;
// for the page the learner's cohorts (the policy's actor), for the API the progress count. A statement added to this path fails here.
func TestSaveAnswerRoundTrips(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := context.Background()
		u, err := s.App.Identity().UserByEmail(ctx, "learner1@acme.example")
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.App.Assessment().Start(ctx, u.ID, u.OrgID(), "networking-self")
		if err != nil {
			t.Fatal(err)
		}
		learner, token := s.Login("learner1@acme.example"), s.Token("learner1@acme.example")
		page := func(item, answer string) {
			t.Helper()
			if resp := learner.PostForm("/assessments/"+a.ID+"/answers/"+item, url.Values{"answer": {answer}}); resp.StatusCode != http.StatusNoContent {
				t.Fatalf("autosave %s: %d %s", item, resp.StatusCode, apptest.Body(resp))
			}
		}
		api := func(item, body string) {
			t.Helper()
			if resp, out := s.API(token, "PUT", "/api/v1/assessments/"+a.ID+"/answers/"+item, strings.NewReader(body),
				"Content-Type", "application/json"); resp.StatusCode != http.StatusOK {
				t.Fatalf("PUT %s: %d %s", item, resp.StatusCode, out)
			}
		}
		// Warm up: the definition and the session's last-seen time.
		page("gf1", "4")
		api("gf2", `{"value":3}`)

		gdb := s.App.DB()
		count := func(name string, save func(), want ...string) {
			t.Helper()
			sqls := dbtest.Record(gdb, save)
			if len(sqls) != len(want) {
				t.Fatalf("%s: %d statements, want %d:\n%s", name, len(sqls), len(want), strings.Join(sqls, "\n"))
			}
			for i, pattern := range want {
				if !regexp.MustCompile(pattern).MatchString(sqls[i]) {
					t.Errorf("%s: statement %d = %s, want %s", name, i+1, sqls[i], pattern)
				}
			}
		}
		lock := `^UPDATE \W?assessment_attempts\W? SET status = .* RETURNING instrument_id`
		upsert := `^INSERT INTO \W?assessment_answers\W? .* ON CONFLICT`
		// The page asks the policy about the learner's own data, which reads their cohorts.
		count("autosave", func() { page("gf3", "5") }, `(?i)^SELECT .*sessions`, `^SELECT cohort_id`, lock, upsert)
		count("API", func() { api("gf4", `{"value":2}`) }, `(?i)^SELECT .*api_tokens`, lock, upsert,
			`^SELECT \W?item_id\W? FROM \W?assessment_answers\W?`)
	})
}
