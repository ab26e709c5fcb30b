package reports

import (
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

func TestMessageTablesHaveTheSameKeys(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if missing := cat.missing(); len(missing) > 0 {
		t.Fatalf("keys missing or empty: %v", missing)
	}
	for _, lang := range Languages() {
		if len(cat[lang]) < 100 {
			t.Errorf("%s has only %d messages", lang, len(cat[lang]))
		}
	}
}

func TestMissingKeysAreReported(t *testing.T) {
	cat := catalog{"es": {"a": "uno", "b": "dos"}, "en": {"a": "one", "c": " "}}
	want := []string{"en:b", "en:c", "es:c"}
	if got := cat.missing(); !slices.Equal(got, want) {
		t.Errorf("missing = %v, want %v", got, want)
	}
	m := &messages{table: cat["es"]}
	if got := m.T("a"); got != "uno" {
		t.Errorf("T(a) = %q", got)
	}
	m.T("nope")
	if err := m.err(); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("an unknown key is not reported: %v", err)
	}
}

// Keys built from data values must exist for every value the data can hold today.
func TestMessagesForDataValues(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, g := range []string{"organisation", "cohort", "everyone"} {
		keys = append(keys, "group."+g, "group_label."+g)
	}
	for _, s := range []string{"planned", "in_progress", "done", "dropped"} {
		keys = append(keys, "goals.status."+s)
	}
	for _, a := range []string{"helped", "introduced", "attended_event", "followed_up", "shared_content", "asked_for_help"} {
		keys = append(keys, "actions.type."+a)
	}
	for _, lang := range Languages() {
		for _, k := range keys {
			if cat[lang][k] == "" {
				t.Errorf("%s has no %s", lang, k)
			}
		}
	}
}

// The reports' own texts stay within Windows-1252, so that a report needs the UTF-8 font
// fallback only for names and content outside it (see package pdf).
func TestMessagesAreWinAnsi(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for lang, m := range cat {
		for k, s := range m {
			for _, r := range s {
				if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
					t.Errorf("%s %s: %q is not in Windows-1252", lang, k, r)
				}
			}
		}
	}
}

func TestFormat(t *testing.T) {
	es, en := format{lang: Spanish}, format{lang: English}
	d := day(2026, 3, 5)
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 UTC on 30 June is already 1 July in Madrid (summer time, UTC+2).
	lateJune := time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC)
	inMadrid := format{lang: Spanish, zone: madrid}
	for _, c := range []struct{ got, want string }{
		{inMadrid.Date(lateJune), "1 de julio de 2026"},
		{inMadrid.ShortDate(lateJune), "1\u00a0jul\u00a02026"},
		{es.ShortDate(lateJune), "30\u00a0jun\u00a02026"},
		{es.Date(d), "5 de marzo de 2026"},
		{en.Date(d), "5 March 2026"},
		{es.ShortDate(d), "5\u00a0mar\u00a02026"},
		{en.ShortDate(day(2025, 9, 15)), "15\u00a0Sep\u00a02025"},
		{es.Num(72.26, 1), "72,3"},
		{en.Num(72.26, 1), "72.3"},
		{es.Num(1234, 0), "1234"},
		{es.Num(12345.5, 1), "12.345,5"},
		{en.Num(1234, 0), "1,234"},
		{es.Num(-0.04, 1), "0,0"},
		{es.Signed(12, 0), "+12"},
		{es.Signed(-3.4, 0), "-3"},
		{es.Signed(0.2, 0), "0"},
		{es.Percent(62), "62\u00a0%"},
		{en.Percent(62), "62%"},
		{es.Score(nil), "–"},
		{es.Score(ptr(41.7)), "42"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestTextFallsBack(t *testing.T) {
	for _, c := range []struct {
		t    Text
		lang string
		want string
	}{
		{Text{"es": "hola", "en": "hello"}, "en", "hello"},
		{Text{"es": "hola"}, "en", "hola"},
		{Text{"en": "hello"}, "es", "hello"},
		{Text{"fr": "salut", "de": "hallo"}, "es", "hallo"},
		{nil, "es", ""},
	} {
		if got := c.t.In(c.lang); got != c.want {
			t.Errorf("%v.In(%s) = %q, want %q", c.t, c.lang, got, c.want)
		}
	}
}
