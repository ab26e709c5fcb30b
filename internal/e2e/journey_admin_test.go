package e2e_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// runJobs works the server's background jobs (River) until the test ends.
func runJobs(t *testing.T, s *apptest.Server) {
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

// tabTo presses Tab, as someone using only the keyboard, until the element matched by
// css has the focus.
func tabTo(t *testing.T, ctx context.Context, css string) {
	t.Helper()
	for range 80 {
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
		if evaluate[bool](t, ctx, "!!document.activeElement && document.activeElement.matches(`"+css+"`)") {
			return
		}
	}
	t.Fatalf("80 presses of Tab never reached %s", css)
}

// wantFocusVisible fails unless the focused element shows the focus: it matches
// :focus-visible and the stylesheet draws the focus ring on it.
func wantFocusVisible(t *testing.T, ctx context.Context) {
	t.Helper()
	f := evaluate[struct {
		Visible bool   `json:"visible"`
		Outline string `json:"outline"`
		Width   string `json:"width"`
	}](t, ctx, `(() => { const e = document.activeElement, s = getComputedStyle(e);
		return {visible: e.matches(":focus-visible"), outline: s.outlineStyle, width: s.outlineWidth}; })()`)
	if !f.Visible || f.Outline == "none" || f.Width == "0px" {
		t.Errorf("the focused field does not show the focus: :focus-visible %v, outline %s %s", f.Visible, f.Outline, f.Width)
	}
}

// upload chooses the file in the form's file field and submits the form; it returns the
// HTTP status of the page that comes back.
func upload(t *testing.T, ctx context.Context, form, file string) int64 {
	t.Helper()
	do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS(form+` input[type="file"]`), []string{file}))
	resp, err := e2e.ClickAndWait(ctx, chromedp.CSS(form+` button[type="submit"]`))
	if err != nil {
		t.Fatalf("upload %s: %v", file, err)
	}
	return resp.Status
}

// writeFile writes a file for the browser to upload into the test's temporary folder.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// peopleIn counts the accounts of the organisation.
func peopleIn(t *testing.T, s *apptest.Server, org string) int {
	t.Helper()
	people, err := s.App.Identity().UsersInOrganisation(context.Background(), org)
	if err != nil {
		t.Fatal(err)
	}
	return len(people)
}

const (
	badPeopleCSV = "email,name,role,cohort\n" +
		"marina.soto@acme.example,Marina Soto,learner,Ventas Norte 2026\n" +
		"hugo.prieto-sin-arroba,Hugo Prieto,learner,Ventas Norte 2026\n" +
		"julia.mena@acme.example,Julia Mena,mago,Ventas Norte 2026\n"
	goodPeopleCSV = "email,name,role,cohort\n" +
		"marina.soto@acme.example,Marina Soto,learner,Ventas Norte 2026\n" +
		"hugo.prieto@acme.example,Hugo Prieto,learner,Ventas Norte 2026\n" +
		"learner1@acme.example,Marta Gil,learner,Ventas Norte 2026\n"
)

