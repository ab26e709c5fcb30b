package reports

import (
	"time"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// Small multiples: panels per row, their gap and height.
const (
	growthCols   = 4
	growthGap    = 6.0
	growthPanelH = 40.0
)

// growth draws the scores over the attempts: a small chart per dimension with reliable
// changes marked, a legend, and a table of first, previous and latest scores with the
// change and the reliable change index.
func (lr *learnerReport) growth() {
	g := lr.data.Growth
	if lr.data.Assessment == nil {
		return
	}
	if g == nil || len(g.Attempts) < 2 {
		lr.section(lr.T("growth.title"), lr.T("growth.none"))
		return
	}
	first, last := g.Attempts[0].SubmittedAt, g.Attempts[len(g.Attempts)-1].SubmittedAt
	lr.section(lr.T("growth.title"), lr.T("growth.intro", "count", lr.f.Int(len(g.Attempts)),
		"first", lr.f.Date(first), "last", lr.f.Date(last)))
	dates := make([]time.Time, len(g.Attempts))
	for i, a := range g.Attempts {
		dates[i] = a.SubmittedAt
	}
	var thresholds []float64
	if dims := lr.data.Assessment.Dimensions; len(dims) > 0 {
		for _, b := range dims[0].Bands {
			thresholds = append(thresholds, b.Min)
		}
	}
	d := lr.d
	panelW := (d.Width() - growthGap*(growthCols-1)) / growthCols
	d.Space(2)
	for start := 0; start < len(g.Dimensions); start += growthCols {
		row := g.Dimensions[start:min(start+growthCols, len(g.Dimensions))]
		d.Block("chart", "growth-"+row[0].Slug, growthPanelH, func(top float64) {
			for i, dg := range row {
				x := d.Left() + float64(i)*(panelW+growthGap)
				lr.growthPanel(x, top, panelW, growthPanelH-4, lr.names[dg.Slug], dates, dg, thresholds)
			}
		})
	}
	lr.growthLegend()
	lr.growthTable(g)
	lr.note(lr.T("growth.note_rci"))
}

// growthLegend explains the markers.
func (lr *learnerReport) growthLegend() {
	d, th := lr.d, lr.th
	items := []struct {
		label string
		g     DimensionGrowth
	}{
		{lr.T("growth.legend_up"), DimensionGrowth{Reliable: true, Change: ptr(1.0)}},
		{lr.T("growth.legend_down"), DimensionGrowth{Reliable: true, Change: ptr(-1.0)}},
		{lr.T("growth.legend_same"), DimensionGrowth{}},
	}
	d.Block("legend", "growth", 8, func(top float64) {
		x := d.Left()
		for _, it := range items {
			lr.changeMarker(pdf.Point{X: x + 2, Y: top + 3.5}, it.g)
			d.Text(th.small, x+5.5, top+4.6, 0, it.label, pdf.AlignLeft)
			x += 5.5 + d.TextWidth(th.small, it.label) + 8
		}
	})
	d.Space(2)
}

// growthTable lists first, previous and latest scores with the change since the first
// attempt and its reliability.
func (lr *learnerReport) growthTable(g *Growth) {
	th := lr.th
	n := len(g.Attempts)
	head := func(key string, i int) string {
		return lr.T(key) + "\n" + lr.f.ShortDate(g.Attempts[i].SubmittedAt)
	}
	cols := []pdf.Column{{Title: lr.T("growth.col_dimension"), Width: 44},
		{Title: head("growth.col_first", 0), Width: 22, Align: pdf.AlignRight}}
	if n > 2 {
		cols = append(cols, pdf.Column{Title: head("growth.col_previous", n-2), Width: 22, Align: pdf.AlignRight})
	}
	cols = append(cols,
		pdf.Column{Title: head("growth.col_latest", n-1), Width: 22, Align: pdf.AlignRight},
		pdf.Column{Title: lr.T("growth.col_change"), Width: 16, Align: pdf.AlignRight},
		pdf.Column{Title: lr.T("growth.col_rci"), Width: 12, Align: pdf.AlignRight})
	used := 0.0
	for _, c := range cols {
		used += c.Width
	}
	cols = append(cols, pdf.Column{Title: lr.T("growth.col_result"), Width: lr.d.Width() - used})
	lr.h2(lr.T("growth.table_title"), 30)
	t := th.table("growth", cols...)
	t.PadY = 1.6
	for _, dg := range g.Dimensions {
		score := func(i int) pdf.Cell {
			if i < len(dg.Scores) {
				return pdf.Cell{Text: lr.f.Score(dg.Scores[i])}
			}
			return pdf.Cell{Text: "–"}
		}
		cells := []pdf.Cell{{Text: lr.names[dg.Slug], Font: &th.tableBold}, score(0)}
		if n > 2 {
			cells = append(cells, score(n-2))
		}
		latest := score(n - 1)
		latest.Font = &th.tableBold
		change, rci := pdf.Cell{Text: "–"}, pdf.Cell{Text: "–"}
		if dg.Change != nil {
			change.Text = lr.f.Signed(*dg.Change, 0)
		}
		if dg.RCI != nil {
			rci.Text = lr.f.Num(*dg.RCI, 2)
		}
		cells = append(cells, latest, change, rci, lr.changeVerdict(dg))
		t.Rows = append(t.Rows, pdf.Row{Label: dg.Slug, Cells: cells})
	}
	lr.d.Table(t)
	lr.d.Space(3)
}

// changeVerdict says in words what a change means.
func (lr *learnerReport) changeVerdict(dg DimensionGrowth) pdf.Cell {
	th := lr.th
	switch {
	case dg.Change == nil:
		return pdf.Cell{Text: lr.T("growth.verdict_missing"), Font: &th.tableNote}
	case dg.RCI == nil:
		return pdf.Cell{Text: lr.T("growth.verdict_no_rci"), Font: &th.tableNote}
	case dg.Reliable && *dg.Change > 0:
		f := pdf.Font{Style: pdf.Bold, Size: th.tableBody.Size, Color: th.ok}
		return pdf.Cell{Text: lr.T("growth.verdict_up"), Font: &f}
	case dg.Reliable:
		f := pdf.Font{Style: pdf.Bold, Size: th.tableBody.Size, Color: th.warn}
		return pdf.Cell{Text: lr.T("growth.verdict_down"), Font: &f}
	}
	return pdf.Cell{Text: lr.T("growth.verdict_same")}
}

func ptr[T any](v T) *T { return &v }
