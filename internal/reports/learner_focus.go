package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// maxActions is how many of a dimension's suggested actions a priority card lists.
const maxActions = 3

// focus draws a card per strength (band feedback) and per development priority (band
// feedback and the instrument's concrete actions).
func (lr *learnerReport) focus() {
	a := lr.data.Assessment
	if a == nil || len(lr.strengths) == 0 {
		return
	}
	lr.section(lr.T("focus.title"), lr.T("focus.intro"))
	lr.cards(lr.T("focus.strengths"), lr.T("focus.strengths_intro"), lr.strengths, lr.th.ok, false)
	lr.cards(lr.T("focus.priorities"), lr.T("focus.priorities_intro"), lr.priorities, lr.th.accent, true)
}

// cards draws a titled group of dimension cards; the title and introduction stay on the
// page of the first card.
func (lr *learnerReport) cards(title, intro string, dims []int, color pdf.Color, withActions bool) {
	if len(dims) == 0 {
		return
	}
	cards := make([]card, len(dims))
	for i, k := range dims {
		cards[i] = lr.measureCard(lr.data.Assessment.Dimensions[k], color, withActions)
	}
	lr.h2(title, lr.paraHeight(intro)+cards[0].h)
	lr.para(intro)
	for _, c := range cards {
		lr.d.Block("card", c.dim.Slug, c.h, c.draw)
		lr.d.Space(4)
	}
}

// card is a measured dimension card.
type card struct {
	dim  Dimension
	h    float64
	draw func(top float64)
}

// measureCard lays out one dimension's card: name and band, description, band feedback
// and, for priorities, the first suggested actions.
func (lr *learnerReport) measureCard(dim Dimension, color pdf.Color, withActions bool) card {
	d, th := lr.d, lr.th
	const pad, bar = 5.0, 1.6
	x := d.Left()
	iw := d.Width() - bar - 2*pad
	badge := lr.f.Score(dim.Score)
	if dim.Band != nil {
		badge += " · " + dim.Band.Label.In(lr.lang)
	}
	badgeFont := pdf.Font{Style: pdf.Bold, Size: 9, Color: color}
	badgeW := d.TextWidth(badgeFont, badge)
	title := d.Wrap(th.h3, dim.Name.In(lr.lang), iw-badgeW-6)
	var desc []string // priorities explain the dimension; strengths need no introduction
	if withActions {
		desc = d.Wrap(th.small, dim.Description.In(lr.lang), iw)
	}
	var feedback []string
	if dim.Band != nil {
		feedback = d.Wrap(th.body, dim.Band.Feedback.In(lr.lang), iw)
	}
	var actions []string
	for _, act := range dim.Actions {
		if len(actions) < maxActions && withActions {
			actions = append(actions, act.In(lr.lang))
		}
	}
	actionLines, actionsH := lr.bulletBlock(th.body, actions, iw)

	h := pad + float64(len(title))*th.h3.LineHeight() + 1
	h += float64(len(desc)) * th.small.LineHeight()
	h += 2 + float64(len(feedback))*th.body.LineHeight()
	if len(actions) > 0 {
		h += 3 + th.smallBold.LineHeight() + 1 + actionsH
	}
	h += pad - 1
	return card{dim: dim, h: h, draw: func(top float64) {
		d.RoundRect(x, top, d.Width(), h, 1.5, pdf.FilledStroked(th.white, th.line, 0.3))
		d.Rect(x, top, bar, h, pdf.Filled(color))
		cx := x + bar + pad
		y := top + pad
		d.Text(badgeFont, cx, pdf.Baseline(th.h3, y, th.h3.LineHeight()), iw, badge, pdf.AlignRight)
		y += d.Lines(th.h3, cx, y, iw, th.h3.LineHeight(), title, pdf.AlignLeft) + 1
		y += d.Lines(th.small, cx, y, iw, th.small.LineHeight(), desc, pdf.AlignLeft) + 2
		y += d.Lines(th.body, cx, y, iw, th.body.LineHeight(), feedback, pdf.AlignLeft)
		if len(actions) > 0 {
			y += 3
			d.Text(th.smallBold, cx, pdf.Baseline(th.smallBold, y, th.smallBold.LineHeight()), 0, lr.T("focus.actions"), pdf.AlignLeft)
			y += th.smallBold.LineHeight() + 1
			lr.drawBullets(th.body, color, actionLines, cx, y, iw)
		}
	}}
}
