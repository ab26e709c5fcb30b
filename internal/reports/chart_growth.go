package reports

import (
	"time"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// growthPanel draws one dimension's scores over the attempts as a small line chart in the
// box (x, y, w, h): a 0–100 scale with the band thresholds, the line, and the last point
// marked as a reliable rise (▲), a reliable fall (▼) or neither (●).
func (b *builder) growthPanel(x, y, w, h float64, name string, dates []time.Time, g DimensionGrowth, thresholds []float64) {
	d, th := b.d, b.th
	title := pdf.Font{Style: pdf.Bold, Size: 8, Color: th.ink}
	lines := d.Truncate(title, d.Wrap(title, name, w), 2, w)
	d.Lines(title, x, y, w, title.LineHeight(), lines, pdf.AlignLeft)

	const left, top, bottom = 6.0, 10.0, 6.0
	px, py := x+left, y+top
	pw, ph := w-left-2, h-top-bottom
	vy := func(v float64) float64 { return py + ph*(1-max(0, min(100, v))/100) }
	d.Rect(px, py, pw, ph, pdf.Filled(th.wash))
	for _, t := range thresholds {
		if t > 0 && t < 100 {
			d.Line(px, vy(t), px+pw, vy(t), pdf.Stroked(th.line, 0.2))
		}
	}
	d.Text(th.caption, x, vy(100)+1, left-1.2, "100", pdf.AlignRight)
	d.Text(th.caption, x, vy(0)+0.4, left-1.2, "0", pdf.AlignRight)
	n := len(g.Scores)
	vx := func(i int) float64 {
		if n < 2 {
			return px + pw/2
		}
		return px + 3 + (pw-6)*float64(i)/float64(n-1)
	}
	var pts []pdf.Point
	for i, s := range g.Scores {
		if s != nil {
			pts = append(pts, pdf.Point{X: vx(i), Y: vy(*s)})
		}
	}
	d.Polyline(pts, pdf.Stroked(th.accent, 0.5))
	for i, s := range g.Scores {
		if s == nil {
			continue
		}
		p := pdf.Point{X: vx(i), Y: vy(*s)}
		if i == n-1 {
			b.changeMarker(p, g)
		} else {
			d.Circle(p.X, p.Y, 0.8, pdf.Filled(th.accent))
		}
		if i == 0 || i == n-1 {
			label := pdf.Font{Style: pdf.Bold, Size: 7, Color: th.ink}
			ly := p.Y - 1.8
			if p.Y-py < 5 {
				ly = p.Y + 4
			}
			d.Text(label, p.X-6, ly, 12, b.f.Num(*s, 0), pdf.AlignCenter)
		}
	}
	if len(dates) > 0 {
		d.Text(th.caption, px, py+ph+3.5, 0, b.f.ShortDate(dates[0]), pdf.AlignLeft)
		if len(dates) > 1 {
			d.Text(th.caption, px, py+ph+3.5, pw, b.f.ShortDate(dates[len(dates)-1]), pdf.AlignRight)
		}
	}
}

// changeMarker draws the latest point: a triangle for a reliable change, else a dot.
func (b *builder) changeMarker(p pdf.Point, g DimensionGrowth) {
	d, th := b.d, b.th
	const r = 1.9
	switch {
	case g.Reliable && g.Change != nil && *g.Change > 0:
		d.Polygon([]pdf.Point{{X: p.X, Y: p.Y - r}, {X: p.X + r, Y: p.Y + r*0.8}, {X: p.X - r, Y: p.Y + r*0.8}},
			pdf.FilledStroked(th.ok, th.white, 0.3))
	case g.Reliable && g.Change != nil && *g.Change < 0:
		d.Polygon([]pdf.Point{{X: p.X, Y: p.Y + r}, {X: p.X + r, Y: p.Y - r*0.8}, {X: p.X - r, Y: p.Y - r*0.8}},
			pdf.FilledStroked(th.warn, th.white, 0.3))
	default:
		d.Circle(p.X, p.Y, 1.2, pdf.FilledStroked(th.accent, th.white, 0.3))
	}
}
