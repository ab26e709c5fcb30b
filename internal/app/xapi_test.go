package app_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/xapi"
	"github.com/academy-platform/academy/internal/xapi/xapitest"
	"github.com/academy-platform/academy/seed"
)

// learnerActivity makes the person do one thing of every kind Academy records, through
// the app's stores: read every lesson of the first module, fail and then pass its quiz
// (which completes the module), complete the self-assessment, set a goal and reach it, and
// log an action.
func learnerActivity(t *testing.T, s *apptest.Server, email string) {
	t.Helper()
	ctx := context.Background()
	id := userID(t, s, email)
	sub, err := fs.Sub(seed.Files, "courses")
	if err != nil {
		t.Fatal(err)
	}
	content, err := courses.Load(sub)
	if err != nil {
		t.Fatal(err)
	}
	m, cs := content.Modules[0], s.App.Courses()
	for _, l := range m.Lessons {
		if _, err := cs.CompleteLesson(ctx, id, m.Slug, l.Slug); err != nil {
			t.Fatal(err)
		}
	}
	for _, right := range []bool{false, true} {
		a, err := cs.StartAttempt(ctx, id, m.Quiz.Slug)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range m.Quiz.Questions {
			var chosen []string // every right option, or one wrong one
			for _, o := range q.Options {
				if o.Correct == right && (right || len(chosen) == 0) {
					chosen = append(chosen, o.ID)
				}
			}
			if err := cs.SaveAnswer(ctx, id, a.ID, q.ID, chosen); err != nil {
				t.Fatal(err)
			}
		}
		if res, err := cs.Submit(ctx, id, a.ID); err != nil || res.Passed != right {
			t.Fatalf("quiz attempt (right answers: %v): %+v, %v", right, res, err)
		}
	}
	submittedAttempt(t, s, email)
	dev := s.App.Development()
	g, err := dev.CreateGoal(ctx, id, id, development.GoalInput{Dimension: "giving-first",
		Title: "Introduce two colleagues a week", SuccessMeasure: "Eight introductions in the log",
		DueOn: time.Now().UTC().AddDate(0, 1, 0).Format(time.DateOnly)})
	if err != nil {
		t.Fatal(err)
	}
	done := development.GoalDone
	if _, err := dev.UpdateGoal(ctx, id, g.ID, development.GoalPatch{Status: &done}); err != nil {
		t.Fatal(err)
	}
	if _, err := dev.LogAction(ctx, id, id, development.ActionInput{On: time.Now().UTC().Format(time.DateOnly),
		Type: development.ActionHelped, Who: "Marta", Note: "Sent her two contacts"}); err != nil {
		t.Fatal(err)
	}
}

// outboxRow is a statement as the outbox keeps it.
type outboxRow struct {
	ID, Kind, Statement string
	Delivery            *string
}

func outbox(t *testing.T, s *apptest.Server) []outboxRow {
	t.Helper()
	var rows []outboxRow
	if err := s.App.DB().Raw("SELECT id, kind, statement, delivery FROM xapi_statements ORDER BY id").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

// checkStatements validates every statement of the outbox against xAPI 1.0.3 and checks
// that every kind of activity, and both quiz outcomes, are among them.
func checkStatements(t *testing.T, rows []outboxRow) {
	t.Helper()
	kinds := map[string]bool{}
	for _, r := range rows {
		if err := xapi.Validate([]byte(r.Statement)); err != nil {
			t.Errorf("%s statement %s: %v", r.Kind, r.Statement, err)
		}
		kind := r.Kind
		if kind == string(activity.QuizSubmitted) {
			kind += map[bool]string{true: " passed", false: " failed"}[strings.Contains(r.Statement, xapi.VerbPassed)]
		}
		kinds[kind] = true
	}
	for _, k := range []string{"lesson-completed", "module-completed", "quiz-submitted passed", "quiz-submitted failed",
		"assessment-completed", "goal-set", "goal-achieved", "action-logged"} {
		if !kinds[k] {
			t.Errorf("no %s statement among %v", k, kinds)
		}
	}
}

// TestXAPIDeliverySurvivesAnLRSOutage: while the LRS refuses connections, answers with
// errors or too slowly, statements wait in the outbox; when it answers again every one is
// delivered, and the LRS holds each id once.
func TestXAPIDeliverySurvivesAnLRSOutage(t *testing.T) {
	for _, kind := range dbtest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			lrs := xapitest.New(t, "academy", "s3cret")
			lrs.Down()
			s := apptest.New(t, kind, "ACADEMY_XAPI_ENDPOINT", lrs.Endpoint(), "ACADEMY_XAPI_USERNAME", "academy",
				"ACADEMY_XAPI_PASSWORD", "s3cret", "ACADEMY_XAPI_INTERVAL", "100ms", "ACADEMY_XAPI_TIMEOUT", "250ms")
			startJobs(t, s)
			learnerActivity(t, s, "learner6@acme.example")
			rows := outbox(t, s)
			checkStatements(t, rows)
			// The delivery job runs and fails, and is retried, while the LRS is down.
			waitFor(t, "failed deliveries", func() bool {
				return countRows(t, s, "river_job", "kind = ? AND errors IS NOT NULL", xapi.DeliverArgs{}.Kind()) > 0
			})
			if n := countRows(t, s, "xapi_statements", "delivery = ?", xapi.Pending); n != int64(len(rows)) {
				t.Fatalf("%d of %d statements pending while the LRS is down", n, len(rows))
			}

			lrs.Up()
			lrs.Fail(http.StatusInternalServerError, 2)
			lrs.Stall(time.Second, 1)
			waitFor(t, "every statement delivered", func() bool {
				return countRows(t, s, "xapi_statements", "delivery = ?", xapi.Sent) == int64(len(rows))
			})
			stored := lrs.Stored()
			if len(stored) != len(rows) {
				t.Fatalf("the LRS holds %d statements, the outbox %d", len(stored), len(rows))
			}
			for _, r := range rows {
				if got, ok := stored[r.ID]; !ok || !sameStatement(got, r.Statement) {
					t.Errorf("the LRS holds %s as %s, want %s", r.ID, got, r.Statement)
				}
			}
			if p := lrs.Problems(); len(p) != 0 {
				t.Errorf("the LRS saw: %v", p)
			}
			posts, received := lrs.Counts()
			t.Logf("%d statements delivered in %d requests carrying %d", len(rows), posts, received)
		})
	}
}

