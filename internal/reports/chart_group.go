package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// bandFill is the colour of band i of n in heat maps and level bars: from a light tint of
// the accent for the lowest band, through the accent, to a dark shade for the highest.
func (b *builder) bandFill(i, n int) pdf.Color {
	accent := b.th.accent
	if n <= 1 {
		return accent.Tint(0.5)
	}
	t := float64(max(0, min(i, n-1))) / float64(n-1)
	if t <= 2.0/3 {
		return accent.Tint(0.85 * (1 - 1.5*t))
	}
	return accent.Shade(0.35 * 3 * (t - 2.0/3))
}

// inkOn is the text colour, ink or white, that reads better on fill.
func (b *builder) inkOn(fill pdf.Color) pdf.Color {
	if pdf.Contrast(b.th.ink, fill) >= pdf.Contrast(b.th.white, fill) {
		return b.th.ink
	}
	return b.th.white
}

// heatTile draws a score tile: filled with its band's colour and the value in the middle;
// a pale tile with a dash without a value.
func (b *builder) heatTile(x, top, w, h float64, value string, band, bands int) {
	d, th := b.d, b.th
	fill, ink := th.wash, th.muted
	if value == "" {
		value = "–"
	} else if band >= 0 {
		fill = b.bandFill(band, bands)
		ink = b.inkOn(fill)
	}
	d.RoundRect(x, top, w, h, 0.8, pdf.Filled(fill))
	fnt := pdf.Font{Style: pdf.Bold, Size: 8.5, Color: ink}
	d.Text(fnt, x, pdf.Baseline(fnt, top, h), w, value, pdf.AlignCenter)
}

// levelBar draws the share of each band as a stacked bar, with the percentage written in
// the segments wide enough for it.
func (b *builder) levelBar(x, top, w, h float64, counts []int) {
	d := b.d
	total := 0
	for _, c := range counts {
		total += c
	}
	if total == 0 {
		d.RoundRect(x, top, w, h, 0.8, pdf.Filled(b.th.wash))
		return
	}
	at := x
	for i, c := range counts {
		if c == 0 {
			continue
		}
		sw := w * float64(c) / float64(total)
		fill := b.bandFill(i, len(counts))
		d.Rect(at, top, sw, h, pdf.Filled(fill))
		label := b.f.Percent(100 * float64(c) / float64(total))
		fnt := pdf.Font{Size: 7, Color: b.inkOn(fill)}
		if d.TextWidth(fnt, label)+1.5 <= sw {
			d.Text(fnt, at, pdf.Baseline(fnt, top, h), sw, label, pdf.AlignCenter)
		}
		at += sw
	}
}

// quartileBar draws a 0–100 scale with the bands as grey zones, the middle half of the
// scores (first to third quartile) as a box, the median as a line and the mean as a dot.
func (b *builder) quartileBar(x, top, w, h float64, bands []BandDef, st DimensionStats) {
	d, th := b.d, b.th
	pos := scalePos(x, w)
	mid := top + h/2
	b.bandZones(x, mid, w, 3.2, bands)
	if !st.Shown {
		return
	}
	boxH := 4.2
	d.Rect(pos(st.Q1), mid-boxH/2, max(pos(st.Q3)-pos(st.Q1), 0.4), boxH, pdf.FilledStroked(th.accent.Tint(0.6), th.accent, 0.3))
	d.Line(pos(st.Median), mid-boxH/2, pos(st.Median), mid+boxH/2, pdf.Stroked(th.ink, 0.6))
	d.Circle(pos(st.Mean), mid, 1.2, pdf.FilledStroked(th.accent, th.white, 0.35))
}

// bandLegend draws the colour of each band with its label, as one line (wrapping when
// needed), and an optional note after them.
func (b *builder) bandLegend(label string, bands []BandDef, note string) {
	d, th := b.d, b.th
	fnt := th.small
	lh := fnt.LineHeight() + 1
	type item struct {
		x, y float64
		i    int
		text string
	}
	var items []item
	x, y := 0.0, 0.0
	for i, band := range bands {
		text := band.Label.In(b.lang)
		w := 5 + d.TextWidth(fnt, text) + 5
		if x > 0 && x+w > d.Width() {
			x, y = 0, y+lh
		}
		items = append(items, item{x, y, i, text})
		x += w
	}
	var noteLines []string
	if note != "" {
		noteLines = d.Wrap(fnt, note, d.Width())
	}
	h := y + lh + float64(len(noteLines))*fnt.LineHeight() + 1
	d.Block("legend", label, h, func(top float64) {
		for _, it := range items {
			d.Rect(d.Left()+it.x, top+it.y+0.6, 3.6, 2.8, pdf.Filled(b.bandFill(it.i, len(bands))))
			d.Text(fnt, d.Left()+it.x+5, pdf.Baseline(fnt, top+it.y, lh-1), 0, it.text, pdf.AlignLeft)
		}
		d.Lines(fnt, d.Left(), top+y+lh, d.Width(), fnt.LineHeight(), noteLines, pdf.AlignLeft)
	})
	d.Space(2)
}
