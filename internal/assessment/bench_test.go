package assessment_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// wideInstrument has 6 dimensions of 10 items (9 Likert, every third reverse-keyed, and 1
// SJT): 60 items.
func wideInstrument() string {
	var b strings.Builder
	b.WriteString("id: wide\nversion: 1\nlanguages: [en]\naudience: self\ntitle: Wide\n")
	b.WriteString("scale: {min: 1, max: 5, labels: [a, b, c, d, e]}\ndimensions:\n")
	for d := range 6 {
		fmt.Fprintf(&b, "  - {slug: d%d, name: D%d, bands: [{min: 0, label: Low}, {min: 50, label: High}]}\n", d, d)
	}
	b.WriteString("items:\n")
	for d := range 6 {
		for i := range 9 {
			fmt.Fprintf(&b, "  - {id: d%di%d, dimension: d%d, text: T, reverse: %v}\n", d, i, d, i%3 == 2)
		}
		fmt.Fprintf(&b, "  - {id: d%ds, dimension: d%d, type: sjt, text: S, options: [{text: a, weight: 0}, {text: b, weight: 1}, {text: c, weight: 2}, {text: d, weight: 3}]}\n", d, d)
	}
	return b.String()
}

// wideResponses is an import file of rows respondents answering the 60 items of
// wideInstrument, with about 2% of cells missing.
func wideResponses(rows int) []byte {
	var b bytes.Buffer
	b.WriteString("external_id")
	for d := range 6 {
		for i := range 9 {
			fmt.Fprintf(&b, ",d%di%d", d, i)
		}
		fmt.Fprintf(&b, ",d%ds", d)
	}
	b.WriteString("\n")
	for r := range rows {
		fmt.Fprintf(&b, "r%d", r)
		for c := range 60 {
			switch {
			case (r*61+c*7)%50 == 0:
				b.WriteString(",")
			case c%10 == 9:
				fmt.Fprintf(&b, ",%d", 1+(r+c)%4)
			default:
				fmt.Fprintf(&b, ",%d", 1+(r*3+c)%5)
			}
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// BenchmarkImport10kRows imports 10,000 respondents × 60 items (one file, one
// transaction) on each database.
func BenchmarkImport10kRows(b *testing.B) {
	file := wideResponses(10_000)
	for _, kind := range dbtest.Kinds() {
		b.Run(string(kind), func(b *testing.B) {
			f := newFixture(b, dbtest.New(b, kind))
			org := f.org("bench")
			instID := f.add(org.ID, wideInstrument())
			for b.Loop() {
				report, err := f.store.ImportResponses(f.ctx, assessment.ImportOptions{InstrumentID: instID, OrganisationID: org.ID},
					bytes.NewReader(file))
				if err != nil || report.Imported != 10_000 {
					b.Fatalf("imported %d: %v", report.Imported, err)
				}
			}
		})
	}
}
