package app_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/reports"
)

// visibleText is what a reader of an answer sees: the text of a PDF (pdftotext), the
// names and texts of the files of a ZIP, the body otherwise.
func visibleText(t *testing.T, contentType string, body []byte) string {
	t.Helper()
	switch {
	case strings.HasPrefix(contentType, "application/pdf"):
		return pdfText(t, body)
	case strings.HasPrefix(contentType, "application/zip"):
		zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
		if err != nil {
			t.Fatalf("not a ZIP: %v", err)
		}
		var out strings.Builder
		for _, f := range zr.File {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			out.WriteString(f.Name + "\n" + visibleText(t, "application/pdf", data) + "\n")
		}
		return out.String()
	}
	return string(body)
}

// pdfText extracts the text of a PDF with pdftotext.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// viewer reads Academy as one person: pages through a signed-in browser, the API with a
// token.
type viewer struct {
	email  string
	client *apptest.Client
	token  string
}

// look fetches path as the viewer and returns the status and what the answer shows.
func (v viewer) look(t *testing.T, s *apptest.Server, path string) (int, string) {
	t.Helper()
	if strings.HasPrefix(path, "/api/") {
		resp, body := s.API(v.token, http.MethodGet, path, nil)
		return resp.StatusCode, visibleText(t, resp.Header.Get("Content-Type"), body)
	}
	resp := v.client.Get(path)
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode, visibleText(t, resp.Header.Get("Content-Type"), body)
}

