package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/reports"
)

// writeSample keeps a report for looking at when ACADEMY_REPORT_SAMPLES names a folder.
func writeSample(t *testing.T, name string, doc []byte) {
	t.Helper()
	dir := os.Getenv("ACADEMY_REPORT_SAMPLES")
	if dir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, strings.ReplaceAll(name, " ", "-")), doc, 0o644); err != nil {
		t.Fatal(err)
	}
}

func reportSources(s *apptest.Server) reports.Sources {
	return reports.Sources{People: s.App.Identity(), Assessments: s.App.Assessment(), Courses: s.App.Courses(),
		Development: s.App.Development()}
}

// TestReportsDataOfTheDemo reads the cohort and organisation reports and the CSV exports
// of the demo organisations: acme (twelve learners in two cohorts of six, each assessed
// twice) and globex (four learners: too few to show any result).
func TestReportsDataOfTheDemo(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := context.Background()
		src, r := reportSources(s), s.App.Reports()

		cohort, err := src.CohortReportData(ctx, cohortID(t, s, "Liderazgo · primavera"))
		if err != nil {
			t.Fatal(err)
		}
		if cohort.Organisation.Name != "Acme Consulting" || len(cohort.Coaches) != 1 || cohort.Coaches[0].Name != "Irene Beltrán" ||
			len(cohort.Learners) != 6 || cohort.Instrument == nil || len(cohort.Dimensions) != 8 {
			t.Fatalf("cohort report data = %+v", cohort)
		}
		for _, l := range cohort.Learners {
			if l.AssessedAt == nil || l.Attempts != 2 || !l.Compared || len(l.Scores) != 8 {
				t.Errorf("learner %s = %+v", l.Name, l)
			}
		}
		for _, d := range cohort.Dimensions {
			if !d.Shown || d.N != 6 {
				t.Errorf("dimension %+v", d)
			}
		}
		for _, lang := range []string{"es", "en"} {
			doc, err := r.CohortReport(cohort, lang)
			if err != nil || !bytes.HasPrefix(doc, []byte("%PDF-")) {
				t.Fatalf("cohort report (%s): %v", lang, err)
			}
			writeSample(t, "demo-cohort-"+lang+".pdf", doc)
		}

		acme, err := src.OrganisationReportData(ctx, orgID(t, s, "acme"))
		if err != nil {
			t.Fatal(err)
		}
		p := acme.Participation
		if p.Learners != 12 || p.Assessed != 12 || p.Reassessed != 12 || len(acme.Cohorts) != 2 || acme.Reliability == nil {
			t.Fatalf("acme = %+v", acme)
		}
		for k, d := range acme.Dimensions {
			if !d.Shown || d.N != 12 || !acme.Change[k].Shown || acme.Change[k].N != 12 {
				t.Errorf("acme dimension %+v, change %+v", d, acme.Change[k])
			}
		}
		for _, c := range acme.Cohorts {
			// Two cohorts of six: each is broken out, and the rest of the organisation is six.
			if !c.BrokenOut || c.Learners != 6 || !c.Dimensions[0].Shown || !c.Change[0].Shown {
				t.Errorf("acme cohort %s = %+v", c.Name, c)
			}
		}
		for _, d := range acme.Reliability.Dimensions {
			if !d.Shown || d.N != 24 {
				t.Errorf("acme reliability %+v", d)
			}
		}
		globex, err := src.OrganisationReportData(ctx, orgID(t, s, "globex"))
		if err != nil {
			t.Fatal(err)
		}
		if globex.Participation.Learners != 4 || len(globex.Cohorts) != 1 || globex.Cohorts[0].BrokenOut || len(globex.Strengths) != 0 {
			t.Fatalf("globex = %+v", globex)
		}
		for k, d := range globex.Dimensions {
			if d.Shown || globex.Change[k].Shown || globex.Reliability.Dimensions[k].Shown {
				t.Errorf("globex shows a result of four people: %+v %+v %+v", d, globex.Change[k], globex.Reliability.Dimensions[k])
			}
		}
		for _, data := range []reports.OrganisationReportData{acme, globex} {
			for _, lang := range []string{"es", "en"} {
				doc, err := r.OrganisationReport(data, lang)
				if err != nil || !bytes.HasPrefix(doc, []byte("%PDF-")) {
					t.Fatalf("organisation report of %s (%s): %v", data.Organisation.Name, lang, err)
				}
				writeSample(t, "demo-"+data.Organisation.Name+"-"+lang+".pdf", doc)
			}
		}

		scope := reports.Scope{OrganisationID: orgID(t, s, "acme"), CohortID: cohortID(t, s, "Liderazgo · primavera")}
		for name, c := range map[string]struct {
			run  func(w *strings.Builder) error
			rows int
		}{
			"scores":   {func(w *strings.Builder) error { return src.ScoresCSV(ctx, w, scope, "es") }, 1 + 6*8},
			"progress": {func(w *strings.Builder) error { return src.ProgressCSV(ctx, w, scope, "en") }, 1 + 6},
			"actions": {func(w *strings.Builder) error {
				return src.ActionsCSV(ctx, w, reports.Scope{OrganisationID: scope.OrganisationID}, "es")
			}, 1 + 12},
		} {
			var b strings.Builder
			if err := c.run(&b); err != nil {
				t.Fatalf("%s CSV: %v", name, err)
			}
			rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
			if err != nil || len(rows) != c.rows {
				t.Errorf("%s CSV: %d rows, want %d (%v)", name, len(rows), c.rows, err)
			}
		}

		learner, err := src.LearnerReportData(ctx, userID(t, s, "learner7@acme.example"), reports.LearnerOptions{})
		if err != nil || learner.Assessment == nil || learner.Growth == nil {
			t.Fatalf("learner report data: %+v, %v", learner, err)
		}
	})
}
