package assessment

import (
	"bytes"
	"os"
	"testing"

	"github.com/academy-platform/academy/internal/assessment/instrument"
)

// FuzzParseResponses: any CSV bytes give rows and problems with line numbers inside the
// file, never a panic.
func FuzzParseResponses(f *testing.F) {
	data, err := os.ReadFile("testdata/small.yaml")
	if err != nil {
		f.Fatal(err)
	}
	def, err := instrument.Parse(data, "small.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("external_id,F1,F2,F3,FS,R1,R2,R3\np1,5,4,3,2,1,2,3\n"), false)
	f.Add([]byte("email;F1\nana@x.example;9\n\"broken\n"), true)
	f.Add([]byte("\ufeffemail,email,F1\n,,\n"), true)
	f.Fuzz(func(t *testing.T, csv []byte, requireEmail bool) {
		parsed := parseResponses(def, bytes.NewReader(csv), requireEmail)
		lines := bytes.Count(csv, []byte("\n")) + 1
		for _, p := range parsed.problems {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("problem on line %d of a %d-line file: %+v", p.Line, lines, p)
			}
		}
	})
}
