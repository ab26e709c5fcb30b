package ui

import (
	"html/template"
	"math"

	"github.com/academy-platform/academy/internal/charts"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/web"
)

// feedbackRow is one dimension of the 360 table: the self score beside the mean of all
// observers and of each relationship group that may be shown. Every number is a mean over
// at least three observers (package threesixty's rules); nothing belongs to one observer.
type feedbackRow struct {
	Slug      string
	Name      string
	Self      *float64
	Observers *float64 // nil: fewer than three observers scored the dimension
	N         int
	// Groups has one entry per column of the table; nil where this dimension does not show
	// the group (its observers are counted in another column).
	Groups []*threesixty.GroupMean
	Gap    *float64
}

// groupColumns lists the relationship groups that any dimension shows, in display order,
// with the merged group ("others") last.
func groupColumns(dims []development.Dimension360) []threesixty.Relationship {
	shown := map[threesixty.Relationship]bool{}
	for _, d := range dims {
		for _, g := range d.Observers.Groups {
			shown[g.Relationship] = true
		}
	}
	var out []threesixty.Relationship
	for _, rel := range append(threesixty.Relationships(), threesixty.Others) {
		if shown[rel] {
			out = append(out, rel)
		}
	}
	return out
}

// feedbackRows lines the dimensions up with the group columns, names in lang.
func feedbackRows(dims []development.Dimension360, cols []threesixty.Relationship, lang string) []feedbackRow {
	rows := make([]feedbackRow, 0, len(dims))
	for _, d := range dims {
		r := feedbackRow{Slug: d.Slug, Name: d.Name.In(lang, web.Languages...), Self: d.Self,
			Observers: d.Observers.Mean, N: d.Observers.N, Gap: d.Gap, Groups: make([]*threesixty.GroupMean, len(cols))}
		for i, rel := range cols {
			for _, g := range d.Observers.Groups {
				if g.Relationship == rel {
					r.Groups[i] = &g
				}
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// pageRadar is the geometry of the radar charts on pages: rings every 20 points, room at
// the sides for labels of two or three lines, less above and below.
func pageRadar() charts.Radar {
	return charts.Radar{Size: 560, Margin: 148, Trim: 56, Rings: []float64{20, 40, 60, 80, 100}}
}

// feedbackRadar draws self and observers on one radar; the page's table has the same
// numbers.
func feedbackRadar(rows []feedbackRow, lo web.Locale) template.HTML {
	radar := pageRadar()
	self := charts.Series{Name: lo.T("feedback.series_self")}
	others := charts.Series{Name: lo.T("feedback.series_observers")}
	for _, r := range rows {
		radar.Axes = append(radar.Axes, r.Name)
		self.Values = append(self.Values, orNaN(r.Self))
		others.Values = append(others.Values, orNaN(r.Observers))
	}
	radar.Series = []charts.Series{self, others}
	return radar.SVG(lo.T("feedback.chart_title"), lo.T("feedback.chart_desc"))
}

func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// gapView is a blind spot or a hidden strength with the observers' mean on each item
// behind it (each over at least three observers).
type gapView struct {
	Slug   string
	Name   string
	Self   float64
	Others float64
	Gap    *float64 // Self − Others
	Items  []itemMeanView
}

type itemMeanView struct {
	Text string
	Mean float64
	N    int
}

func gapViews(gaps []development.Gap, lang string) []gapView {
	out := make([]gapView, 0, len(gaps))
	for _, g := range gaps {
		v := gapView{Slug: g.Slug, Name: g.Name.In(lang, web.Languages...), Self: g.Self, Others: g.Others, Gap: &g.Gap}
		for _, it := range g.Items {
			v.Items = append(v.Items, itemMeanView{Text: it.Text.In(lang, web.Languages...), Mean: it.Mean, N: it.N})
		}
		out = append(out, v)
	}
	return out
}
