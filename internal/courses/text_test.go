package courses_test

import (
	"testing"

	"github.com/academy-platform/academy/internal/courses"
)

func TestText(t *testing.T) {
	both := courses.Text{"es": "Hola", "en": "Hello"}
	cases := []struct {
		name string
		text courses.Text
		lang string
		want string
	}{
		{"english", both, "en", "Hello"},
		{"spanish", both, "es", "Hola"},
		{"unknown language falls back to Spanish", both, "fr", "Hola"},
		{"missing language falls back to Spanish", courses.Text{"es": "Hola"}, "en", "Hola"},
		{"empty falls back to Spanish", courses.Text{"es": "Hola", "en": ""}, "en", "Hola"},
		{"nil", nil, "en", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.text.In(c.lang); got != c.want {
				t.Fatalf("In(%q) = %q, want %q", c.lang, got, c.want)
			}
		})
	}
	t.Run("stored as JSON", func(t *testing.T) {
		v, err := both.Value()
		if err != nil || v != `{"en":"Hello","es":"Hola"}` {
			t.Fatalf("Value() = %v, %v", v, err)
		}
		for _, src := range []any{v, []byte(v.(string))} {
			var back courses.Text
			if err := back.Scan(src); err != nil || back["en"] != "Hello" || back["es"] != "Hola" {
				t.Fatalf("Scan(%T) = %v, %v", src, back, err)
			}
		}
		var bad courses.Text
		if err := bad.Scan(42); err == nil {
			t.Fatal("scanning a number should fail")
		}
	})
}