// TestXAPIWithoutAnLRS: statements are kept for the export but nothing is queued, and
// a change that fails leaves no statement.
func TestXAPIWithoutAnLRS(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		startJobs(t, s)
		learnerActivity(t, s, "learner6@acme.example")
		rows := outbox(t, s)
		checkStatements(t, rows)
		for _, r := range rows {
			if r.Delivery != nil {
				t.Fatalf("statement %s is %s without an LRS", r.ID, *r.Delivery)
			}
		}
		time.Sleep(300 * time.Millisecond)
		if n := countRows(t, s, "river_job", "kind = ?", xapi.DeliverArgs{}.Kind()); n != 0 {
			t.Fatalf("%d delivery jobs without an LRS", n)
		}

		// Completing a follow-up twice: the second completion writes an action and its
		// statement, then fails; both are rolled back.
		ctx, dev := context.Background(), s.App.Development()
		learner := userID(t, s, "learner6@acme.example")
		e, err := dev.CreateEvent(ctx, userID(t, s, "coach@acme.example"), orgID(t, s, "acme"), development.EventInput{
			Title: "Breakfast", StartsAt: time.Now().UTC().Add(-2 * time.Hour), Place: "Madrid"})
		if err != nil {
			t.Fatal(err)
		}
		att, err := dev.MarkAttended(ctx, learner, e.ID, development.AttendedInput{
			FollowUps: []development.FollowUpInput{{Contact: "Luis"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := dev.CompleteFollowUp(ctx, learner, att.FollowUps[0].ID, development.CompleteFollowUpInput{}); err != nil {
			t.Fatal(err)
		}
		before := countRows(t, s, "xapi_statements", "kind = ?", string(activity.ActionLogged))
		if _, err := dev.CompleteFollowUp(ctx, learner, att.FollowUps[0].ID, development.CompleteFollowUpInput{}); err == nil {
			t.Fatal("a follow-up was completed twice")
		}
		if after := countRows(t, s, "xapi_statements", "kind = ?", string(activity.ActionLogged)); after != before || before != 3 {
			t.Fatalf("action statements: %d, then %d after a failed completion; want 3 and 3", before, after)
		}
	})
}

// TestXAPIStatementsExport: an organisation's admins read its statements a page at a
// time, in a date range; nobody else does, and bad queries are explained.
func TestXAPIStatementsExport(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learnerActivity(t, s, "learner6@acme.example")
		learnerActivity(t, s, "learner4@globex.example")
		acme := countRows(t, s, "xapi_statements", "organisation_id = ?", orgID(t, s, "acme"))
		admin := s.Token("admin@acme.example")
		list := func(token, query string) (int, apiStatementList) {
			t.Helper()
			resp, body := s.API(token, http.MethodGet, "/api/v1/xapi/statements"+query, nil)
			var out apiStatementList
			if resp.StatusCode == http.StatusOK {
				if err := json.Unmarshal(body, &out); err != nil {
					t.Fatal(err)
				}
			}
			return resp.StatusCode, out
		}

		// All of them, a page of five at a time, oldest first.
		var all []json.RawMessage
		cursor := ""
		for page := 0; ; page++ {
			status, got := list(admin, "?limit=5"+cursor)
			if status != http.StatusOK || len(got.Statements) > 5 || page > 20 {
				t.Fatalf("page %d: %d, %d statements", page, status, len(got.Statements))
			}
			all = append(all, got.Statements...)
			if got.NextCursor == nil {
				break
			}
			cursor = "&cursor=" + *got.NextCursor
		}
		if int64(len(all)) != acme || acme < 9 {
			t.Fatalf("the pages hold %d statements, the organisation has %d", len(all), acme)
		}
		var stamps []string
		for _, raw := range all {
			var st xapi.Statement
			if err := json.Unmarshal(raw, &st); err != nil {
				t.Fatal(err)
			}
			if err := xapi.Validate(raw); err != nil {
				t.Fatal(err)
			}
			if st.Actor.Account == nil || st.Actor.Account.HomePage != "http://academy.test" {
				t.Fatalf("actor = %+v", st.Actor)
			}
			stamps = append(stamps, st.Timestamp)
		}
		if !sort.StringsAreSorted(stamps) {
			t.Fatalf("not oldest first: %v", stamps)
		}
		// A platform admin names the organisation; the same list.
		if status, got := list(s.Token("admin@academy.example"), "?limit=200&organisation="+orgID(t, s, "acme")); status != http.StatusOK ||
			len(got.Statements) != len(all) {
			t.Fatalf("platform admin: %d, %d statements", status, len(got.Statements))
		}
		// A range that ends before today has none of today's.
		if status, got := list(admin, "?from=2020-01-01&to=2020-12-31"); status != http.StatusOK || len(got.Statements) != 0 {
			t.Fatalf("2020: %d, %d statements", status, len(got.Statements))
		}
		today := time.Now().UTC().Format(time.DateOnly)
		if status, got := list(admin, "?limit=200&from="+today+"&to="+today); status != http.StatusOK || len(got.Statements) == 0 {
			t.Fatalf("today: %d, %d statements", status, len(got.Statements))
		}

		// Learners and coaches may not; another organisation's admin does not even see it.
		for _, who := range []string{"learner6@acme.example", "coach@acme.example"} {
			if status, _ := list(s.Token(who), ""); status != http.StatusForbidden {
				t.Errorf("%s: %d, want 403", who, status)
			}
		}
		if status, _ := list(s.Token("admin@globex.example"), "?organisation="+orgID(t, s, "acme")); status != http.StatusNotFound {
			t.Errorf("another organisation's admin: %d, want 404", status)
		}
		if status, _ := list(s.Token("admin@academy.example"), ""); status != http.StatusBadRequest {
			t.Errorf("a platform admin without an organisation: %d, want 400", status)
		}

		// Bad queries: 400 with a sentence per parameter, in the caller's language.
		for _, c := range []struct{ query, field, es, en string }{
			{"?from=yesterday", "from", "Escribe una fecha", "Enter a date"},
			{"?to=2026-13-01", "to", "Escribe una fecha", "Enter a date"},
			{"?from=2026-03-02&to=2026-03-01", "to", "anterior", "before"},
			{"?limit=0", "limit", "entre 1 y 200", "between 1 and 200"},
			{"?cursor=not-a-cursor", "cursor", "cursor", "cursor"},
			{"?organisation=acme", "organisation", "identificador", "identifier"},
		} {
			for lang, want := range map[string]string{"es": c.es, "en": c.en} {
				resp, body := s.API(admin, http.MethodGet, "/api/v1/xapi/statements"+c.query, nil, "Accept-Language", lang)
				var e struct {
					Error struct {
						Code   string            `json:"code"`
						Fields map[string]string `json:"fields"`
					} `json:"error"`
				}
				_ = json.Unmarshal(body, &e)
				if resp.StatusCode != http.StatusBadRequest || !strings.Contains(e.Error.Fields[c.field], want) {
					t.Errorf("%s in %s: %d %s, want 400 with %q on %s", c.query, lang, resp.StatusCode, body, want, c.field)
				}
			}
		}
	})
}

type apiStatementList struct {
	Statements []json.RawMessage `json:"statements"`
	NextCursor *string           `json:"next_cursor"`
}

// waitFor polls cond until it holds, for up to a minute.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sameStatement compares two statements' JSON by content.
func sameStatement(a []byte, b string) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}
