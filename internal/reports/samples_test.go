package reports

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// TestWriteSamples writes sample reports for looking at, when ACADEMY_REPORT_SAMPLES names
// a folder: go test ./internal/reports -run WriteSamples with ACADEMY_REPORT_SAMPLES=/tmp/r.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("ACADEMY_REPORT_SAMPLES")
	if dir == "" {
		t.Skip("ACADEMY_REPORT_SAMPLES is not set")
	}
	r := newRenderer(t)
	data := sampleLearner(t)
	for _, lang := range Languages() {
		doc, err := r.LearnerReport(data, lang)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "learner-"+lang+".pdf"), doc)
		cert, err := r.Certificate(sampleCertificate(), lang)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "certificate-"+lang+".pdf"), cert)
		cohort, err := r.CohortReport(sampleCohort(t), lang)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "cohort-"+lang+".pdf"), cohort)
		org, err := r.OrganisationReport(sampleOrganisation(t, 240), lang)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "organisation-"+lang+".pdf"), org)
	}
	branded := data
	branded.Organisation.Branding = &Branding{Name: "Talento Norte", Accent: "#0b6e4f", Logo: sampleLogo(t)}
	doc, err := r.LearnerReport(branded, Spanish)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "learner-branded-es.pdf"), doc)
	cert := sampleCertificate()
	cert.Branding = branded.Organisation.Branding
	if doc, err = r.Certificate(cert, Spanish); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "certificate-branded-es.pdf"), doc)
}

// sampleLogo is a 3:1 PNG: a green disc and two bars.
func sampleLogo(t testing.TB) *Logo {
	img := image.NewRGBA(image.Rect(0, 0, 300, 100))
	green := color.RGBA{R: 11, G: 110, B: 79, A: 255}
	for x := range 300 {
		for y := range 100 {
			dx, dy := x-50, y-50
			switch {
			case dx*dx+dy*dy < 40*40:
				img.Set(x, y, green)
			case x > 110 && x < 290 && (y > 28 && y < 44 || y > 56 && y < 72 && x < 230):
				img.Set(x, y, color.RGBA{R: 40, G: 40, B: 40, A: 255})
			default:
				img.Set(x, y, color.White)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return &Logo{Data: b.Bytes(), Kind: pdf.PNG}
}

func write(t *testing.T, path string, doc []byte) {
	t.Helper()
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
}

func sampleCertificate() CertificateData {
	return CertificateData{Learner: "María José Fernández-Villaverde Núñez",
		Module: Text{"es": "Contar cómo resuelves problemas", "en": "Problem-solving pitch"}, CompletedAt: day(2026, 3, 5),
		Organisation: "Consultora Ibérica de Talento y Desarrollo, S.L.", Lessons: 4, Minutes: 45, QuizScore: ptr(86.0),
		Reference: "7F3A-91C2"}
}
