package app_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/identity"
)

// attachmentName is a safe download name: ASCII letters, digits and hyphens, then the
// extension.
var attachmentName = regexp.MustCompile(`^attachment; filename="[a-z0-9]+(-[a-z0-9]+)*\.(pdf|csv|zip)"$`)

// wantDownload checks that a response is a download of the given type whose name starts
// with prefix, and returns its body.
func wantDownload(t *testing.T, resp *http.Response, contentType, prefix string) []byte {
	t.Helper()
	body := []byte(apptest.Body(resp))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200: %.300s", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Content-Type"); got != contentType {
		t.Errorf("Content-Type = %q, want %q", got, contentType)
	}
	cd := resp.Header.Get("Content-Disposition")
	if !attachmentName.MatchString(cd) || !strings.HasPrefix(cd, `attachment; filename="`+prefix) {
		t.Errorf("Content-Disposition = %q, want a safe name starting with %q", cd, prefix)
	}
	return body
}

// checkPDF fails unless doc is a PDF that qpdf --check finds valid (when qpdf is
// installed; CI must have it).
func checkPDF(t *testing.T, doc []byte) {
	t.Helper()
	if !bytes.HasPrefix(doc, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.40q", doc)
	}
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("qpdf is required in CI")
		}
		return
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil || bytes.Contains(out, []byte("WARNING")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// reportFixture is an acme cohort no coach coaches, with a learner of its own.
type reportFixture struct {
	orphanCohort, orphanLearner string
}

func newReportFixture(t *testing.T, s *apptest.Server) reportFixture {
	t.Helper()
	ctx := context.Background()
	ids := s.App.Identity()
	cohort, err := ids.CreateCohort(ctx, orgID(t, s, "acme"), identity.CohortInput{Name: "Sin coach"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := ids.CreateUser(ctx, identity.NewUser{OrganisationID: orgID(t, s, "acme"), Email: "alone@acme.example",
		Name: "Íñigo Solo", Role: identity.RoleLearner, Password: apptest.DemoPassword})
	if err != nil {
		t.Fatal(err)
	}
	if err := ids.AddMember(ctx, cohort.ID, u.ID); err != nil {
		t.Fatal(err)
	}
	return reportFixture{orphanCohort: cohort.ID, orphanLearner: u.ID}
}

// TestLearnerReportDownloads: a learner downloads their own report in either language,
// their coach and their organisation's admin download it too; nobody else can.
func TestLearnerReportDownloads(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		fx := newReportFixture(t, s)
		learner1, learner8 := userID(t, s, "learner1@acme.example"), userID(t, s, "learner8@acme.example")
		learner := s.Login("learner1@acme.example")

		doc := wantDownload(t, learner.Get("/people/"+learner1+"/report.pdf"), "application/pdf", "informe-de-desarrollo-marta-gil-es")
		checkPDF(t, doc)
		doc = wantDownload(t, learner.Get("/people/"+learner1+"/report.pdf?lang=en"), "application/pdf", "development-report-marta-gil-en")
		checkPDF(t, doc)
		// The reader's language is the default.
		english := s.Login("learner1@acme.example")
		english.PostForm("/language", url.Values{"lang": {"en"}})
		wantDownload(t, english.Get("/people/"+learner1+"/report.pdf"), "application/pdf", "development-report-")
		if resp := learner.Get("/people/" + learner1 + "/report.pdf?lang=fr"); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("?lang=fr: %d, want 422", resp.StatusCode)
		}

		for _, email := range []string{"coach@acme.example", "admin@acme.example"} {
			checkPDF(t, wantDownload(t, s.Login(email).Get("/people/"+learner8+"/report.pdf"), "application/pdf", "informe-de-desarrollo-"))
		}

		refused := []struct {
			who, path string
			status    int
		}{
			{"learner1@acme.example", "/people/" + learner8 + "/report.pdf", http.StatusNotFound},
			// A learner may see their coach's page, not have the coach's report.
			{"learner1@acme.example", "/people/" + userID(t, s, "coach@acme.example") + "/report.pdf", http.StatusForbidden},
			{"coach@acme.example", "/people/" + fx.orphanLearner + "/report.pdf", http.StatusNotFound},
			{"admin@globex.example", "/people/" + learner8 + "/report.pdf", http.StatusNotFound},
			{"learner2@globex.example", "/people/" + learner1 + "/report.pdf", http.StatusNotFound},
			{"coach@globex.example", "/people/" + learner1 + "/report.pdf", http.StatusNotFound},
		}
		for _, r := range refused {
			if resp := s.Login(r.who).Get(r.path); resp.StatusCode != r.status {
				t.Errorf("%s GET %s: %d, want %d", r.who, r.path, resp.StatusCode, r.status)
			}
		}
		if resp := s.NewClient().Get("/people/" + learner1 + "/report.pdf"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("anonymous: %d, want a redirect to sign in", resp.StatusCode)
		}
	})
}

