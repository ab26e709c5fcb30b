package identity

import (
	"fmt"
	"strings"
	"testing"
)

// TestParsePeopleCSVRowLimit checks the row limit without a database: it counts people,
// not the blank rows that spreadsheets add at the end of an export.
func TestParsePeopleCSVRowLimit(t *testing.T) {
	rows := func(n int, sep string) string {
		var b strings.Builder
		b.WriteString(strings.Join(importColumns, sep) + "\n")
		for i := range n {
			fmt.Fprintf(&b, "p%d@acme.test%sPerson%slearner%s\n", i, sep, sep, sep)
		}
		return b.String()
	}
	cases := []struct {
		name     string
		file     string
		problem  string
		rows     int
		lastLine int
	}{
		{"at the limit", rows(MaxImportRows, ","), "", MaxImportRows, MaxImportRows + 1},
		{"over the limit", rows(MaxImportRows+1, ","), "too_many_rows", 0, 0},
		{"at the limit with trailing blank rows", rows(MaxImportRows, ";") + ";;;\n;;;\n", "", MaxImportRows, MaxImportRows + 1},
		{"blank rows in between count lines, not rows", "email,name,role,cohort\n,,,\n\nx@acme.test,X,learner,\n", "", 1, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := parsePeopleCSV([]byte(c.file))
			if r.FileProblem != c.problem {
				t.Fatalf("file problem = %q, want %q", r.FileProblem, c.problem)
			}
			if c.problem != "" {
				return
			}
			if len(r.Rows) != c.rows || r.Rows[len(r.Rows)-1].Line != c.lastLine {
				t.Fatalf("%d rows, last on line %d; want %d, line %d", len(r.Rows), r.Rows[len(r.Rows)-1].Line, c.rows, c.lastLine)
			}
		})
	}
}
