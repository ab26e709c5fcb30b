package reports

import (
	"slices"

	"github.com/academy-platform/academy/internal/errs"
)

// The report languages; the first is the default.
const (
	Spanish = "es"
	English = "en"
)

// Languages lists the languages a report can be written in.
func Languages() []string { return []string{Spanish, English} }

// checkLang validates a report language; "" means Spanish.
func checkLang(lang string) (string, error) {
	if lang == "" {
		return Spanish, nil
	}
	if !slices.Contains(Languages(), lang) {
		return "", errs.Invalid("lang", "oneof", "es en")
	}
	return lang, nil
}

// Text is a text in several languages, keyed by language code, as the content (instrument
// files, modules) provides it.
type Text map[string]string

// In returns the text in lang, else in Spanish, else in English, else in the first other
// language by code, else "".
func (t Text) In(lang string) string {
	for _, l := range []string{lang, Spanish, English} {
		if s := t[l]; s != "" {
			return s
		}
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if t[k] != "" {
			return t[k]
		}
	}
	return ""
}