// completeModule has the person read every lesson of the module and pass its quiz.
func completeModule(t *testing.T, s *apptest.Server, email, slug string) {
	t.Helper()
	passModule(t, s.App.Courses(), userID(t, s, email), slug)
}

// passModule has the user read every lesson of the module and pass its quiz, through st.
func passModule(t *testing.T, st *courses.Store, user, slug string) {
	t.Helper()
	ctx, m := context.Background(), seedModule(t, slug)
	for _, l := range m.Lessons {
		if _, err := st.CompleteLesson(ctx, user, m.Slug, l.Slug); err != nil {
			t.Fatal(err)
		}
	}
	if m.Quiz.Slug == "" {
		return
	}
	a, err := st.StartAttempt(ctx, user, m.Quiz.Slug)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range m.Quiz.Questions {
		var right []string
		for _, o := range q.Options {
			if o.Correct {
				right = append(right, o.ID)
			}
		}
		if err := st.SaveAnswer(ctx, user, a.ID, q.ID, right); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Submit(ctx, user, a.ID); err != nil {
		t.Fatal(err)
	}
}

// TestCertificateDownloads: a learner downloads the certificate of a module they have
// completed; other modules, and other people's certificates, do not exist for them.
func TestCertificateDownloads(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		completeModule(t, s, "learner1@acme.example", "giving-first")
		if _, err := s.App.Courses().CompleteLesson(context.Background(), userID(t, s, "learner1@acme.example"), "other-focus",
			seedModule(t, "other-focus").Lessons[0].Slug); err != nil {
			t.Fatal(err)
		}
		learner := s.Login("learner1@acme.example")
		doc := wantDownload(t, learner.Get("/modules/giving-first/certificate.pdf?lang=en"), "application/pdf", "certificate-")
		checkPDF(t, doc)
		wantDownload(t, learner.Get("/modules/giving-first/certificate.pdf"), "application/pdf", "certificado-")
		for _, path := range []string{"/modules/no-such-module/certificate.pdf", "/modules/other-focus/certificate.pdf",
			"/modules/networking-is-giving/certificate.pdf"} {
			if resp := learner.Get(path); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, resp.StatusCode)
			}
		}
		// Only one's own: another learner has no certificate for the module.
		if resp := s.Login("learner2@acme.example").Get("/modules/giving-first/certificate.pdf"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("another learner: %d, want 404", resp.StatusCode)
		}
	})
}

// TestGroupReportsAndExports: the cohort report and CSVs are for the cohort's coach and
// the organisation's admin; the organisation report and CSVs for the admin alone.
func TestGroupReportsAndExports(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		fx := newReportFixture(t, s)
		acme, cohort := orgID(t, s, "acme"), cohortID(t, s, "Liderazgo · primavera")
		coach, admin := s.Login("coach@acme.example"), s.Login("admin@acme.example")

		checkPDF(t, wantDownload(t, coach.Get("/cohorts/"+cohort+"/report.pdf"), "application/pdf", "informe-de-grupo-liderazgo-primavera-es"))
		checkPDF(t, wantDownload(t, admin.Get("/cohorts/"+cohort+"/report.pdf?lang=en"), "application/pdf", "cohort-report-liderazgo-primavera-en"))
		checkPDF(t, wantDownload(t, admin.Get("/orgs/"+acme+"/report.pdf?lang=en"), "application/pdf", "competency-report-acme-consulting-en"))
		names := map[string]string{"scores": "scores-", "progress": "progress-", "actions": "networking-actions-"}
		for kind, prefix := range names {
			csv := wantDownload(t, coach.Get("/cohorts/"+cohort+"/exports/"+kind+".csv?lang=en"), "text/csv; charset=utf-8", prefix)
			if len(bytes.Split(bytes.TrimSpace(csv), []byte("\n"))) < 2 {
				t.Errorf("cohort %s.csv has no rows:\n%s", kind, csv)
			}
			wantDownload(t, admin.Get("/orgs/"+acme+"/exports/"+kind+".csv"), "text/csv; charset=utf-8", "")
		}

		refused := []struct {
			who, path string
			status    int
		}{
			{"coach@acme.example", "/cohorts/" + cohort + "/exports/passwords.csv", http.StatusNotFound},
			{"coach@acme.example", "/cohorts/" + fx.orphanCohort + "/report.pdf", http.StatusNotFound},
			{"coach@acme.example", "/cohorts/" + fx.orphanCohort + "/exports/scores.csv", http.StatusNotFound},
			{"coach@acme.example", "/orgs/" + acme + "/report.pdf", http.StatusForbidden},
			{"coach@acme.example", "/orgs/" + acme + "/exports/scores.csv", http.StatusForbidden},
			{"learner8@acme.example", "/cohorts/" + cohort + "/report.pdf", http.StatusForbidden},
			{"learner8@acme.example", "/cohorts/" + cohort + "/exports/scores.csv", http.StatusForbidden},
			{"learner8@acme.example", "/orgs/" + acme + "/report.pdf", http.StatusForbidden},
			{"admin@globex.example", "/cohorts/" + cohort + "/report.pdf", http.StatusNotFound},
			{"admin@globex.example", "/cohorts/" + cohort + "/exports/progress.csv", http.StatusNotFound},
			{"admin@globex.example", "/orgs/" + acme + "/report.pdf", http.StatusNotFound},
			{"admin@globex.example", "/orgs/" + acme + "/exports/actions.csv", http.StatusNotFound},
			{"coach@globex.example", "/cohorts/" + cohort + "/report.pdf", http.StatusNotFound},
		}
		for _, r := range refused {
			if resp := s.Login(r.who).Get(r.path); resp.StatusCode != r.status {
				t.Errorf("%s GET %s: %d, want %d", r.who, r.path, resp.StatusCode, r.status)
			}
		}
	})
}

