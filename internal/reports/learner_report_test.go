package reports

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"sync"
	"testing"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/reports/internal/pdftest"
	"github.com/academy-platform/academy/internal/reports/pdf"
)

func render(t testing.TB, r *Renderer, data LearnerReportData, lang string) []byte {
	t.Helper()
	doc, err := r.LearnerReport(data, lang)
	if err != nil {
		t.Fatalf("learner report (%s): %v", lang, err)
	}
	return doc
}

func TestLearnerReportIsDeterministic(t *testing.T) {
	r := newRenderer(t)
	data := sampleLearner(t)
	for _, lang := range Languages() {
		a, b := render(t, r, data, lang), render(t, r, data, lang)
		if !bytes.Equal(a, b) {
			t.Fatalf("%s: two renderings of the same data with the same clock differ", lang)
		}
		// A second renderer with the same clock gives the same bytes too.
		if c := render(t, newRenderer(t), data, lang); !bytes.Equal(a, c) {
			t.Fatalf("%s: another renderer gives other bytes", lang)
		}
	}
}

func TestLearnerReportConcurrently(t *testing.T) {
	r := newRenderer(t)
	data := sampleLearner(t)
	data.Learner.Name = "Łukasz Wałęsa-Ștefănescu" // also exercises the UTF-8 font fallback
	want := render(t, r, data, Spanish)
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			doc, err := r.LearnerReport(data, Spanish)
			if err != nil {
				t.Error(err)
				return
			}
			if !bytes.Equal(doc, want) {
				t.Error("a concurrent rendering differs")
			}
		})
	}
	wg.Wait()
}

func TestLearnerReportIsValidAndExtractsIntact(t *testing.T) {
	r := newRenderer(t)
	data := sampleLearner(t)
	cases := map[string][]string{
		Spanish: {
			"Tu perfil de networking", "María José Fernández-Villaverde Núñez",
			"Contar cómo resuelves problemas", "¿A quién puedo pedir dos presentaciones concretas cada mes?", "5 de marzo de 2026", "2 de marzo de 2026",
			"±6,4", "Página 2 de", "Prioridades de desarrollo", "Mejora fiable", "Cómo leer este informe",
			"Feedback 360", "Puntos ciegos", "Objetivos", "Registro de acciones", "Huella digital",
		},
		English: {
			"Your networking profile", "María José Fernández-Villaverde Núñez", "Problem-solving pitch",
			"5 March 2026", "2 March 2026", "±6.4", "Page 2 of", "Development priorities",
			"Reliable improvement", "How to read this report", "Blind spots", "Action log",
		},
	}
	for lang, wants := range cases {
		doc := render(t, r, data, lang)
		pdftest.Check(t, doc)
		pages := pdftest.Pages(t, doc, false)
		if len(pages) < 5 {
			t.Errorf("%s: %d pages, want 5 or more", lang, len(pages))
		}
		text := pdftest.Squash(strings.Join(pages, "\n"))
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s: pdftotext does not give %q", lang, w)
			}
		}
		if lang == Spanish && strings.Contains(text, "Reliable") {
			t.Error("English text in the Spanish report")
		}
	}
}

// manyDimensions is a report whose tables run over several pages, with long names that
// wrap and unique standard errors that identify each row.
func manyDimensions(t testing.TB, n int) LearnerReportData {
	data := sampleLearner(t)
	a := *data.Assessment
	base := a.Dimensions[0]
	a.Dimensions = nil
	g := &Growth{Attempts: data.Growth.Attempts}
	for i := range n {
		d := base
		d.Slug = fmt.Sprintf("dim-%02d", i)
		d.Name = Text{"es": fmt.Sprintf("Dimensión %02d con un nombre muy largo que obliga a partirlo fila%02d", i, i)}
		d.SEM = ptr(float64(i) + 0.5)
		a.Dimensions = append(a.Dimensions, d)
		g.Dimensions = append(g.Dimensions, DimensionGrowth{Slug: d.Slug, Scores: []*float64{ptr(40.0), ptr(50.0), d.Score},
			Change: ptr(*d.Score - 40), RCI: ptr(2.5), Reliable: true})
	}
	data.Assessment, data.Growth = &a, g
	return data
}

