package app_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// planAttempts is how many submitted self-assessments the database holds when the plans
// are checked: the scale at which no step may read a whole table.
const planAttempts = 100_000

// bigTables grow with the number of people and attempts; no request may read one whole.
var bigTables = []string{"users", "assessment_attempts", "assessment_answers", "assessment_dimension_scores"}

// wholeInstrumentReads are the statements that read every submitted attempt of an
// instrument version by design: the reliability behind the RCI (Cronbach's alpha and the
// SD of each dimension over everyone who took it) and the check whether that set changed.
// They run at most once per assessment.Config.ReliabilityRefresh per instance, not per
// request (TestGrowthReliabilityFollowsNewAttempts), so they are not held to the rule.
var wholeInstrumentReads = regexp.MustCompile(`(?s)^SELECT (COUNT\(\*\) AS n, MAX\(submitted_at\) AS last FROM "assessment_attempts" WHERE instrument_id = '[^']*' AND submitted_at IS NOT NULL` +
	`|count\(\*\) FROM assessment_attempts a WHERE a.instrument_id = '[^']*' AND a.submitted_at IS NOT NULL` +
	`|x.attempt_id, x.item_id, x.value, x.option_index FROM assessment_answers x JOIN assessment_attempts a ON a.id = x.attempt_id WHERE a.instrument_id = '[^']*' AND a.submitted_at IS NOT NULL)$`)

// TestQueryPlansAtScale fills the database with 100,000 submitted self-assessments (5,000
// learners, their dimension scores and answers), runs every step of the load-tested flow
// through the handlers while recording the SQL that GORM sends, and asks the database for
// the plan of each statement: a full scan of a table that grows with the data fails the
// test. This is what keeps the steps from slowing down as the database grows.
func TestQueryPlansAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a large database")
	}
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		kind := dbKind(s)
		ctx := context.Background()
		gdb := s.App.DB()
		fillAtScale(t, gdb, kind, builtInInstrument(t, s, "networking-self"))

		rec := &dbtest.Recorder{}
		saved := gdb.Config.Logger
		gdb.Config.Logger = rec
		learner, coach, admin := s.Login("learner1@acme.example"), s.Login("coach@acme.example"), s.Login("admin@acme.example")
		get := func(c *apptest.Client, path string) {
			t.Helper()
			if resp := c.Get(path); resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d", path, resp.StatusCode)
			}
		}
		get(learner, "/home")
		get(learner, "/assessments")
		resp := learner.PostForm("/assessments", url.Values{"instrument": {"networking-self"}})
		attempt := resp.Header.Get("Location")
		get(learner, attempt)
		if resp := learner.PostForm(attempt+"/answers/gf1", url.Values{"answer": {"4"}}); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("save answer: %d", resp.StatusCode)
		}
		gdb.Config.Logger = saved
		answerAll(t, s, "learner1@acme.example", strings.TrimPrefix(attempt, "/assessments/"))
		gdb.Config.Logger = rec
		learner.PostForm(attempt+"/submit", url.Values{})
		get(learner, attempt+"/results")
		get(coach, "/home")
		get(coach, "/cohorts/"+cohortID(t, s, "Liderazgo · primavera"))
		get(coach, "/people/"+userID(t, s, "learner1@acme.example"))
		get(admin, "/home")
		get(admin, "/orgs/"+orgID(t, s, "acme")+"/progress")
		gdb.Config.Logger = saved

		statements := distinct(rec.Statements())
		if len(statements) < 30 {
			t.Fatalf("only %d statements recorded", len(statements))
		}
		sqlDB, err := gdb.DB()
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, stmt := range statements {
			if !explainable.MatchString(stmt) || wholeInstrumentReads.MatchString(stmt) {
				continue
			}
			checked++
			plan, err := explain(ctx, sqlDB, kind, stmt)
			if err != nil {
				t.Errorf("explain %s: %v", stmt, err)
				continue
			}
			if table, ok := fullScan(kind, plan); ok {
				t.Errorf("full scan of %s at %d attempts:\n%s\nplan:\n%s", table, planAttempts, stmt, plan)
			}
		}
		t.Logf("%d statements, %d plans checked", len(statements), checked)
	})
}

func dbKind(s *apptest.Server) db.Kind {
	if s.App.DB().Dialector.Name() == "postgres" {
		return db.Postgres
	}
	return db.SQLite
}

var explainable = regexp.MustCompile(`(?is)^\s*(SELECT|UPDATE|DELETE|WITH)\b`)

