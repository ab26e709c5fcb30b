package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// The colour tokens of the web stylesheet (web/static/academy.css), which pass WCAG AA on
// white.
const (
	colorInk      = "#1b2430"
	colorMuted    = "#4f5b6a"
	colorLine     = "#d5dbe3"
	colorWash     = "#f4f6f9"
	colorOK       = "#1e6b3a"
	colorWarn     = "#7a4a00"
	colorObserver = "#8a5a00" // the radar's second series
)

// theme is the palette and the type scale of a document.
type theme struct {
	accent, ink, muted, line, wash, white, ok, warn, observer pdf.Color

	h1, h2, h3, body, bodyBold, small, smallBold, caption pdf.Font
	tableHead, tableBody, tableBold, tableNote            pdf.Font
}

func newTheme(accent pdf.Color) theme {
	ink, muted := pdf.MustHex(colorInk), pdf.MustHex(colorMuted)
	return theme{
		accent: accent, ink: ink, muted: muted, line: pdf.MustHex(colorLine), wash: pdf.MustHex(colorWash),
		white: pdf.Color{R: 255, G: 255, B: 255}, ok: pdf.MustHex(colorOK), warn: pdf.MustHex(colorWarn),
		observer: pdf.MustHex(colorObserver),

		h1:        pdf.Font{Style: pdf.Bold, Size: 18, Color: accent},
		h2:        pdf.Font{Style: pdf.Bold, Size: 12.5, Color: ink},
		h3:        pdf.Font{Style: pdf.Bold, Size: 10.5, Color: ink},
		body:      pdf.Font{Size: 10, Color: ink},
		bodyBold:  pdf.Font{Style: pdf.Bold, Size: 10, Color: ink},
		small:     pdf.Font{Size: 8.5, Color: muted},
		smallBold: pdf.Font{Style: pdf.Bold, Size: 8.5, Color: ink},
		caption:   pdf.Font{Size: 7.5, Color: muted},
		tableHead: pdf.Font{Style: pdf.Bold, Size: 8.5, Color: ink},
		tableBody: pdf.Font{Size: 9, Color: ink},
		tableBold: pdf.Font{Style: pdf.Bold, Size: 9, Color: ink},
		tableNote: pdf.Font{Size: 7.5, Color: muted},
	}
}

// table returns a table with the theme's fonts and colours.
func (th theme) table(label string, cols ...pdf.Column) pdf.Table {
	stripe := th.wash
	return pdf.Table{Label: label, Columns: cols, Head: th.tableHead, Body: th.tableBody, Note: th.tableNote,
		HeadFill: th.accent.Tint(0.88), Rule: th.line, Stripe: &stripe, PadX: 2, PadY: 2}
}
