package e2e_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// download is what the browser got for a link: fetched with the page's cookies, as a
// click on it would be.
type download struct {
	Status      int    `json:"status"`
	Type        string `json:"type"`
	Disposition string `json:"disposition"`
	Head        string `json:"head"`
	Size        int    `json:"size"`
}

// fetchLink follows the link matched by css with the browser's own session and returns
// what came back.
func fetchLink(t *testing.T, ctx context.Context, css string) download {
	t.Helper()
	js := `(async () => {
		const a = document.querySelector(` + "`" + css + "`" + `);
		const r = await fetch(a.href, {credentials: "same-origin"});
		const bytes = new Uint8Array(await r.arrayBuffer());
		return {status: r.status, type: r.headers.get("Content-Type") || "", disposition: r.headers.get("Content-Disposition") || "",
			head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length};
	})()`
	d, err := chromedp.Run(ctx, chromedp.Evaluate[download](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch %s: %v", css, err)
	}
	return d
}

// TestLearnerDownloadsTheirReport: a learner opens their self-assessment results, where
// the link to their development report is, and downloads it in each language: a PDF.
func TestLearnerDownloadsTheirReport(t *testing.T) {
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	ctx := b.NewPage(t)
	signIn(t, ctx, base, "learner1@acme.example", apptest.DemoPassword)
	do(t, ctx, chromedp.Navigate(base+"/assessments"))
	clickAndWait(t, ctx, `main .cards a.button[href$="/results"]`)
	wantHeading(t, ctx, "Tu perfil de networking")
	see(t, ctx, "main p.downloads", "Tu informe de desarrollo")
	for lang, name := range map[string]string{"es": "informe-de-desarrollo-marta-gil-es.pdf", "en": "development-report-marta-gil-en.pdf"} {
		d := fetchLink(t, ctx, `main p.downloads a[hreflang="`+lang+`"]`)
		if d.Status != 200 || d.Type != "application/pdf" || d.Head != "%PDF-" || d.Size < 10_000 {
			t.Fatalf("%s report: %+v", lang, d)
		}
		if !strings.Contains(d.Disposition, `filename="`+name+`"`) {
			t.Errorf("%s report offered as %q, want %s", lang, d.Disposition, name)
		}
	}
}

// TestAdminReportPages: an organisation admin reaches the reports page from the menu,
// downloads a CSV, asks for a ZIP of a cohort's reports and sees its progress page, and
// opens the branding form; every page passes the accessibility check and fits a phone.
func TestAdminReportPages(t *testing.T) {
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	ctx := b.NewPage(t)
	signIn(t, ctx, base, "admin@acme.example", apptest.DemoPassword)
	clickAndWait(t, ctx, `header .main-nav a[href$="/reports"]`)
	wantHeading(t, ctx, "Informes y descargas")
	d := fetchLink(t, ctx, `main section[aria-labelledby="cohorts-title"] a[href*="/exports/scores.csv"]`)
	if d.Status != 200 || !strings.HasPrefix(d.Type, "text/csv") {
		t.Fatalf("cohort scores CSV: %+v", d)
	}
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#f-cohort_id`), cohortIDOf(t, s, "Liderazgo · primavera")))
	clickAndWait(t, ctx, `form[action$="/reports/bulk"] button[type="submit"]`)
	wantHeading(t, ctx, "Informes de participantes en un archivo ZIP")
	see(t, ctx, "#job-state", "En espera")
	job, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	org := orgIDOf(t, s, "acme")
	do(t, ctx, chromedp.Navigate(base+"/orgs/"+org+"/branding"))
	wantHeading(t, ctx, "Imagen de marca y zona horaria")

	// The same pages on a phone.
	phone := b.NewPage(t)
	if err := e2e.Mobile(phone); err != nil {
		t.Fatal(err)
	}
	signIn(t, phone, base, "admin@acme.example", apptest.DemoPassword)
	for _, p := range []string{"/orgs/" + org + "/reports", "/orgs/" + org + "/branding", strings.TrimPrefix(job, base)} {
		do(t, phone, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
		fitsPhone(t, phone, p)
	}
}
