package instrument

import (
	"errors"
	"os"
	"testing"

	"github.com/academy-platform/academy/internal/errs"
)

// FuzzParse: whatever the bytes, Parse returns a definition or an *Error whose problems
// all carry a reason; it never panics or hangs.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"../../../seed/instruments/networking-self.yaml", "testdata/bands.yaml", "testdata/sjt.yaml", "testdata/syntax.yaml"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("id: x\nversion: 1\nitems: [{id: a, dimension: d, options: [{weight: 9}]}]\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		def, err := Parse(data, "fuzz.yaml")
		if err == nil {
			if def == nil {
				t.Fatal("nil definition without an error")
			}
			return
		}
		var perr *Error
		if !errors.As(err, &perr) {
			t.Fatalf("error of type %T: %v", err, err)
		}
		if _, ok := errs.AsValidation(err); !ok {
			t.Fatal("a parse error is not a validation error")
		}
		for _, p := range perr.Problems {
			if p.Reason == "" || p.Code == "" {
				t.Fatalf("problem without code or reason: %+v", p)
			}
		}
	})
}
