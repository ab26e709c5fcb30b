package courses

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// DefaultLanguage is the source language of all content, used when a text lacks the
// reader's language.
const DefaultLanguage = "es"

// languages returns the languages every built-in text must have, default first.
func languages() []string { return []string{"es", "en"} }

// Text is a text in several languages, keyed by language code ("es", "en"). It is stored
// as a JSON object.
type Text map[string]string

// In returns the text in lang, falling back to Spanish and then to "".
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	return t[DefaultLanguage]
}

// Value stores the text as JSON.
func (t Text) Value() (driver.Value, error) {
	if t == nil {
		return "{}", nil
	}
	b, err := json.Marshal(map[string]string(t))
	return string(b), err
}

// Scan reads a text stored as JSON.
func (t *Text) Scan(src any) error { return scanJSON(src, t) }

// stringList is a list of strings stored as a JSON array.
type stringList []string

// Value stores the list as JSON.
func (l stringList) Value() (driver.Value, error) {
	if l == nil {
		return "[]", nil
	}
	b, err := json.Marshal([]string(l))
	return string(b), err
}

// Scan reads a list stored as JSON.
func (l *stringList) Scan(src any) error { return scanJSON(src, l) }

// scanJSON decodes a JSON column (TEXT on both databases) into dst.
func scanJSON(src, dst any) error {
	switch v := src.(type) {
	case nil:
		return nil
	case string:
		return json.Unmarshal([]byte(v), dst)
	case []byte:
		return json.Unmarshal(v, dst)
	default:
		return fmt.Errorf("courses: cannot scan %T as JSON", src)
	}
}
