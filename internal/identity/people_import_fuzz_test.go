package identity

import (
	"strings"
	"testing"
)

// FuzzParsePeopleCSV: whatever the bytes, the parser answers with rows or a file problem,
// never a panic, and every row it returns has a line number inside the file.
func FuzzParsePeopleCSV(f *testing.F) {
	for _, seed := range []string{
		"email,name,role,cohort\nana@x.example,Ana,learner,Ventas\n",
		"\ufeffemail;name;role;cohort\nana@x.example;Ana;coach;\n\n;;;\n",
		"email,name,role,cohort\n\"a@x\"y,b,c,d\n",
		"email,name,role,cohort\n\"unclosed\n",
		"name,email\nx,y\n",
		"",
		"\xff\xfe\x00",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		report := parsePeopleCSV(data)
		lines := strings.Count(string(data), "\n") + 1
		for _, row := range report.Rows {
			if row.Line < 2 || row.Line > lines {
				t.Fatalf("row line %d outside the file's %d lines", row.Line, lines)
			}
		}
		if report.FileProblem != "" && len(report.Rows) > MaxImportRows {
			t.Fatalf("%d rows returned", len(report.Rows))
		}
	})
}
