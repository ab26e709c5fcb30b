package instrument_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/errs"
)

// wantPattern finds the expectations written in the test files: a line ending in
// "# want: code code…" must produce one problem of each code on that line.
var wantPattern = regexp.MustCompile(`#\s*want:\s*(.+)$`)

// expectations reads the "# want:" comments of a file as "line:code" strings.
func expectations(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	for i, line := range strings.Split(string(data), "\n") {
		if m := wantPattern.FindStringSubmatch(line); m != nil {
			for _, code := range strings.Fields(m[1]) {
				out = append(out, fmt.Sprintf("%d:%s", i+1, code))
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestParseReportsEveryProblemWithItsLine parses each invalid file in testdata and checks
// that it reports exactly the problems its "# want:" comments name, on those lines, and
// formats each as "file:line: reason".
func TestParseReportsEveryProblemWithItsLine(t *testing.T) {
	cases := []struct {
		file string
		rule string
	}{
		{"unknown-keys.yaml", "unknown keys (typos) and duplicate keys are errors"},
		{"duplicate-items.yaml", "item ids and dimension slugs are unique; ids are usable CSV columns"},
		{"unknown-dimension.yaml", "an item names a defined dimension"},
		{"empty-dimension.yaml", "every dimension has items"},
		{"bands.yaml", "bands start at 0, ascend, stay within 0–100 and have labels"},
		{"scale.yaml", "one scale label per point and language"},
		{"scale-inverted.yaml", "scale max above min"},
		{"sjt.yaml", "SJT items have ≥2 options weighted 0–3; Likert items have none"},
		{"languages.yaml", "every text in every language"},
		{"types.yaml", "values have the right type"},
		{"types2.yaml", "versions, languages, non-empty lists"},
		{"types3.yaml", "audience is self or observer"},
		{"missing.yaml", "required keys"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			want := expectations(t, data)
			if len(want) == 0 {
				t.Fatal("the test file names no expected problem")
			}
			def, err := instrument.Parse(data, c.file)
			if err == nil {
				t.Fatalf("%s: parsed %+v, want problems", c.rule, def)
			}
			var perr *instrument.Error
			if !errors.As(err, &perr) {
				t.Fatalf("error %T %v, want *instrument.Error", err, err)
			}
			var got []string
			for _, p := range perr.Problems {
				got = append(got, fmt.Sprintf("%d:%s", p.Line, p.Code))
				prefix := fmt.Sprintf("%s:%d: ", c.file, p.Line)
				if !strings.HasPrefix(p.String(), prefix) || len(p.String()) <= len(prefix) {
					t.Errorf("problem %q is not formatted as %q + reason", p.String(), prefix)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s:\n got  %v\n want %v\n%v", c.rule, got, want, err)
			}
			if _, ok := errs.AsValidation(err); !ok {
				t.Errorf("the error does not unwrap to an errs.ValidationError")
			}
		})
	}
}

func TestParseSyntaxErrorHasLine(t *testing.T) {
	data, err := os.ReadFile("testdata/syntax.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = instrument.Parse(data, "syntax.yaml")
	var perr *instrument.Error
	if !errors.As(err, &perr) || len(perr.Problems) != 1 {
		t.Fatalf("error = %v, want one syntax problem", err)
	}
	p := perr.Problems[0]
	if p.Code != instrument.CodeSyntax || p.Line < 3 || !strings.HasPrefix(p.String(), fmt.Sprintf("syntax.yaml:%d: YAML syntax: ", p.Line)) {
		t.Fatalf("problem = %+v (%s)", p, p)
	}
}

func TestParseOneLanguageFile(t *testing.T) {
	data, err := os.ReadFile("testdata/valid-one-language.yaml")
	if err != nil {
		t.Fatal(err)
	}
	def, err := instrument.Parse(data, "valid-one-language.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if def.ID != "acme-feedback" || def.Version != 3 || def.Audience != instrument.AudienceObserver {
		t.Errorf("header = %q v%d %q", def.ID, def.Version, def.Audience)
	}
	if def.Scale.Min != 1 || def.Scale.Max != 6 || len(def.Scale.Labels["en"]) != 6 {
		t.Errorf("scale = %+v", def.Scale)
	}
	if got := def.Title.In("en"); got != "Acme feedback" {
		t.Errorf("title = %q", got)
	}
	l2, _ := def.Item("L2")
	if !l2.Reverse || l2.Type != instrument.Likert || l2.Text["en"] != "Interrupts others." {
		t.Errorf("L2 = %+v", l2)
	}
	s1, _ := def.Item("S1")
	if s1.Type != instrument.SJT || len(s1.Options) != 2 || s1.Options[0].Weight != 3 {
		t.Errorf("S1 = %+v", s1)
	}
	listening, _ := def.Dimension("listening")
	if len(listening.Bands) != 2 || listening.Bands[1].Min != 50 || listening.Bands[0].Feedback["en"] != "Start small." ||
		len(listening.Actions) != 1 {
		t.Errorf("listening = %+v", listening)
	}
	if err := instrument.ContentRules(def, "valid-one-language.yaml"); err == nil {
		t.Error("a 2-item observer dimension passed the built-in content rules")
	}
}

func TestHashIgnoresLayoutButNotContent(t *testing.T) {
	base, err := os.ReadFile("testdata/valid-one-language.yaml")
	if err != nil {
		t.Fatal(err)
	}
	parse := func(s string) *instrument.Definition {
		t.Helper()
		def, err := instrument.Parse([]byte(s), "x.yaml")
		if err != nil {
			t.Fatal(err)
		}
		return def
	}
	h := parse(string(base)).Hash()
	cases := []struct {
		name string
		edit func(string) string
		same bool
	}{
		{"comments and version", func(s string) string {
			return strings.Replace("# hello\n"+s, "version: 3", "version: 4", 1)
		}, true},
		{"plain string as a one-language map", func(s string) string {
			return strings.Replace(s, "title: Acme feedback", "title: {en: \"Acme feedback\"}", 1)
		}, true},
		{"a text", func(s string) string { return strings.Replace(s, "Listens to the end.", "Listens.", 1) }, false},
		{"a weight", func(s string) string { return strings.Replace(s, "weight: 0", "weight: 1", 1) }, false},
		{"a band", func(s string) string { return strings.Replace(s, "min: 50", "min: 60", 1) }, false},
		{"reverse keying", func(s string) string { return strings.Replace(s, ", reverse: true", "", 1) }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			edited := c.edit(string(base))
			if edited == string(base) {
				t.Fatal("the edit changed nothing")
			}
			if got := parse(edited).Hash(); (got == h) != c.same {
				t.Errorf("hash equal = %v, want %v", got == h, c.same)
			}
		})
	}
}

func TestDecodeRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/valid-one-language.yaml")
	if err != nil {
		t.Fatal(err)
	}
	def, err := instrument.Parse(data, "v.yaml")
	if err != nil {
		t.Fatal(err)
	}
	stored, err := encodeJSON(def)
	if err != nil {
		t.Fatal(err)
	}
	back, err := instrument.Decode(stored)
	if err != nil {
		t.Fatal(err)
	}
	if back.Hash() != def.Hash() || back.Version != def.Version {
		t.Error("a definition read back from JSON differs from the parsed one")
	}
}
