package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/reports/internal/pdftest"
	"github.com/academy-platform/academy/internal/reports/pdf"
)

var (
	ink   = pdf.MustHex("#1b2430")
	body  = pdf.Font{Size: 10, Color: ink}
	bold  = pdf.Font{Style: pdf.Bold, Size: 10, Color: ink}
	clock = time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
)

func engine(t testing.TB) *pdf.Engine {
	t.Helper()
	e, err := pdf.NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func newDoc(e *pdf.Engine) *pdf.Doc {
	return e.New(pdf.Config{Margins: pdf.Margins{Top: 20, Right: 18, Bottom: 18, Left: 18}, Created: clock,
		Title: "Prueba · ¿Cómo?", Lang: "es"})
}

func TestSpanishAndOtherScriptsExtractIntact(t *testing.T) {
	e := engine(t)
	d := newDoc(e)
	d.AddPage()
	lines := []string{
		"¿Cómo podría ayudarte a conseguir tus objetivos? ¡Ánimo!",
		"Contar cómo resuelves problemas · Dar primero — «networking» 5 €",
		"Łukasz Wałęsa, Ștefan Dvořák, Ελένη, Юлия", // outside Windows-1252: UTF-8 fallback face
		"año, pingüino, niño",
	}
	for i, l := range lines {
		d.Text(bold, d.Left(), 40+float64(i)*8, 0, l, pdf.AlignLeft)
	}
	doc, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, doc)
	text := pdftest.Text(t, doc)
	for _, l := range lines {
		if !strings.Contains(text, l) {
			t.Errorf("pdftotext lost %q; got:\n%s", l, text)
		}
	}
}

func TestWidthsAgreeBetweenFaces(t *testing.T) {
	// The WinAnsi widths are derived from the same font as the UTF-8 fallback: a string
	// that mixes both must measure the same either way. "Ł" forces the fallback.
	e := engine(t)
	d := newDoc(e)
	d.AddPage()
	for _, st := range []pdf.Style{pdf.Regular, pdf.Bold, pdf.Italic} {
		fnt := pdf.Font{Style: st, Size: 11}
		s := "¿Cómo resuelves problemas? Año — «ñ» 100 €"
		got, withFallback := d.TextWidth(fnt, s), d.TextWidth(fnt, s+"Ł")-d.TextWidth(fnt, "Ł")
		if diff := got - withFallback; diff > 0.01 || diff < -0.01 {
			t.Errorf("style %d: WinAnsi width %.3f, UTF-8 width %.3f", st, got, withFallback)
		}
	}
}

func TestSameInputSameBytes(t *testing.T) {
	e := engine(t)
	render := func() []byte {
		d := newDoc(e)
		d.AddPage()
		d.Paragraph(body, d.Left(), d.Width(), strings.Repeat("Texto de prueba con acentos: cómo, qué, cuándo. ", 40), pdf.AlignLeft, "p")
		d.Circle(100, 200, 20, pdf.Paint{Fill: &ink, Opacity: 0.3})
		d.Text(body, 20, 280, 0, "Łódź", pdf.AlignLeft)
		doc, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	a, b := render(), render()
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same drawing differ")
	}
	if !bytes.Contains(a, []byte("D:20260305100000")) {
		t.Error("creation date is not the configured one")
	}
	pdftest.Check(t, a)
}

func TestEveryStreamIsCompressed(t *testing.T) {
	e := engine(t)
	d := newDoc(e)
	for range 3 {
		d.AddPage()
		d.Paragraph(body, d.Left(), d.Width(), strings.Repeat("Un párrafo largo. ", 200), pdf.AlignLeft, "p")
	}
	doc, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	n := bytes.Count(doc, []byte("stream\n")) - bytes.Count(doc, []byte("endstream\n"))
	filtered := bytes.Count(doc, []byte("/Filter /FlateDecode"))
	if n == 0 || filtered < n {
		t.Errorf("%d streams, %d compressed", n, filtered)
	}
	pdftest.Check(t, doc)
	if text := pdftest.Squash(pdftest.Text(t, doc)); !strings.Contains(text, "Un párrafo largo. Un párrafo largo.") {
		t.Errorf("text lost in compression: %.200s", text)
	}
}

