package reports

import (
	"strings"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// coverPanel is the height of the coloured panel at the top of a cover.
const coverPanel = 112.0

// coverSpec is what a report's cover shows.
type coverSpec struct {
	// eyebrow, title and subtitle are in the panel; subtitle may be "".
	eyebrow, title, subtitle string
	// name is the person or group the report is about, organisation under it (may be "").
	name, organisation string
	facts              []fact
	// note is the confidentiality note at the bottom.
	note string
}

// fact is one line of a cover's facts.
type fact struct{ label, value string }

// cover draws a report's first page: the brand, the report's title, whom it is about and
// its facts, and a note at the bottom.
func (b *builder) cover(c coverSpec) {
	d, th := b.d, b.th
	d.AddPage()
	pageW, pageH := d.PageSize()
	white := th.white
	d.Rect(0, 0, pageW, coverPanel, pdf.Filled(th.accent))
	b.coverBrand(white)

	eyebrow := pdf.Font{Style: pdf.Bold, Size: 9, Color: white}
	d.Text(eyebrow, d.Left(), 62, 0, strings.ToUpper(c.eyebrow), pdf.AlignLeft)
	title := pdf.Font{Style: pdf.Bold, Size: 30, Color: white}
	lines := d.Truncate(title, d.Wrap(title, c.title, d.Width()), 2, d.Width())
	y := 68.0
	d.Lines(title, d.Left(), y, d.Width(), title.LineHeight(), lines, pdf.AlignLeft)
	y += float64(len(lines)) * title.LineHeight()
	if c.subtitle != "" {
		sub := pdf.Font{Size: 12, Color: white}
		sl := d.Truncate(sub, d.Wrap(sub, c.subtitle, d.Width()), 2, d.Width())
		d.Lines(sub, d.Left(), y+2, d.Width(), sub.LineHeight(), sl, pdf.AlignLeft)
	}

	// Whom the report is about.
	name := pdf.Font{Style: pdf.Bold, Size: 24, Color: th.ink}
	nl := d.Truncate(name, d.Wrap(name, c.name, d.Width()), 3, d.Width())
	y = coverPanel + 22
	y += d.Lines(name, d.Left(), y, d.Width(), name.LineHeight(), nl, pdf.AlignLeft)
	if c.organisation != "" {
		org := pdf.Font{Size: 13, Color: th.muted}
		ol := d.Truncate(org, d.Wrap(org, c.organisation, d.Width()), 2, d.Width())
		y += 1 + d.Lines(org, d.Left(), y+1, d.Width(), org.LineHeight(), ol, pdf.AlignLeft)
	}
	b.coverFacts(y+14, c.facts)

	// Confidentiality.
	note := d.Wrap(th.small, c.note, d.Width())
	top := pageH - 22 - float64(len(note))*th.small.LineHeight()
	d.Line(d.Left(), top-4, d.Right(), top-4, pdf.Stroked(th.line, 0.3))
	d.Lines(th.small, d.Left(), top, d.Width(), th.small.LineHeight(), note, pdf.AlignLeft)
}

// coverBrand draws the logo on a white tile, or the brand's name, in the panel.
func (b *builder) coverBrand(white pdf.Color) {
	d := b.d
	if logo := b.brand.Logo; logo != nil {
		d.RoundRect(d.Left(), 14, 52, 22, 2, pdf.Filled(white))
		d.Image("logo", logo.Data, logo.Kind, d.Left()+3, 17, 46, 16, pdf.AlignCenter)
		return
	}
	brand := pdf.Font{Style: pdf.Bold, Size: 14, Color: white}
	d.Text(brand, d.Left(), 24, 0, b.brand.Name, pdf.AlignLeft)
}

// coverFacts is the label/value list of the report's facts, with an accent rule.
func (b *builder) coverFacts(top float64, facts []fact) {
	d, th := b.d, b.th
	labelW := 48.0
	valueW := d.Width() - labelW - 6
	y := top
	for _, f := range facts {
		vl := d.Truncate(th.bodyBold, d.Wrap(th.bodyBold, f.value, valueW), 2, valueW)
		lh := th.bodyBold.LineHeight()
		d.Text(th.small, d.Left()+6, pdf.Baseline(th.bodyBold, y, lh), labelW, f.label, pdf.AlignLeft)
		y += d.Lines(th.bodyBold, d.Left()+6+labelW, y, valueW, lh, vl, pdf.AlignLeft) + 2.5
	}
	d.Rect(d.Left(), top, 1.2, y-top-2.5, pdf.Filled(th.accent))
}
