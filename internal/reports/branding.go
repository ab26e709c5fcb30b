package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// Academy's own branding, used unless an organisation has its own.
const (
	DefaultBrandName = "Academy"
	// DefaultAccent is the web's --brand token: 8.6:1 on white.
	DefaultAccent = "#1d4e89"
	// minAccentContrast is WCAG AA for normal text on white.
	minAccentContrast = 4.5
)

// Branding is whose name, colour and logo a document carries. Zero fields fall back to
// the Renderer's defaults (Academy's).
type Branding struct {
	// Name presents the report ("Academy", or a consultancy's or client's name).
	Name string
	// Accent is a "#rrggbb" colour for headings and charts; ignored unless it has AA
	// contrast (4.5:1) against white.
	Accent string
	// Logo, when set, is drawn on covers and certificates.
	Logo *Logo
}

// Logo is an image already validated and re-encoded by its uploader (type sniffed from
// the bytes, size and pixel limits): reports draw it as given.
type Logo struct {
	Data []byte
	// Kind is pdf.PNG or pdf.JPEG.
	Kind pdf.ImageKind
}

// DefaultBranding is Academy's.
func DefaultBranding() Branding {
	return Branding{Name: DefaultBrandName, Accent: DefaultAccent}
}

// over returns b with its empty fields taken from base.
func (b Branding) over(base Branding) Branding {
	if b.Name == "" {
		b.Name = base.Name
	}
	if _, ok := accentColor(b.Accent); !ok {
		b.Accent = base.Accent
	}
	if b.Logo == nil || len(b.Logo.Data) == 0 {
		b.Logo = base.Logo
	}
	return b
}

// accentColor parses an accent and checks its contrast on white.
func accentColor(s string) (pdf.Color, bool) {
	c, err := pdf.Hex(s)
	if err != nil || pdf.Contrast(c, pdf.Color{R: 255, G: 255, B: 255}) < minAccentContrast {
		return pdf.Color{}, false
	}
	return c, true
}
