package reports

import (
	"math"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// profile draws the radar of the self-assessment (and of the observers, when their
// results may be shown) with a short summary of strengths and priorities.
func (lr *learnerReport) profile() {
	a := lr.data.Assessment
	if a == nil {
		lr.section(lr.T("profile.title"), lr.T("profile.none"))
		return
	}
	lr.section(lr.T("profile.title"), lr.T("profile.intro", "date", lr.f.Date(a.SubmittedAt),
		"count", lr.f.Int(len(a.Dimensions))))
	axes := make([]radarAxis, len(a.Dimensions))
	self := radarSeries{color: lr.th.accent}
	for i, dim := range a.Dimensions {
		axes[i] = radarAxis{name: dim.Name.In(lr.lang), detail: lr.T("profile.not_scored")}
		v := math.NaN()
		if dim.Score != nil {
			v = *dim.Score
			axes[i].detail = lr.f.Score(dim.Score)
			if dim.Band != nil {
				axes[i].detail += " · " + dim.Band.Label.In(lr.lang)
			}
		}
		self.values = append(self.values, v)
	}
	series := []radarSeries{self}
	observers := lr.observerSeries(a)
	if observers != nil {
		series = append(series, *observers)
	}
	lr.d.Space(2)
	lr.d.Block("chart", "radar", radarHeight(), func(top float64) { lr.drawRadar(top, axes, series) })
	lr.radarLegend(observers != nil)
	lr.focusSummary()
}

// observerSeries is the observers' means, when the 360 results may be shown.
func (lr *learnerReport) observerSeries(a *Assessment) *radarSeries {
	f := lr.data.Feedback360
	if f == nil || !f.Shown {
		return nil
	}
	others := map[string]*float64{}
	for _, d := range f.Dimensions {
		others[d.Slug] = d.Others
	}
	s := radarSeries{color: lr.th.observer, dashed: true}
	seen := false
	for _, dim := range a.Dimensions {
		v := math.NaN()
		if o := others[dim.Slug]; o != nil {
			v, seen = *o, true
		}
		s.values = append(s.values, v)
	}
	if !seen {
		return nil
	}
	return &s
}

// radarLegend names the series under the chart.
func (lr *learnerReport) radarLegend(observers bool) {
	d, th := lr.d, lr.th
	type entry struct {
		label  string
		color  pdf.Color
		dashed bool
	}
	entries := []entry{{lr.T("profile.legend_self"), th.accent, false}}
	if observers {
		entries = append(entries, entry{lr.T("profile.legend_observers", "n", lr.f.Int(lr.data.Feedback360.Answered)), th.observer, true})
	}
	width := 0.0
	for _, e := range entries {
		width += 10 + d.TextWidth(th.small, e.label) + 8
	}
	d.Block("legend", "radar", 7, func(top float64) {
		x := d.Left() + (d.Width()-width)/2
		y := top + 3
		for _, e := range entries {
			p := pdf.Stroked(e.color, 0.6)
			if e.dashed {
				p.Dash = []float64{1.6, 1.1}
			}
			d.Line(x, y, x+8, y, p)
			d.Text(th.small, x+10, y+1.1, 0, e.label, pdf.AlignLeft)
			x += 10 + d.TextWidth(th.small, e.label) + 8
		}
	})
	d.Space(4)
}

// focusSummary lists strengths and priorities side by side under the radar.
func (lr *learnerReport) focusSummary() {
	d, th := lr.d, lr.th
	a := lr.data.Assessment
	if len(lr.strengths) == 0 {
		return
	}
	colW := (d.Width() - 8) / 2
	list := func(idx []int) [][]string {
		out := make([][]string, len(idx))
		for i, k := range idx {
			dim := a.Dimensions[k]
			out[i] = d.Wrap(th.body, dim.Name.In(lr.lang)+" · "+lr.f.Score(dim.Score), colW-12)
		}
		return out
	}
	left, right := list(lr.strengths), list(lr.priorities)
	height := func(items [][]string) float64 {
		h := 0.0
		for _, it := range items {
			h += float64(len(it))*th.body.LineHeight() + 1.5
		}
		return h
	}
	h := 14 + max(height(left), height(right))
	d.Block("summary", "focus", h, func(top float64) {
		draw := func(x float64, title string, items [][]string, c pdf.Color) {
			d.RoundRect(x, top, colW, h, 2, pdf.Filled(th.wash))
			d.Rect(x, top, 1.4, h, pdf.Filled(c))
			d.Text(th.h3, x+6, top+7, 0, title, pdf.AlignLeft)
			y := top + 10
			for _, it := range items {
				d.Circle(x+7.3, y+th.body.LineHeight()/2, 0.7, pdf.Filled(c))
				y += d.Lines(th.body, x+10, y, colW-12, th.body.LineHeight(), it, pdf.AlignLeft) + 1.5
			}
		}
		draw(d.Left(), lr.T("focus.strengths"), left, th.ok)
		if len(right) > 0 {
			draw(d.Left()+colW+8, lr.T("focus.priorities"), right, th.accent)
		}
	})
}
