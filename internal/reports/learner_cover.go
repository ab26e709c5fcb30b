package reports

import (
	"strings"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// coverPanel is the height of the coloured panel at the top of a cover.
const coverPanel = 112.0

// cover draws the first page: the brand, the report's title, the learner and organisation,
// and the facts of the assessment.
func (lr *learnerReport) cover() {
	d, th, data := lr.d, lr.th, lr.data
	d.AddPage()
	pageW, pageH := d.PageSize()
	white := th.white
	d.Rect(0, 0, pageW, coverPanel, pdf.Filled(th.accent))
	lr.coverBrand(white)

	eyebrow := pdf.Font{Style: pdf.Bold, Size: 9, Color: white}
	d.Text(eyebrow, d.Left(), 62, 0, strings.ToUpper(lr.T("learner.cover.eyebrow")), pdf.AlignLeft)
	title := pdf.Font{Style: pdf.Bold, Size: 30, Color: white}
	lines := d.Truncate(title, d.Wrap(title, lr.T("learner.cover.title"), d.Width()), 2, d.Width())
	y := 68.0
	d.Lines(title, d.Left(), y, d.Width(), title.LineHeight(), lines, pdf.AlignLeft)
	y += float64(len(lines)) * title.LineHeight()
	if a := data.Assessment; a != nil {
		sub := pdf.Font{Size: 12, Color: white}
		s := lr.T("learner.cover.instrument", "title", a.Title.In(lr.lang), "version", lr.f.Int(a.Version))
		sl := d.Truncate(sub, d.Wrap(sub, s, d.Width()), 2, d.Width())
		d.Lines(sub, d.Left(), y+2, d.Width(), sub.LineHeight(), sl, pdf.AlignLeft)
	}

	// The person.
	name := pdf.Font{Style: pdf.Bold, Size: 24, Color: th.ink}
	nl := d.Truncate(name, d.Wrap(name, data.Learner.Name, d.Width()), 3, d.Width())
	y = coverPanel + 22
	y += d.Lines(name, d.Left(), y, d.Width(), name.LineHeight(), nl, pdf.AlignLeft)
	if data.Organisation.Name != "" {
		org := pdf.Font{Size: 13, Color: th.muted}
		ol := d.Truncate(org, d.Wrap(org, data.Organisation.Name, d.Width()), 2, d.Width())
		y += 1 + d.Lines(org, d.Left(), y+1, d.Width(), org.LineHeight(), ol, pdf.AlignLeft)
	}
	lr.coverFacts(y + 14)

	// Confidentiality.
	note := d.Wrap(th.small, lr.T("learner.cover.confidential"), d.Width())
	top := pageH - 22 - float64(len(note))*th.small.LineHeight()
	d.Line(d.Left(), top-4, d.Right(), top-4, pdf.Stroked(th.line, 0.3))
	d.Lines(th.small, d.Left(), top, d.Width(), th.small.LineHeight(), note, pdf.AlignLeft)
}

// coverBrand draws the logo on a white tile, or the brand's name, in the panel.
func (lr *learnerReport) coverBrand(white pdf.Color) {
	d := lr.d
	if logo := lr.brand.Logo; logo != nil {
		d.RoundRect(d.Left(), 14, 52, 22, 2, pdf.Filled(white))
		d.Image("logo", logo.Data, logo.Kind, d.Left()+3, 17, 46, 16, pdf.AlignCenter)
		return
	}
	brand := pdf.Font{Style: pdf.Bold, Size: 14, Color: white}
	d.Text(brand, d.Left(), 24, 0, lr.brand.Name, pdf.AlignLeft)
}

// coverFacts is the label/value list of the report's facts, with an accent rule.
func (lr *learnerReport) coverFacts(top float64) {
	d, th, data := lr.d, lr.th, lr.data
	type fact struct{ label, value string }
	facts := []fact{{lr.T("learner.cover.date"), lr.f.Date(data.GeneratedAt)}}
	if a := data.Assessment; a != nil {
		facts = append(facts,
			fact{lr.T("learner.cover.taken"), lr.f.Date(a.SubmittedAt)},
			fact{lr.T("learner.cover.instrument_label"), lr.T("learner.cover.instrument_value",
				"title", a.Title.In(lr.lang), "version", lr.f.Int(a.Version))},
			fact{lr.T("learner.cover.group"), lr.msg.Or("group_label."+a.Group, a.Group)})
	} else {
		facts = append(facts, fact{lr.T("learner.cover.taken"), lr.T("learner.cover.not_taken")})
	}
	if g := data.Growth; g != nil && len(g.Attempts) > 1 {
		facts = append(facts, fact{lr.T("learner.cover.attempts"), lr.f.Int(len(g.Attempts))})
	}
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
