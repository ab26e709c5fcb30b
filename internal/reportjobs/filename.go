package reportjobs

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxNameLen bounds the part of a file name before its extension.
const maxNameLen = 80

// Filename makes a safe download name from free text (a person's, a cohort's name): the
// letters and digits of its words without their accents, in lower case, joined by
// hyphens, at most 80 characters, then "." and ext. Only ASCII letters, digits and
// hyphens remain, so no path, quote or control character can get through.
func Filename(text, ext string) string {
	var b strings.Builder
	gap := false
	for _, r := range norm.NFKD.String(text) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			gap = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r): // an accent, separated from its letter by NFKD
		default:
			gap = true
		}
	}
	name := b.String()
	if len(name) > maxNameLen {
		name = strings.TrimRight(name[:maxNameLen], "-")
	}
	if name == "" {
		name = "academy"
	}
	return name + "." + ext
}

// Attachment is the Content-Disposition value that offers name, made by Filename, as a
// download. Any character Filename would not have made is dropped, to be sure.
func Attachment(name string) string {
	safe := strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.') {
			return r
		}
		return -1
	}, name)
	return `attachment; filename="` + strings.TrimLeft(safe, ".") + `"`
}