func TestWrap(t *testing.T) {
	e := engine(t)
	d := newDoc(e)
	const w = 40.0
	long := "Supercalifragilisticoespialidosoextraordinariamente largo"
	for _, s := range []string{
		"Contar cómo resuelves problemas a las personas que te rodean cada día",
		long,
		"María José de la Concepción Fernández-Villaverde y Martínez de Irujo",
		"62\u00a0%",
	} {
		lines := d.Wrap(body, s, w)
		for _, l := range lines {
			if d.TextWidth(body, l) > w+1e-9 {
				t.Errorf("line %q of %q is wider than %v mm", l, s, w)
			}
		}
		if got, want := strings.ReplaceAll(strings.Join(lines, ""), " ", ""), strings.ReplaceAll(s, " ", ""); got != want {
			t.Errorf("wrapping %q lost text: %q", s, lines)
		}
	}
	if lines := d.Wrap(body, long, w); len(lines) < 2 {
		t.Errorf("a word wider than the line is not broken: %q", lines)
	}
	if lines := d.Wrap(body, "de 62\u00a0%", d.TextWidth(body, "62\u00a0%")+0.1); len(lines) != 2 || lines[1] != "62\u00a0%" {
		t.Errorf("a no-break space broke: %q", lines)
	}
	if lines := d.Wrap(body, "uno\ndos", 100); len(lines) != 2 {
		t.Errorf("line break ignored: %q", lines)
	}
}

func TestTableRowsNeverSplit(t *testing.T) {
	e := engine(t)
	d := newDoc(e)
	d.OnPageStart(func(d *pdf.Doc) float64 {
		d.Text(body, d.Left(), 12, 0, "Cabecera", pdf.AlignLeft)
		return 20
	})
	d.AddPage()
	d.SetY(200) // start low, so the first row must move
	tbl := pdf.Table{Label: "t", Head: bold, Body: body, Note: pdf.Font{Size: 8, Color: ink},
		HeadFill: ink.Tint(0.9), Rule: ink.Tint(0.7), PadX: 2, PadY: 1.5,
		Columns: []pdf.Column{{Title: "Dimensión", Width: 60}, {Title: "Texto", Width: 100}, {Title: "Nº", Width: 14, Align: pdf.AlignRight}}}
	for i := range 120 {
		tbl.Rows = append(tbl.Rows, pdf.Row{Label: fmt.Sprintf("row%03d", i), Cells: []pdf.Cell{
			{Text: fmt.Sprintf("Fila%03d", i)},
			{Text: strings.Repeat("palabra ", 1+(i*7)%40), Note: "nota"},
			{Text: fmt.Sprint(i)},
		}})
	}
	d.Table(tbl)
	doc, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	_, pageH := d.PageSize()
	rows, headers := 0, map[int]bool{}
	for _, p := range d.Placements() {
		if p.Top < 20-1e-9 || p.Bottom > pageH-18+1e-9 {
			t.Errorf("%s %q crosses the page edge: %.1f–%.1f on page %d", p.Kind, p.Label, p.Top, p.Bottom, p.Page)
		}
		switch p.Kind {
		case "row":
			rows++
			if !headers[p.Page] {
				t.Errorf("row %q on page %d has no header above it", p.Label, p.Page)
			}
		case "table-header":
			headers[p.Page] = true
		}
	}
	if rows != 120 || d.Pages() < 4 {
		t.Fatalf("%d rows on %d pages", rows, d.Pages())
	}
	pdftest.Check(t, doc)
	// Each row's first and last words are on the same page.
	pages := pdftest.Pages(t, doc, true)
	for i := range 120 {
		label := fmt.Sprintf("Fila%03d", i)
		found := 0
		for _, p := range pages {
			if strings.Contains(p, label) {
				found++
			}
		}
		if found != 1 {
			t.Errorf("%s appears on %d pages", label, found)
		}
	}
}

func TestBlockTallerThanPageFails(t *testing.T) {
	d := newDoc(engine(t))
	d.AddPage()
	d.Block("chart", "huge", 400, func(float64) {})
	var tall *pdf.TooTallError
	if _, err := d.Bytes(); !errors.As(err, &tall) || tall.Label != "huge" {
		t.Fatalf("a block taller than a page: %v", err)
	}
}

func TestConcurrentDocuments(t *testing.T) {
	e := engine(t)
	var wg sync.WaitGroup
	results := make([][]byte, 8)
	for i := range results {
		wg.Go(func() {
			d := newDoc(e)
			d.AddPage()
			d.Paragraph(body, d.Left(), d.Width(), "¿Quién? Łukasz. "+strings.Repeat("Más texto. ", 100), pdf.AlignLeft, "p")
			doc, err := d.Bytes()
			if err != nil {
				t.Error(err)
			}
			results[i] = doc
		})
	}
	wg.Wait()
	for i := range results {
		if !bytes.Equal(results[i], results[0]) {
			t.Fatalf("concurrent rendering %d differs", i)
		}
	}
}

func TestCharactersOutsideTheFont(t *testing.T) {
	d := newDoc(engine(t))
	d.AddPage()
	for i, s := range []string{"Ana 🌟 García", "王小明", "\U00010000", "tab\there\nnewline"} {
		d.Text(body, d.Left(), 40+float64(i)*8, 0, s, pdf.AlignLeft)
		_ = d.TextWidth(body, s)
		_ = d.Wrap(body, s, 30)
	}
	doc, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, doc)
	if text := pdftest.Text(t, doc); !strings.Contains(text, "王小明") || !strings.Contains(text, "tab here newline") {
		t.Errorf("text: %q", text)
	}
}
