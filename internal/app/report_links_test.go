package app_test

import (
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
)

// TestReportLinks checks that each report is offered where its readers work, and only to
// them: the cohort report and exports on the cohort page for its coach, a learner's
// report on their page, the certificate on a completed module.
func TestReportLinks(t *testing.T) {
	s := apptest.New(t, "sqlite")
	cohort := cohortID(t, s, "Liderazgo · primavera")
	learner := userID(t, s, "learner1@acme.example")
	page := func(c *apptest.Client, path string) string {
		t.Helper()
		return apptest.Body(c.Get(path))
	}
	coach := s.Login("coach@acme.example")
	cohortPage := page(coach, "/cohorts/"+cohort)
	for _, want := range []string{"/cohorts/" + cohort + "/report.pdf?lang=es", "/cohorts/" + cohort + "/report.pdf?lang=en",
		"/cohorts/" + cohort + "/exports/scores.csv", "/cohorts/" + cohort + "/exports/progress.csv", "/cohorts/" + cohort + "/exports/actions.csv"} {
		if !strings.Contains(cohortPage, want) {
			t.Errorf("coach's cohort page has no link to %s", want)
		}
	}
	if !strings.Contains(page(coach, "/people/"+learner), "/people/"+learner+"/report.pdf?lang=en") {
		t.Error("the coach's view of a learner has no link to the learner's report")
	}
	member := s.Login("learner1@acme.example")
	if body := page(member, "/cohorts/"+cohort); strings.Contains(body, "/report.pdf") || strings.Contains(body, "/exports/") {
		t.Error("a learner's view of their cohort offers the coach's reports")
	}
	if strings.Contains(page(member, "/modules/giving-first"), "certificate.pdf") {
		t.Error("a module not completed offers a certificate")
	}
	completeModule(t, s, "learner1@acme.example", "giving-first")
	if !strings.Contains(page(member, "/modules/giving-first"), "/modules/giving-first/certificate.pdf?lang=es") {
		t.Error("a completed module offers no certificate")
	}
}