func TestPageBreaksNeverSplitRowsOrCharts(t *testing.T) {
	r := newRenderer(t)
	data := manyDimensions(t, 40)
	b, err := r.drawLearnerReport(data, Spanish)
	if err != nil {
		t.Fatal(err)
	}
	_, pageH := b.d.PageSize()
	bottom := pageH - b.d.Margins().Bottom
	headers := map[string]map[int]bool{}
	rows := 0
	for _, p := range b.d.Placements() {
		if p.Bottom > bottom+1e-9 || p.Top < b.d.Margins().Top {
			t.Errorf("%s %q crosses a page edge: %.1f–%.1f mm on page %d", p.Kind, p.Label, p.Top, p.Bottom, p.Page)
		}
		switch p.Kind {
		case "table-header":
			if headers[p.Label] == nil {
				headers[p.Label] = map[int]bool{}
			}
			headers[p.Label][p.Page] = true
		case "row":
			rows++
		}
	}
	if rows < 80 {
		t.Fatalf("only %d table rows placed", rows)
	}
	if len(headers["results"]) < 2 {
		t.Fatalf("the results table does not run over pages: %v", headers["results"])
	}
	doc, err := b.finish()
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, doc)
	// Each results row is whole on one page: the page with its standard error also has both
	// lines of its wrapped name.
	pages := pdftest.Pages(t, doc, true)
	for i := range 40 {
		sem := fmt.Sprintf("±%d,5", i)
		found := false
		for _, p := range pages {
			if !strings.Contains(p, sem) {
				continue
			}
			found = true
			squashed := pdftest.Squash(p)
			if !strings.Contains(squashed, fmt.Sprintf("Dimensión %02d", i)) || !strings.Contains(squashed, fmt.Sprintf("fila%02d", i)) {
				t.Errorf("row %d is split: the page with %s lacks part of its name", i, sem)
			}
		}
		if !found {
			t.Errorf("row %d (%s) not found", i, sem)
		}
	}
}

func TestLongNamesWrap(t *testing.T) {
	r := newRenderer(t)
	data := sampleLearner(t)
	data.Learner.Name = "Ana María de los Ángeles Fernández-Villaverde y Martínez de Irujo Castellanos de la Peña"
	data.Organisation.Name = "Asociación Española de Consultoras de Desarrollo Profesional y Gestión del Talento de la Comunidad Valenciana"
	doc := render(t, r, data, Spanish)
	pdftest.Check(t, doc)
	cover := pdftest.Pages(t, doc, false)[0]
	lines := 0
	for l := range strings.SplitSeq(cover, "\n") {
		if strings.Contains(data.Learner.Name, strings.TrimSpace(l)) && strings.TrimSpace(l) != "" {
			lines++
		}
	}
	if lines < 2 {
		t.Errorf("the long name is not wrapped on the cover:\n%s", cover)
	}
	text := pdftest.Squash(cover)
	for _, s := range []string{data.Learner.Name, data.Organisation.Name} {
		if !strings.Contains(text, s) {
			t.Errorf("cover lost %q", s)
		}
	}
}

func TestLearnerReportWithoutAssessment(t *testing.T) {
	r := newRenderer(t)
	data := LearnerReportData{Learner: Person{Name: "Luis Pérez"}, Organisation: Organisation{Name: "Acme"}}
	doc := render(t, r, data, Spanish)
	pdftest.Check(t, doc)
	text := pdftest.Squash(pdftest.Text(t, doc))
	for _, w := range []string{"Todavía no has completado la autoevaluación", "Todavía no hay módulos", "Cómo leer este informe",
		"5 de marzo de 2026"} {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q", w)
		}
	}
	for _, w := range []string{"Feedback 360", "Objetivos", "Evolución"} {
		if strings.Contains(text, w) {
			t.Errorf("empty section %q is shown", w)
		}
	}
}

func TestUnscoredAndHiddenValues(t *testing.T) {
	r := newRenderer(t)
	data := sampleLearner(t)
	a := *data.Assessment
	a.Dimensions = append([]Dimension(nil), a.Dimensions...)
	a.Dimensions[2].Score, a.Dimensions[2].Band, a.Dimensions[2].Answered = nil, nil, 3
	for i := range a.Dimensions {
		a.Dimensions[i].Percentile, a.Dimensions[i].GroupSize = nil, 6
	}
	data.Assessment = &a
	data.Growth = nil
	data.Feedback360 = &Feedback360{Invited: 4, Answered: 2, MinObservers: 3}
	for _, lang := range Languages() {
		doc := render(t, r, data, lang)
		pdftest.Check(t, doc)
		text := pdftest.Squash(pdftest.Text(t, doc))
		want := map[string][]string{
			Spanish: {"Sin puntuación", "Respondiste 3 de 9 preguntas; hacen falta 6.", "hay menos de 10 con resultados",
				"Todavía no hay una segunda autoevaluación", "a partir de 3 respuestas"},
			English: {"Not scored", "You answered 3 of 9 questions; 6 are needed.", "fewer than 10 of",
				"There is no second self-assessment", "shown from 3 answers"},
		}[lang]
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: missing %q", lang, w)
			}
		}
	}
}

