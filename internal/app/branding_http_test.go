package app_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
)

// testImage encodes a w × h picture as png, jpeg or gif.
func testImage(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{R: uint8(x * 7), G: 40, B: uint8(y * 5), A: 255})
		}
	}
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, nil)
	case "gif":
		err = gif.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// postBranding sends the branding form with an optional logo file.
func postBranding(t *testing.T, c *apptest.Client, org string, logo []byte, accent string) *http.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", c.CSRF())
	_ = w.WriteField("accent", accent)
	if logo != nil {
		fw, err := w.CreateFormFile("logo", "logo.img")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(logo)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, "/orgs/"+org+"/branding", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

// TestBrandingValidation: a GIF, an image too large in bytes or pixels, a colour that is
// not one or is too light: each is refused with 422 and a message in the reader's
// language, and nothing is stored.
func TestBrandingValidation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		acme := orgID(t, s, "acme")
		admin := s.Login("admin@acme.example")
		if resp := admin.Get("/orgs/" + acme + "/branding"); resp.StatusCode != http.StatusOK {
			t.Fatalf("branding page: %d", resp.StatusCode)
		}
		big := append(testImage(t, "png", 8, 8), bytes.Repeat([]byte{0}, 1<<20)...)
		cases := []struct {
			name, accent, message string
			logo                  []byte
		}{
			{"GIF", "", "tampoco imágenes GIF", testImage(t, "gif", 40, 20)},
			{"over 1 MB", "", "como máximo 1 MB", big},
			{"too many pixels", "", "2000 × 2000 píxeles", testImage(t, "png", 2100, 20)},
			{"not a colour", "azul", "seis dígitos hexadecimales", nil},
			{"too light, with a good logo", "#ffe680", "demasiado claro", testImage(t, "png", 300, 100)},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				resp := postBranding(t, admin, acme, c.logo, c.accent)
				body := apptest.Body(resp)
				if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, c.message) || !strings.Contains(body, "error-summary") {
					t.Fatalf("%d, want 422 saying %q:\n%s", resp.StatusCode, c.message, body)
				}
				if n := countRows(t, s, "organisation_branding", "organisation_id = ?", acme); n != 0 {
					t.Fatal("something was stored")
				}
			})
		}
		if resp := s.Login("admin@acme.example").Get("/orgs/" + acme + "/logo.png"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("logo without one: %d, want 404", resp.StatusCode)
		}
		refused := []struct {
			who, path string
			status    int
		}{
			{"coach@acme.example", "/orgs/" + acme + "/branding", http.StatusForbidden},
			{"admin@globex.example", "/orgs/" + acme + "/branding", http.StatusNotFound},
		}
		for _, r := range refused {
			if resp := s.Login(r.who).Get(r.path); resp.StatusCode != r.status {
				t.Errorf("%s GET %s: %d, want %d", r.who, r.path, resp.StatusCode, r.status)
			}
			if resp := postBranding(t, s.Login(r.who), acme, nil, "#8a1538"); resp.StatusCode != r.status {
				t.Errorf("%s POST %s: %d, want %d", r.who, r.path, resp.StatusCode, r.status)
			}
		}
	})
}

// TestBrandingReachesReportsAndHeader: a saved logo and colour are served to the
// organisation's people (not to others), restyle the header and appear in reports.
func TestBrandingReachesReportsAndHeader(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		acme, learner1 := orgID(t, s, "acme"), userID(t, s, "learner1@acme.example")
		learner := s.Login("learner1@acme.example")
		before := wantDownload(t, learner.Get("/people/"+learner1+"/report.pdf"), "application/pdf", "")
		if bytes.Contains(before, []byte("/Subtype /Image")) {
			t.Fatal("a report without branding has an image")
		}

		admin := s.Login("admin@acme.example")
		resp := postBranding(t, admin, acme, testImage(t, "jpeg", 1200, 300), "#8A1538")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "?done=branding_saved") {
			t.Fatalf("save: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), apptest.Body(resp))
		}
		if page := apptest.Body(admin.Get(resp.Header.Get("Location"))); !strings.Contains(page, "Imagen de marca guardada") || !strings.Contains(page, "#8a1538") {
			t.Fatalf("branding page after saving:\n%s", page)
		}

		logo := learner.Get("/orgs/" + acme + "/logo.png")
		data := []byte(apptest.Body(logo))
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if logo.StatusCode != http.StatusOK || logo.Header.Get("Content-Type") != "image/png" || err != nil || format != "png" || cfg.Width != 600 || cfg.Height != 150 {
			t.Fatalf("logo: %d %s %s %dx%d %v", logo.StatusCode, logo.Header.Get("Content-Type"), format, cfg.Width, cfg.Height, err)
		}
		css := learner.Get("/orgs/" + acme + "/brand.css")
		sheet := apptest.Body(css)
		if !strings.Contains(sheet, "--brand: #8a1538") || !strings.Contains(sheet, "/orgs/"+acme+"/logo.png?v=") {
			t.Fatalf("brand.css:\n%s", sheet)
		}
		again, _ := http.NewRequest(http.MethodGet, "/orgs/"+acme+"/brand.css", nil)
		again.Header.Set("If-None-Match", css.Header.Get("ETag"))
		if resp := learner.Do(again); resp.StatusCode != http.StatusNotModified {
			t.Errorf("brand.css revalidation: %d, want 304", resp.StatusCode)
		}
		home := apptest.Body(learner.Get("/home"))
		if !strings.Contains(home, `href="/orgs/`+acme+`/brand.css"`) || !strings.Contains(home, `class="brand-logo"`) {
			t.Fatal("the header does not use the organisation's branding")
		}
		for _, path := range []string{"/orgs/" + acme + "/logo.png", "/orgs/" + acme + "/brand.css"} {
			if resp := s.Login("learner2@globex.example").Get(path); resp.StatusCode != http.StatusNotFound {
				t.Errorf("another organisation's %s: %d, want 404", path, resp.StatusCode)
			}
		}
		if sheet := apptest.Body(s.Login("learner2@globex.example").Get("/orgs/" + orgID(t, s, "globex") + "/brand.css")); strings.Contains(sheet, "--brand") {
			t.Errorf("an organisation without branding gets colours:\n%s", sheet)
		}

		after := wantDownload(t, learner.Get("/people/"+learner1+"/report.pdf"), "application/pdf", "")
		checkPDF(t, after)
		if !bytes.Contains(after, []byte("/Subtype /Image")) {
			t.Fatal("the report does not carry the organisation's logo")
		}
	})
}