// explain returns the database's plan for stmt, one line per node.
func explain(ctx context.Context, sqlDB *sql.DB, kind db.Kind, stmt string) (string, error) {
	prefix := "EXPLAIN "
	if kind == db.SQLite {
		prefix = "EXPLAIN QUERY PLAN "
	}
	rows, err := sqlDB.QueryContext(ctx, prefix+stmt)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		// PostgreSQL: one column, the node; SQLite: id, parent, notused, detail.
		lines = append(lines, fmt.Sprint(vals[len(vals)-1]))
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// fullScan finds a whole-table read of a big table in a plan.
func fullScan(kind db.Kind, plan string) (string, bool) {
	for _, table := range bigTables {
		var re *regexp.Regexp
		if kind == db.SQLite {
			// "SCAN t" reads every row (also "SCAN t USING INDEX i": in index order);
			// "SEARCH t USING INDEX" is a lookup.
			re = regexp.MustCompile(`(?m)^\s*SCAN ` + table + `\b`)
		} else {
			re = regexp.MustCompile(`Seq Scan on ` + table + `\b`)
		}
		if re.MatchString(plan) {
			return table, true
		}
	}
	return "", false
}

// distinct returns the statements without repeats, in the order first sent.
func distinct(sqls []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range sqls {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// fillAtScale adds 40 organisations of 125 learners each (5,000 people) and planAttempts
// submitted self-assessments among them, each with its eight dimension scores and five
// answers, in a few statements, then refreshes the planner's statistics. The demo
// organisations stay as they are: the steps run in them, on a platform that has grown.
func fillAtScale(t *testing.T, gdb *gorm.DB, kind db.Kind, instrumentID string) {
	t.Helper()
	hexOf := func(expr string) string { return "lpad(to_hex(" + expr + "), 12, '0')" }
	ts := "TIMESTAMP '2025-01-01 00:00:00' + i * INTERVAL '1 second'"
	if kind == db.SQLite {
		hexOf = func(expr string) string { return "printf('%012x', " + expr + ")" }
		ts = "datetime('2025-01-01 00:00:00', '+' || i || ' seconds')"
	}
	const orgs, learners = 40, 5000
	series := func(n int) string {
		return fmt.Sprintf("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) ", n)
	}
	org := func(expr string) string { return "'00000000-0000-7000-a000-' || " + hexOf(expr) }
	user := func(expr string) string { return "'00000000-0000-7000-8000-' || " + hexOf(expr) }
	dims := "SELECT 'giving-first' AS d UNION ALL SELECT 'other-focus' UNION ALL SELECT 'problem-solving-pitch' " +
		"UNION ALL SELECT 'digital-presence' UNION ALL SELECT 'relationship-depth' UNION ALL SELECT 'event-presence' " +
		"UNION ALL SELECT 'expressing-needs' UNION ALL SELECT 'deliberate-practice'"
	items := "SELECT 'gf1' AS item UNION ALL SELECT 'gf2' UNION ALL SELECT 'of1' UNION ALL SELECT 'dp1' UNION ALL SELECT 'dp2'"
	statements := []string{
		series(orgs) + "INSERT INTO organisations (id, slug, name, created_at) SELECT " + org("i") +
			", 'scale-' || i, 'Scale Organisation ' || i, " + ts + " FROM n",
		series(learners) + "INSERT INTO users (id, organisation_id, email, name, locale, role, active, created_at, updated_at) " +
			"SELECT " + user("i") + ", " + org(fmt.Sprintf("(i %% %d) + 1", orgs)) + ", 'scale' || i || '@scale.example', " +
			"'Scale Learner ' || i, 'es', 'learner', TRUE, " + ts + ", " + ts + " FROM n",
		series(planAttempts) + "INSERT INTO assessment_attempts (id, instrument_id, instrument_key, user_id, organisation_id, source, status, started_at, submitted_at) " +
			"SELECT '00000000-0000-7000-9000-' || " + hexOf("i") + ", '" + instrumentID + "', 'networking-self', " +
			user(fmt.Sprintf("(i %% %d) + 1", learners)) + ", " + org(fmt.Sprintf("((i %% %d) %% %d) + 1", learners, orgs)) + ", " +
			"'online', 'submitted', " + ts + ", " + ts + " FROM n",
		"INSERT INTO assessment_dimension_scores (attempt_id, dimension, n_items, n_answered, mean, score, band) " +
			"SELECT a.id, d.d, 9, 9, 3.5, 62.5, 3 FROM assessment_attempts a CROSS JOIN (" + dims + ") d " +
			"WHERE a.id LIKE '00000000-0000-7000-9000-%'",
		"INSERT INTO assessment_answers (attempt_id, item_id, value, answered_at) " +
			"SELECT a.id, x.item, 4, a.started_at FROM assessment_attempts a CROSS JOIN (" + items + ") x " +
			"WHERE a.id LIKE '00000000-0000-7000-9000-%'",
		"ANALYZE",
	}
	for _, stmt := range statements {
		if err := gdb.Exec(stmt).Error; err != nil {
			t.Fatalf("fill: %v\n%s", err, stmt)
		}
	}
}
