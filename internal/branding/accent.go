package branding

import (
	"strings"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// MinAccentContrast is WCAG AA for normal text: the accent against white.
const MinAccentContrast = 4.5

// prepareAccent checks an accent colour and returns it as "#rrggbb" in lower case; ""
// stays "" (Academy's colour). Problems are validation errors on the field "accent".
func prepareAccent(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if !strings.HasPrefix(s, "#") || len(s) != 7 {
		return "", errs.Invalid("accent", "accent_format", "")
	}
	c, err := pdf.Hex(s)
	if err != nil {
		return "", errs.Invalid("accent", "accent_format", "")
	}
	if pdf.Contrast(c, pdf.Color{R: 255, G: 255, B: 255}) < MinAccentContrast {
		return "", errs.Invalid("accent", "accent_contrast", "")
	}
	return c.String(), nil
}

// Colours returns the accent as "#rrggbb" and a darker shade of it for hover states;
// ok is false for "" and anything that is not a colour.
func Colours(accent string) (brand, dark string, ok bool) {
	c, err := pdf.Hex(accent)
	if err != nil {
		return "", "", false
	}
	return c.String(), c.Shade(0.3).String(), true
}