// TestReportsThroughTheAPI: the same documents and the same refusals through the API,
// checked against api/openapi.yaml.
func TestReportsThroughTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		fx := newReportFixture(t, s)
		acme, cohort := orgID(t, s, "acme"), cohortID(t, s, "Liderazgo · primavera")
		learner1, learner8 := userID(t, s, "learner1@acme.example"), userID(t, s, "learner8@acme.example")
		tokens := map[string]string{}
		for _, email := range []string{"learner1@acme.example", "coach@acme.example", "admin@acme.example", "admin@globex.example"} {
			tokens[email] = s.Token(email)
		}
		allowed := []struct{ who, path, prefix string }{
			{"learner1@acme.example", "/api/v1/users/" + learner1 + "/report.pdf?lang=en", "development-report-marta-gil-en"},
			{"coach@acme.example", "/api/v1/users/" + learner8 + "/report.pdf", "informe-de-desarrollo-"},
			{"admin@acme.example", "/api/v1/users/" + learner8 + "/report.pdf", "informe-de-desarrollo-"},
			{"coach@acme.example", "/api/v1/cohorts/" + cohort + "/report.pdf", "informe-de-grupo-"},
			{"admin@acme.example", "/api/v1/orgs/" + acme + "/report.pdf?lang=en", "competency-report-"},
		}
		for _, a := range allowed {
			resp, body := s.API(tokens[a.who], http.MethodGet, a.path, nil)
			resp.Body = ioNopCloser(body)
			checkPDF(t, wantDownload(t, resp, "application/pdf", a.prefix))
		}
		refused := []struct {
			who, path string
			status    int
		}{
			{"learner1@acme.example", "/api/v1/users/" + learner8 + "/report.pdf", http.StatusNotFound},
			{"learner1@acme.example", "/api/v1/users/" + userID(t, s, "coach@acme.example") + "/report.pdf", http.StatusForbidden},
			{"learner1@acme.example", "/api/v1/cohorts/" + cohortID(t, s, "Desarrollo de negocio 2026") + "/report.pdf", http.StatusForbidden},
			{"learner1@acme.example", "/api/v1/orgs/" + acme + "/report.pdf", http.StatusForbidden},
			{"learner1@acme.example", "/api/v1/users/" + learner1 + "/report.pdf?lang=fr", http.StatusBadRequest},
			{"coach@acme.example", "/api/v1/cohorts/" + fx.orphanCohort + "/report.pdf", http.StatusNotFound},
			{"coach@acme.example", "/api/v1/users/" + fx.orphanLearner + "/report.pdf", http.StatusNotFound},
			{"coach@acme.example", "/api/v1/orgs/" + acme + "/report.pdf", http.StatusForbidden},
			{"admin@globex.example", "/api/v1/users/" + learner8 + "/report.pdf", http.StatusNotFound},
			{"admin@globex.example", "/api/v1/cohorts/" + cohort + "/report.pdf", http.StatusNotFound},
			{"admin@globex.example", "/api/v1/orgs/" + acme + "/report.pdf", http.StatusNotFound},
			{"", "/api/v1/users/" + learner1 + "/report.pdf", http.StatusUnauthorized},
		}
		for _, r := range refused {
			if resp, body := s.API(tokens[r.who], http.MethodGet, r.path, nil); resp.StatusCode != r.status {
				t.Errorf("%s GET %s: %d, want %d: %s", r.who, r.path, resp.StatusCode, r.status, body)
			}
		}
	})
}

func ioNopCloser(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }
