package pdf_test

import (
	"bytes"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/academy-platform/academy/internal/reports/fonts"
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// The two benchmarks below draw the same six pages of Spanish text in three faces: once
// with fpdf's UTF-8 fonts loaded into every document (the plain way), once through this
// package (WinAnsi faces prepared once, streams compressed afterwards). They are the
// measurement behind the font design described in doc.go.

const benchLine = "¿Cómo podría ayudarte a conseguir tus objetivos? Contar cómo resuelves problemas · ¡Ánimo!"

func BenchmarkSixPagesFpdfUTF8PerDocument(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f := fpdf.New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		for i, ttf := range [][]byte{fonts.Regular, fonts.Bold, fonts.Italic} {
			f.AddUTF8FontFromBytes("sans", []string{"", "B", "I"}[i], ttf)
		}
		for range 6 {
			f.AddPage()
			for i := range 40 {
				f.SetFont("sans", []string{"", "B", "I"}[i%3], 10)
				f.Text(18, float64(20+6*i), benchLine)
			}
		}
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSixPagesEngine(b *testing.B) {
	e := engine(b)
	fonts := []pdf.Font{{Size: 10}, {Style: pdf.Bold, Size: 10}, {Style: pdf.Italic, Size: 10}}
	b.ReportAllocs()
	for b.Loop() {
		d := e.New(pdf.Config{Margins: pdf.Margins{Top: 20, Bottom: 18, Left: 18, Right: 18}})
		for range 6 {
			d.AddPage()
			for i := range 40 {
				d.Text(fonts[i%3], 18, float64(20+6*i), 0, benchLine, pdf.AlignLeft)
			}
		}
		if _, err := d.Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrap(b *testing.B) {
	d := newDoc(engine(b))
	text := strings.Repeat(benchLine+" ", 10)
	b.ReportAllocs()
	for b.Loop() {
		d.Wrap(body, text, 120)
	}
}
