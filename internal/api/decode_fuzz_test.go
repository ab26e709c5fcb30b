package api

import (
	"testing"

	"github.com/academy-platform/academy/internal/errs"
)

// FuzzDecodeStrict: any body decodes into the request types or gives a validation error,
// never another error or a panic.
func FuzzDecodeStrict(f *testing.F) {
	for _, s := range []string{`{"value":3}`, `{"option":1}`, `{"value":"3"}`, `{"instrument":"x","x":1}`, `{} {}`, `[`, `null`, `{"value":1e400}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, v := range []any{&answerInput{}, &startInput{}, &cohortQuery{}} {
			err := decodeStrict(body, v)
			if _, ok := errs.AsValidation(err); err != nil && !ok {
				t.Fatalf("%T from %q: %v is not a validation error", v, body, err)
			}
		}
	})
}
