package instrument

import (
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	cases := []struct {
		check func(string) bool
		name  string
		in    string
		want  bool
	}{
		{isSlug, "slug", "giving-first", true},
		{isSlug, "slug", "a1-b2", true},
		{isSlug, "slug", "Giving", false},
		{isSlug, "slug", "-a", false},
		{isSlug, "slug", "a-", false},
		{isSlug, "slug", "a--b", false},
		{isSlug, "slug", "a_b", false},
		{isSlug, "slug", "", false},
		{isItemID, "item id", "gf-sjt1", true},
		{isItemID, "item id", "A1", true},
		{isItemID, "item id", "q1.2_b", true},
		{isItemID, "item id", "_x", false},
		{isItemID, "item id", "a b", false},
		{isItemID, "item id", "ñ1", false},
		{isItemID, "item id", strings.Repeat("a", 65), false},
		{isItemID, "item id", strings.Repeat("a", 64), true},
		{isLanguage, "language", "es", true},
		{isLanguage, "language", "pt-BR", true},
		{isLanguage, "language", "ast", true},
		{isLanguage, "language", "english", false},
		{isLanguage, "language", "EN", false},
		{isLanguage, "language", "en-", false},
		{isLanguage, "language", "e", false},
	}
	for _, c := range cases {
		if got := c.check(c.in); got != c.want {
			t.Errorf("%s %q: %v, want %v", c.name, c.in, got, c.want)
		}
	}
	if line, reason, ok := yamlLine("yaml: line 12: did not find expected key"); !ok || line != 12 || reason != "did not find expected key" {
		t.Errorf("yamlLine = %d %q %v", line, reason, ok)
	}
	if _, _, ok := yamlLine("yaml: unmarshal errors:"); ok {
		t.Error("yamlLine accepted a message without a line")
	}
}
