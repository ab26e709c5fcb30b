package instrument

import (
	"strconv"
	"strings"
)

// reservedColumns are the names, space-separated, that an item id may not take (compared
// case-insensitively) because response imports use them for the respondent's identifier.
const reservedColumns = "email external_id"

// maxItemID is the longest item id: ids become CSV column names.
const maxItemID = 64

// isSlug reports whether s is lower-case letters and digits in words joined by single
// hyphens.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// isItemID reports whether s is ASCII letters, digits, '-', '_' or '.', starting with a
// letter or digit, at most maxItemID long.
func isItemID(s string) bool {
	if s == "" || len(s) > maxItemID || !isAlnum(rune(s[0])) {
		return false
	}
	for _, r := range s {
		if !isAlnum(r) && r != '-' && r != '_' && r != '.' {
			return false
		}
	}
	return true
}

// isLanguage reports whether s is a language code: 2 or 3 lower-case letters, optionally
// followed by one subtag of 2 to 8 letters or digits ("es", "en", "pt-BR").
func isLanguage(s string) bool {
	lang, region, hasRegion := strings.Cut(s, "-")
	if len(lang) < 2 || len(lang) > 3 {
		return false
	}
	for _, r := range lang {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	if !hasRegion {
		return true
	}
	if len(region) < 2 || len(region) > 8 {
		return false
	}
	for _, r := range region {
		if !isAlnum(r) {
			return false
		}
	}
	return true
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// yamlLine splits a yaml.v3 message "yaml: line N: reason" into N and reason.
func yamlLine(msg string) (int, string, bool) {
	rest, ok := strings.CutPrefix(msg, "yaml: line ")
	if !ok {
		return 0, "", false
	}
	num, reason, ok := strings.Cut(rest, ": ")
	line, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, "", false
	}
	return line, reason, true
}
