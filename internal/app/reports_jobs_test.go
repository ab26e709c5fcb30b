package app_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// startJobs runs the server's background jobs until the test ends.
func startJobs(t *testing.T, s *apptest.Server) {
	t.Helper()
	if err := s.App.StartJobs(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.App.StopJobs(ctx); err != nil {
			t.Errorf("stop jobs: %v", err)
		}
	})
}

// jobStatus reads a bulk job's status and progress from the database.
func jobStatus(t *testing.T, s *apptest.Server, id string) (status string, done, total int) {
	t.Helper()
	row := s.App.DB().Raw("SELECT status, done, total FROM report_jobs WHERE id = ?", id).Row()
	if err := row.Scan(&status, &done, &total); err != nil {
		t.Fatalf("report job %s: %v", id, err)
	}
	return status, done, total
}

// waitForJob waits until the job is finished and returns its status.
func waitForJob(t *testing.T, s *apptest.Server, id string) string {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		status, _, _ := jobStatus(t, s, id)
		if status == "done" || status == "failed" {
			return status
		}
		if time.Now().After(deadline) {
			t.Fatalf("report job %s still %s", id, status)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var jobLocation = regexp.MustCompile(`^/report-jobs/([0-9a-f-]{36})$`)

// requestBulk asks for a ZIP as the client and returns the job's id.
func requestBulk(t testing.TB, c *apptest.Client, org string, form url.Values) string {
	t.Helper()
	resp := c.PostForm("/orgs/"+org+"/reports/bulk", form)
	m := jobLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("request bulk: %d %s %.300s", resp.StatusCode, resp.Header.Get("Location"), apptest.Body(resp))
	}
	return m[1]
}

// wantZip checks a downloaded ZIP holds one valid PDF per learner, named in the language.
func wantZip(t *testing.T, body []byte, learners int, suffix string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	if len(zr.File) != learners {
		t.Fatalf("%d files in the ZIP, want %d", len(zr.File), learners)
	}
	seen := map[string]bool{}
	for i, f := range zr.File {
		if seen[f.Name] || !strings.HasSuffix(f.Name, suffix) || strings.ContainsAny(f.Name, "/\\") {
			t.Errorf("file name %q (want unique, ending %s, no folders)", f.Name, suffix)
		}
		seen[f.Name] = true
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		doc, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			checkPDF(t, doc)
		} else if !bytes.HasPrefix(doc, []byte("%PDF-")) {
			t.Errorf("%s is not a PDF", f.Name)
		}
	}
}