// organisationFigures are the organisation's aggregate numbers: its report's data (at a
// fixed date), the reliability of the self-assessment over its attempts, and where a
// colleague's scores fall among the organisation's, everyone's and the cohort's.
func organisationFigures(t *testing.T, s *apptest.Server, at time.Time) string {
	t.Helper()
	ctx := context.Background()
	org, inst := orgID(t, s, "acme"), builtInInstrument(t, s, "networking-self")
	sources := reports.Sources{People: s.App.Identity(), Assessments: s.App.Assessment(), Courses: s.App.Courses(),
		Development: s.App.Development(), Now: func() time.Time { return at }}
	data, err := sources.OrganisationReportData(ctx, org)
	if err != nil {
		t.Fatal(err)
	}
	if data.Participation.Assessed < reports.MinGroupSize {
		t.Fatalf("only %d assessed learners: the report shows no statistics to compare", data.Participation.Assessed)
	}
	rel, err := s.App.Assessment().Psychometrics(ctx, inst, org)
	if err != nil {
		t.Fatal(err)
	}
	rel.ComputedAt = time.Time{}
	var colleague string
	err = s.App.DB().Raw(`SELECT id FROM assessment_attempts WHERE user_id = ? AND submitted_at IS NOT NULL
		ORDER BY submitted_at DESC LIMIT 1`, userID(t, s, "learner8@acme.example")).Scan(&colleague).Error
	if err != nil || colleague == "" {
		t.Fatalf("learner8's attempt: %v", err)
	}
	peers, err := s.App.Identity().CohortPeers(ctx, userID(t, s, "learner8@acme.example"))
	if err != nil {
		t.Fatal(err)
	}
	var norms []assessment.Norms
	for _, g := range []assessment.Group{assessment.Everyone(), assessment.OrganisationGroup(org), assessment.CohortGroup(peers)} {
		n, err := s.App.Assessment().Norms(ctx, colleague, g)
		if err != nil {
			t.Fatal(err)
		}
		n.ComputedAt = time.Time{}
		norms = append(norms, n)
	}
	out, err := json.MarshalIndent(map[string]any{"report": data, "psychometrics": rel, "norms": norms}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// othersRecords counts the development records of everyone but the person.
func othersRecords(t *testing.T, s *apptest.Server, personID string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"development_goals", "action_entries", "coach_notes", "footprint_checks", "follow_ups", "observer_invitations"} {
		out[table] = countRows(t, s, table, "learner_id <> ?", personID)
	}
	out["event_attendees"] = countRows(t, s, "event_attendees", "user_id <> ?", personID)
	out["development_goal_comments"] = countRows(t, s, "development_goal_comments",
		"goal_id IN (SELECT id FROM development_goals WHERE learner_id <> ?)", personID)
	out["observer_answers"] = countRows(t, s, "observer_answers",
		"invitation_id IN (SELECT id FROM observer_invitations WHERE learner_id <> ?)", personID)
	out["assessment_attempts"] = countRows(t, s, "assessment_attempts", "1 = 1")
	out["quiz_attempts"] = countRows(t, s, "quiz_attempts", "1 = 1")
	return out
}

// databaseTraces searches every row of every table for the subject's traces.
func databaseTraces(t *testing.T, s *apptest.Server) []string {
	t.Helper()
	var tables []string
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if db.KindOf(s.App.DB()) == db.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	if err := s.App.DB().Raw(q).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	sqlDB, err := s.App.DB().DB()
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, table := range tables {
		rows, err := sqlDB.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				text := fmt.Sprint(v)
				if b, ok := v.([]byte); ok {
					text = string(b)
				}
				for _, tr := range tracesIn(text) {
					found = append(found, table+"."+cols[i]+": "+tr)
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		_ = rows.Close()
	}
	slices.Sort(found)
	return slices.Compact(found)
}

// TestErasedPersonIsNowhere erases a learner with data in every part of Academy and then
// reads every page and every API answer (PDF reports and CSV exports included) as her
// organisation's administrator, her coach and the platform administrator, and the whole
// database: her name, address and what was written about her appear nowhere, and the
// organisation's figures are those of before.
func TestErasedPersonIsNowhere(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		p := newPrivacySubject(t, s)
		org := orgID(t, s, "acme")
		viewers := []viewer{}
		for _, email := range []string{"admin@acme.example", "coach@acme.example", "admin@academy.example"} {
			viewers = append(viewers, viewer{email: email, client: s.Login(email), token: s.Token(email)})
		}
		admin := viewers[0]

		// A bulk ZIP of every learner report, made before: it holds her report.
		before := requestBulk(t, admin.client, org, url.Values{"lang": {"es"}})
		if err := s.App.RunReportJob(context.Background(), before); err != nil {
			t.Fatal(err)
		}
		if _, zipped := admin.look(t, s, "/report-jobs/"+before+"/download"); len(tracesIn(zipped)) == 0 {
			t.Fatal("the ZIP made before does not hold her report: the search would find nothing")
		}
		// The search finds her where she is, before.
		for _, path := range []string{"/orgs/" + org + "/people", "/cohorts/" + p.cohort, "/cohorts/" + p.cohort + "/exports/scores.csv",
			"/people/" + p.id + "/report.pdf", "/events/" + p.upcoming, "/badges/" + p.badge} {
			if _, body := admin.look(t, s, path); len(tracesIn(body)) == 0 {
				t.Fatalf("%s does not show her before the erasure: the search would find nothing", path)
			}
		}
		at := time.Now().UTC().Truncate(time.Second)
		figures := organisationFigures(t, s, at)
		others := othersRecords(t, s, p.id)

		if resp := erasePage(admin.client, p.id, subjectName); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("erase: %d", resp.StatusCode)
		}

		t.Run("pages and API", func(t *testing.T) {
			ids := sweepIDs{org: org, cohort: p.cohort, person: p.id, token: "00000000-0000-7000-8000-000000000000",
				attempt: p.attempt, instrument: builtInInstrument(t, s, "networking-self"), quizAttempt: p.quizAttempt,
				observer: p.observer, goal: p.goal, action: p.action, event: p.upcoming, followUp: p.followUp, reportJob: before,
				badge: p.badge}
			var paths []string
			for _, route := range routes(s) {
				if !strings.HasPrefix(route, "GET ") || strings.Contains(route, ":token") {
					continue
				}
				paths = append(paths, fill(t, route, ids))
				if strings.Contains(route, "/events/:id") {
					paths = append(paths, strings.Replace(fill(t, route, ids), p.upcoming, p.past, 1))
				}
			}
			for _, kind := range []string{"scores", "progress", "actions"} {
				paths = append(paths, "/cohorts/"+p.cohort+"/exports/"+kind+".csv", "/orgs/"+org+"/exports/"+kind+".csv")
			}
			for _, lang := range []string{"es", "en"} {
				paths = append(paths, "/orgs/"+org+"/report.pdf?lang="+lang, "/cohorts/"+p.cohort+"/report.pdf?lang="+lang,
					"/api/v1/orgs/"+org+"/report.pdf?lang="+lang, "/api/v1/cohorts/"+p.cohort+"/report.pdf?lang="+lang)
			}
			seen := 0
			for _, v := range viewers {
				for _, path := range paths {
					status, body := v.look(t, s, path)
					if status == http.StatusOK {
						seen++
					}
					if tr := tracesIn(body); len(tr) > 0 {
						t.Errorf("%s as %s (%d) shows %v", path, v.email, status, tr)
					}
				}
			}
			if seen < 3*20 {
				t.Errorf("only %d answers were read", seen)
			}
		})

		t.Run("new bulk ZIP", func(t *testing.T) {
			job := requestBulk(t, admin.client, org, url.Values{"lang": {"es"}})
			if err := s.App.RunReportJob(context.Background(), job); err != nil {
				t.Fatal(err)
			}
			status, zipped := admin.look(t, s, "/report-jobs/"+job+"/download")
			if status != http.StatusOK || !strings.Contains(zipped, ".pdf") {
				t.Fatalf("download: %d", status)
			}
			if tr := tracesIn(zipped); len(tr) > 0 {
				t.Errorf("a ZIP made after the erasure shows %v", tr)
			}
		})

		t.Run("database", func(t *testing.T) {
			if found := databaseTraces(t, s); len(found) > 0 {
				t.Errorf("left in the database: %v", found)
			}
		})

		t.Run("organisation figures", func(t *testing.T) {
			if after := organisationFigures(t, s, at); after != figures {
				t.Errorf("the organisation's figures changed:\nbefore %s\nafter  %s", figures, after)
			}
		})

		t.Run("others' records", func(t *testing.T) {
			if after := othersRecords(t, s, p.id); !mapsEqual(others, after) {
				t.Errorf("other people's records changed: %v → %v", others, after)
			}
		})

		t.Run("log", func(t *testing.T) {
			var rows []map[string]any
			if err := s.App.DB().Raw("SELECT * FROM erasures").Scan(&rows).Error; err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || fmt.Sprint(rows[0]["subject_id"]) != p.id || fmt.Sprint(rows[0]["erased_by"]) != userID(t, s, "admin@acme.example") ||
				fmt.Sprint(rows[0]["organisation_id"]) != org || rows[0]["erased_at"] == nil || len(rows[0]) != 5 {
				t.Errorf("erasure log %v", rows)
			}
		})
	})
}