// TestOrgAdminJourney: an organisation admin creates a cohort with the keyboard only,
// imports people into it from CSV (a bad file first: refused with the problems announced,
// nothing imported; then a good one), assigns it a coach, uploads the organisation's own
// instrument, asks for the cohort's reports as a ZIP, waits on the job page until it is
// ready and downloads it: one PDF per learner. Every page passes axe-core.
func TestOrgAdminJourney(t *testing.T) {
	b := e2e.NewBrowser(t)
	framework, err := os.ReadFile(filepath.Join("..", "app", "testdata", "customer-framework.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		base := s.Listen()
		runJobs(t, s)
		org := orgIDOf(t, s, "acme")
		var cohort string

		t.Run("cohort and people", func(t *testing.T) {
			ctx := b.NewPage(t)
			signIn(t, ctx, base, "admin@acme.example", apptest.DemoPassword)
			wantHeading(t, ctx, "Acme Consulting")
			clickAndWait(t, ctx, `main .actions a[href="/orgs/`+org+`/cohorts"]`)
			wantHeading(t, ctx, "Grupos")

			// The new cohort, with the keyboard only: Tab to the name, type it, press Enter.
			tabTo(t, ctx, "#f-name")
			wantFocusVisible(t, ctx)
			do(t, ctx, chromedp.KeyEvent("Ventas Norte 2026"))
			resp, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter))
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != 200 {
				t.Errorf("after creating the cohort: status %d", resp.Status)
			}
			wantHeading(t, ctx, "Ventas Norte 2026")
			see(t, ctx, "main .notice", "Grupo creado.")
			cohort = strings.TrimPrefix(evaluate[string](t, ctx, "location.pathname"), "/cohorts/")
			if cohort != cohortIDOf(t, s, "Ventas Norte 2026") {
				t.Fatalf("after creating the cohort the page is /cohorts/%s", cohort)
			}
			// An empty cohort says so, rather than that nobody in it needs attention.
			for _, section := range []string{"attention-title", "progress-title", "members-title"} {
				see(t, ctx, `main section[aria-labelledby="`+section+`"]`, "Este grupo aún no tiene participantes.")
			}

			// People from CSV: a bad file is refused, row by row, and nothing is imported.
			clickAndWait(t, ctx, `header .main-nav a[href="/orgs/`+org+`/people"]`)
			wantHeading(t, ctx, "Personas")
			clickAndWait(t, ctx, `main .actions a[href="/orgs/`+org+`/people/import"]`)
			wantHeading(t, ctx, "Importar personas desde un CSV")
			before := peopleIn(t, s, org)
			form := `form[action="/orgs/` + org + `/people/import"]`
			if status := upload(t, ctx, form, writeFile(t, "personas.csv", []byte(badPeopleCSV))); status != 422 {
				t.Errorf("bad file: status %d, want 422", status)
			}
			wantHeading(t, ctx, "Importar personas desde un CSV")
			wantErrorSummary(t, ctx, 2)
			see(t, ctx, "main .error-summary", "No se ha importado nada")
			see(t, ctx, "main .error-summary", "Hay 2 filas con errores.")
			see(t, ctx, `main .error-summary a[href="#line-3"]`, "Correo electrónico: Escribe una dirección de correo válida")
			see(t, ctx, `main .error-summary a[href="#line-4"]`, "Rol: Elige una de las opciones.")
			if n := peopleIn(t, s, org); n != before {
				t.Fatalf("a bad file changed the people: %d, then %d", before, n)
			}

			// The corrected file: everyone is in, the new cohort filled.
			if status := upload(t, ctx, form, writeFile(t, "personas.csv", []byte(goodPeopleCSV))); status != 200 {
				t.Errorf("good file: status %d, want 200", status)
			}
			wantHeading(t, ctx, "Importar personas desde un CSV")
			see(t, ctx, "main .notice", "Importadas 3 personas.")
			if n := peopleIn(t, s, org); n != before+2 {
				t.Fatalf("after the import %d people, want %d", n, before+2)
			}
			clickAndWait(t, ctx, `main .breadcrumb a[href="/orgs/`+org+`/people"]`)
			wantHeading(t, ctx, "Personas")
			see(t, ctx, "main table tbody", "Marina Soto")
			see(t, ctx, "main table tbody", "Hugo Prieto")

			// The cohort has its learners; it gets a coach.
			clickAndWait(t, ctx, `header .main-nav a[href="/orgs/`+org+`/cohorts"]`)
			wantHeading(t, ctx, "Grupos")
			clickAndWait(t, ctx, `main table a[href="/cohorts/`+cohort+`"]`)
			wantHeading(t, ctx, "Ventas Norte 2026")
			members := `main section[aria-labelledby="members-title"]`
			for _, name := range []string{"Marina Soto", "Hugo Prieto", "Marta Gil"} {
				see(t, ctx, members+" table", name)
			}
			coach, err := s.App.Identity().UserByEmail(context.Background(), "coach@acme.example")
			if err != nil {
				t.Fatal(err)
			}
			do(t, ctx, chromedp.SetValue(chromedp.ID("f-coach"), coach.ID))
			clickAndWait(t, ctx, `form[action="/cohorts/`+cohort+`/coaches"] button[type="submit"]`)
			wantHeading(t, ctx, "Ventas Norte 2026")
			see(t, ctx, "main .notice", "Coach asignado al grupo.")
			see(t, ctx, `main section[aria-labelledby="coaches-title"] .people-list`, "Irene Beltrán")
		})
		if cohort == "" {
			t.FailNow()
		}

		t.Run("instrument and reports", func(t *testing.T) {
			ctx := b.NewPage(t)
			signIn(t, ctx, base, "admin@acme.example", apptest.DemoPassword)
			wantHeading(t, ctx, "Acme Consulting")

			// The organisation's own instrument.
			clickAndWait(t, ctx, `header .main-nav a[href="/orgs/`+org+`/instruments"]`)
			wantHeading(t, ctx, "Instrumentos de evaluación")
			form := `form[action="/orgs/` + org + `/instruments"]`
			if status := upload(t, ctx, form, writeFile(t, "customer-framework.yaml", framework)); status != 201 {
				t.Errorf("instrument upload: status %d, want 201", status)
			}
			wantHeading(t, ctx, "Instrumentos de evaluación")
			see(t, ctx, "main .notice", "Añadido customer-framework, versión 1.")
			see(t, ctx, "main table tbody", "Consultative selling")

			// The cohort's reports as one ZIP, prepared in the background.
			clickAndWait(t, ctx, `header .main-nav a[href="/orgs/`+org+`/reports"]`)
			wantHeading(t, ctx, "Informes y descargas")
			do(t, ctx, chromedp.SetValue(chromedp.ID("f-cohort_id"), cohort))
			see(t, ctx, `form[action$="/reports/bulk"] button[type="submit"]`, "Preparar el archivo ZIP")
			clickAndWait(t, ctx, `form[action$="/reports/bulk"] button[type="submit"]`)
			wantHeading(t, ctx, "Informes de participantes en un archivo ZIP")
			see(t, ctx, "main .facts", "Ventas Norte 2026")
			// The page's script checks again every two seconds until the ZIP is ready.
			do(t, ctx, chromedp.Poll[chromedp.Void](`document.getElementById("job-state").textContent.includes("Listo para descargar")`,
				chromedp.WithPollingTimeout(45*time.Second)))
			see(t, ctx, "#job-detail", "El archivo ZIP contiene 3 informes.")
			e2e.CheckAccessibility(t, ctx)

			d, body := fetchBody(t, ctx, `#job-detail a[href$="/download"]`)
			if d.Status != 200 || d.Type != "application/zip" || !strings.Contains(d.Disposition, ".zip") {
				t.Fatalf("ZIP download: %+v", d)
			}
			zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
			if err != nil {
				t.Fatalf("the download is not a ZIP: %v", err)
			}
			if len(zr.File) != 3 {
				t.Fatalf("the ZIP holds %d files, want one per learner of the cohort (3)", len(zr.File))
			}
			for _, f := range zr.File {
				r, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				head := make([]byte, 5)
				if _, err := io.ReadFull(r, head); err != nil || string(head) != "%PDF-" || !strings.HasSuffix(f.Name, ".pdf") {
					t.Errorf("%s in the ZIP is not a PDF (%q, %v)", f.Name, head, err)
				}
				_ = r.Close()
			}
		})
	})
}