// TestBulkReportJob: an organisation admin asks for a cohort's learner reports as one
// ZIP; the page shows the job waiting, then River runs it, and the ZIP holds one PDF per
// learner until it expires (410). Wrong input and other people are refused.
func TestBulkReportJob(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		acme, cohort := orgID(t, s, "acme"), cohortID(t, s, "Liderazgo · primavera")
		admin := s.Login("admin@acme.example")

		for _, form := range []url.Values{{"lang": {"fr"}}, {"lang": {"es"}, "cohort_id": {cohortID(t, s, "Business development")}}} {
			resp := admin.PostForm("/orgs/"+acme+"/reports/bulk", form)
			if body := apptest.Body(resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "error-summary") {
				t.Errorf("bulk with %v: %d, want 422 with the problem", form, resp.StatusCode)
			}
		}
		id := requestBulk(t, admin, acme, url.Values{"cohort_id": {cohort}, "lang": {"en"}})
		page := apptest.Body(admin.Get("/report-jobs/" + id))
		if !strings.Contains(page, "En espera") || !strings.Contains(page, "data-poll") || !strings.Contains(page, "Liderazgo · primavera") {
			t.Fatalf("job page while queued:\n%s", page)
		}
		if resp := admin.Get("/report-jobs/" + id + "/download"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/report-jobs/"+id {
			t.Fatalf("download before it is ready: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		if reports := apptest.Body(admin.Get("/orgs/" + acme + "/reports")); !strings.Contains(reports, "/report-jobs/"+id) {
			t.Fatal("the reports page does not list the job")
		}

		refused := []struct {
			who, method, path string
			status            int
		}{
			{"coach@acme.example", http.MethodPost, "/orgs/" + acme + "/reports/bulk", http.StatusForbidden},
			{"learner8@acme.example", http.MethodPost, "/orgs/" + acme + "/reports/bulk", http.StatusForbidden},
			{"admin@globex.example", http.MethodPost, "/orgs/" + acme + "/reports/bulk", http.StatusNotFound},
			{"coach@acme.example", http.MethodGet, "/report-jobs/" + id, http.StatusForbidden},
			{"learner8@acme.example", http.MethodGet, "/report-jobs/" + id + "/download", http.StatusForbidden},
			{"admin@globex.example", http.MethodGet, "/report-jobs/" + id, http.StatusNotFound},
			{"admin@globex.example", http.MethodGet, "/report-jobs/" + id + "/download", http.StatusNotFound},
			{"coach@acme.example", http.MethodGet, "/orgs/" + acme + "/reports", http.StatusForbidden},
			{"admin@acme.example", http.MethodGet, "/report-jobs/01900000-0000-7000-8000-000000000000", http.StatusNotFound},
		}
		for _, r := range refused {
			c := s.Login(r.who)
			var resp *http.Response
			if r.method == http.MethodPost {
				resp = c.PostForm(r.path, url.Values{"lang": {"es"}})
			} else {
				resp = c.Get(r.path)
			}
			if resp.StatusCode != r.status {
				t.Errorf("%s %s %s: %d, want %d", r.who, r.method, r.path, resp.StatusCode, r.status)
			}
		}

		startJobs(t, s)
		if status := waitForJob(t, s, id); status != "done" {
			t.Fatalf("job %s", status)
		}
		if _, done, total := jobStatus(t, s, id); done != 6 || total != 6 {
			t.Fatalf("progress %d/%d, want 6/6", done, total)
		}
		page = apptest.Body(admin.Get("/report-jobs/" + id))
		if !strings.Contains(page, "/report-jobs/"+id+"/download") || strings.Contains(page, "data-poll") {
			t.Fatalf("job page when done:\n%s", page)
		}
		body := wantDownload(t, admin.Get("/report-jobs/"+id+"/download"), "application/zip", "learner-reports-liderazgo-primavera-en")
		wantZip(t, body, 6, "-en.pdf")

		// The whole organisation, in Spanish: its 12 learners.
		all := requestBulk(t, admin, acme, url.Values{"lang": {"es"}})
		if status := waitForJob(t, s, all); status != "done" {
			t.Fatalf("whole organisation: %s", status)
		}
		wantZip(t, wantDownload(t, admin.Get("/report-jobs/"+all+"/download"), "application/zip", "informes-de-participantes-acme-consulting-es"), 12, "-es.pdf")

		// Once expired, the ZIP is gone: 410, and the page says so.
		if err := s.App.DB().Exec("UPDATE report_jobs SET expires_at = ? WHERE id = ?", time.Now().Add(-time.Minute).UTC(), id).Error; err != nil {
			t.Fatal(err)
		}
		resp := admin.Get("/report-jobs/" + id + "/download")
		if gone := apptest.Body(resp); resp.StatusCode != http.StatusGone || !strings.Contains(gone, "Pedir un archivo ZIP nuevo") {
			t.Fatalf("expired download: %d\n%s", resp.StatusCode, gone)
		}
	})
}

// TestBulkJobRunsOnAnotherInstanceAfterAnInterruptedRun: a job asked for on one instance,
// whose first run was cut short (progress recorded, half a ZIP written), is run by
// another instance that starts later, from the beginning: the ZIP is whole.
func TestBulkJobRunsOnAnotherInstanceAfterAnInterruptedRun(t *testing.T) {
	for _, kind := range dbtest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			servers := apptest.Instances(t, kind, 2)
			a, b := servers[0], servers[1]
			acme := orgID(t, a, "acme")
			id := requestBulk(t, a.Login("admin@acme.example"), acme, url.Values{"cohort_id": {cohortID(t, a, "Desarrollo de negocio 2026")}, "lang": {"es"}})
			db := a.App.DB()
			if err := db.Exec("UPDATE report_jobs SET status = 'running', done = 3, total = 6 WHERE id = ?", id).Error; err != nil {
				t.Fatal(err)
			}
			if err := db.Exec("INSERT INTO report_job_chunks (job_id, seq, data) VALUES (?, 0, ?)", id, []byte("PK half a zip")).Error; err != nil {
				t.Fatal(err)
			}
			startJobs(t, b)
			if status := waitForJob(t, b, id); status != "done" {
				t.Fatalf("job %s", status)
			}
			body := wantDownload(t, a.Login("admin@acme.example").Get("/report-jobs/"+id+"/download"), "application/zip", "informes-de-participantes-")
			wantZip(t, body, 6, "-es.pdf")
		})
	}
}

// sweepReportJob gives the organisation a logo (so that its logo route answers) and a
// bulk report job, as its admin, for the authorization sweep; it returns the job's id.
func sweepReportJob(t *testing.T, s *apptest.Server, slug string) string {
	t.Helper()
	admin := s.Login("admin@" + slug + ".example")
	org := orgID(t, s, slug)
	if resp := postBranding(t, admin, org, testImage(t, "png", 64, 32), ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logo for %s: %d", slug, resp.StatusCode)
	}
	return requestBulk(t, admin, org, url.Values{"lang": {"es"}})
}
