package reports

import (
	"math"

	"github.com/academy-platform/academy/internal/charts"
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// radarSeries is one profile on the radar, with how it is drawn.
type radarSeries struct {
	values []float64 // 0–100 per axis, NaN for none
	color  pdf.Color
	dashed bool
}

// radarAxis is one axis: its name and the line under it (score and band).
type radarAxis struct {
	name, detail string
}

// The radar is computed by package charts in its own units and drawn at radarScale mm per
// unit: the chart's label gap (10 units) becomes 5.6 mm.
const (
	radarUnits  = 220.0 // charts.Radar.Size
	radarMargin = 26.0  // charts.Radar.Margin: room for the top and bottom labels
	radarScale  = 0.56
	radarLabelW = 36.0 // mm; labels wrap to this width
	radarPad    = 9.0  // mm above and below the square for labels that stick out
)

// radarHeight is the height of the radar block.
func radarHeight() float64 { return radarUnits*radarScale + 2*radarPad }

// drawRadar draws the radar centred horizontally in the content area with its block's top
// at top, using the geometry of package charts.
func (b *builder) drawRadar(top float64, axes []radarAxis, series []radarSeries) {
	d, th := b.d, b.th
	geom := charts.Radar{Size: radarUnits, Margin: radarMargin, Rings: []float64{20, 40, 60, 80, 100}}
	for _, a := range axes {
		geom.Axes = append(geom.Axes, a.name)
	}
	for _, s := range series {
		geom.Series = append(geom.Series, charts.Series{Values: s.values})
	}
	x0 := d.Left() + (d.Width()-radarUnits*radarScale)/2
	y0 := top + radarPad
	at := func(p charts.Point) pdf.Point { return pdf.Point{X: x0 + p.X*radarScale, Y: y0 + p.Y*radarScale} }
	poly := func(ps []charts.Point) []pdf.Point {
		out := make([]pdf.Point, len(ps))
		for i, p := range ps {
			out[i] = at(p)
		}
		return out
	}

	// Grid: a light disc of rings and spokes, the outer ring darker.
	d.Polygon(poly(geom.Ring(100)), pdf.Filled(th.wash))
	for _, v := range geom.Rings {
		width := 0.2
		if v == 100 {
			width = 0.35
		}
		d.Polygon(poly(geom.Ring(v)), pdf.Stroked(th.line, width))
	}
	c := at(geom.Centre())
	for i := range geom.Axes {
		p := at(geom.At(i, 100))
		d.Line(c.X, c.Y, p.X, p.Y, pdf.Stroked(th.line, 0.2))
	}
	for _, v := range []float64{20, 40, 60, 80, 100} {
		p := at(geom.At(0, v))
		d.Text(th.caption, p.X+1, p.Y-0.6, 0, b.f.Num(v, 0), pdf.AlignLeft)
	}

	// Series: the first as a translucent area, every one as an outline, and a marker at
	// each scored value (dots for the first, squares for the dashed ones).
	for k, s := range series {
		pts := poly(geom.Polygon(geom.Series[k]))
		if k == 0 {
			fill := s.color
			d.Polygon(pts, pdf.Paint{Fill: &fill, Opacity: 0.16})
		}
		stroke := pdf.Stroked(s.color, 0.6)
		if s.dashed {
			stroke.Dash = []float64{1.6, 1.1}
		}
		d.Polygon(pts, stroke)
		for i, p := range pts {
			if i >= len(s.values) || math.IsNaN(s.values[i]) {
				continue
			}
			if s.dashed {
				d.Rect(p.X-0.9, p.Y-0.9, 1.8, 1.8, pdf.FilledStroked(th.white, s.color, 0.4))
			} else {
				d.Circle(p.X, p.Y, 1, pdf.FilledStroked(s.color, th.white, 0.3))
			}
		}
	}

	// Labels: the name, wrapped, and the detail line; aligned away from the centre.
	for i, a := range axes {
		b.radarLabel(geom, i, a, at)
	}
}

// radarLabel draws axis i's label block next to its end.
func (b *builder) radarLabel(geom charts.Radar, i int, a radarAxis, at func(charts.Point) pdf.Point) {
	d, th := b.d, b.th
	name := th.smallBold
	detail := pdf.Font{Style: pdf.Bold, Size: 8.5, Color: th.accent}
	lines := d.Truncate(name, d.Wrap(name, a.name, radarLabelW), 3, radarLabelW)
	lh := name.LineHeight()
	h := float64(len(lines)+1) * lh
	p, anchor := geom.Label(i)
	pt := at(p)
	c := at(geom.Centre())
	top := pt.Y - h/2
	if anchor == charts.AnchorMiddle {
		if pt.Y < c.Y {
			top = pt.Y - h
		} else {
			top = pt.Y
		}
	}
	x, align := pt.X, pdf.AlignLeft
	switch anchor {
	case charts.AnchorEnd:
		x, align = pt.X-radarLabelW, pdf.AlignRight
	case charts.AnchorMiddle:
		x, align = pt.X-radarLabelW/2, pdf.AlignCenter
	}
	y := top + d.Lines(name, x, top, radarLabelW, lh, lines, align)
	d.Text(detail, x, pdf.Baseline(detail, y, lh), radarLabelW, a.detail, align)
}