func TestBranding(t *testing.T) {
	r := newRenderer(t)
	data := sampleLearner(t)
	var logo bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for x := range 120 {
		for y := range 40 {
			img.Set(x, y, color.RGBA{R: uint8(x * 2), G: 80, B: 160, A: 255})
		}
	}
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	data.Organisation.Branding = &Branding{Name: "Talento Norte", Accent: "#0b6e4f", Logo: &Logo{Data: logo.Bytes(), Kind: pdf.PNG}}
	doc := render(t, r, data, Spanish)
	pdftest.Check(t, doc)
	if !bytes.Contains(doc, []byte("/Subtype /Image")) {
		t.Error("the logo is not in the document")
	}
	if text := pdftest.Text(t, doc); !strings.Contains(text, "Confidencial · Talento Norte") {
		t.Error("the organisation's brand name is not used")
	}

	// An accent without AA contrast on white falls back to Academy's.
	pale := Branding{Accent: "#f2b134"}.over(DefaultBranding())
	if pale.Accent != DefaultAccent || pale.Name != DefaultBrandName {
		t.Errorf("pale accent kept: %+v", pale)
	}
}

func TestUnknownLanguage(t *testing.T) {
	r := newRenderer(t)
	_, err := r.LearnerReport(sampleLearner(t), "fr")
	if _, ok := errs.AsValidation(err); !ok {
		t.Errorf("want a validation error, got %v", err)
	}
	if _, err := r.Certificate(sampleCertificate(), "de"); !errors.As(err, new(*errs.ValidationError)) {
		t.Errorf("want a validation error, got %v", err)
	}
}

func TestPickFocus(t *testing.T) {
	dims := func(scores ...float64) []Dimension {
		out := make([]Dimension, len(scores))
		for i, s := range scores {
			if s >= 0 {
				out[i].Score = ptr(s)
			}
		}
		return out
	}
	for _, c := range []struct {
		scores               []float64
		strengths, prorities []int
	}{
		{[]float64{72, 58, 42, 67, 36, 81, 47, 61}, []int{5, 0, 3}, []int{4, 2, 6}},
		{[]float64{50, 60}, []int{1}, []int{0}},
		{[]float64{50, -1, 70}, []int{2}, []int{0}},
		{[]float64{40}, []int{0}, nil},
		{[]float64{-1, -1}, nil, nil},
		{[]float64{60, 60, 60, 60}, []int{0, 1}, []int{3, 2}},
	} {
		s, p := pickFocus(dims(c.scores...))
		if fmt.Sprint(s) != fmt.Sprint(c.strengths) || fmt.Sprint(p) != fmt.Sprint(c.prorities) {
			t.Errorf("pickFocus(%v) = %v, %v; want %v, %v", c.scores, s, p, c.strengths, c.prorities)
		}
	}
}

func TestCertificate(t *testing.T) {
	r := newRenderer(t)
	for _, lang := range Languages() {
		a, err := r.Certificate(sampleCertificate(), lang)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := r.Certificate(sampleCertificate(), lang)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: certificate is not deterministic", lang)
		}
		pdftest.Check(t, a)
		pages := pdftest.Pages(t, a, false)
		if len(pages) != 1 {
			t.Errorf("%s: %d pages", lang, len(pages))
		}
		want := map[string][]string{
			Spanish: {"CERTIFICADO DE FINALIZACIÓN", "María José Fernández-Villaverde Núñez", "Contar cómo resuelves problemas", "el 5 de marzo de 2026", "86 %"},
			English: {"CERTIFICATE OF COMPLETION", "Problem-solving pitch", "on 5 March 2026", "86%"},
		}[lang]
		text := pdftest.Squash(pages[0])
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: certificate lacks %q:\n%s", lang, w, text)
			}
		}
		if !bytes.Contains(a, []byte("/MediaBox [0 0 841.89 595.28]")) {
			t.Errorf("%s: certificate is not landscape A4", lang)
		}
	}
	long := sampleCertificate()
	long.Learner = strings.Repeat("Nombre Larguísimo ", 12)
	if _, err := r.Certificate(long, Spanish); err != nil {
		t.Fatal(err)
	}
}
