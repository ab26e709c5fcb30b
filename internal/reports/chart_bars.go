package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// z95 is the normal quantile of a two-sided 95 % interval.
const z95 = 1.96

// scoreBar draws a 0–100 scale with the bands as grey zones, the score as a dot and its
// 95 % measurement interval (score ± 1.96 SEM) as a whisker.
func (b *builder) scoreBar(x, y, w, h float64, bands []BandDef, score, sem *float64) {
	d, th := b.d, b.th
	pos := scalePos(x, w)
	mid := y + h/2
	b.bandZones(x, mid, w, 3.2, bands)
	if score == nil {
		return
	}
	if sem != nil {
		lo, hi := pos(*score-z95**sem), pos(*score+z95**sem)
		ink := pdf.Stroked(th.ink, 0.35)
		d.Line(lo, mid, hi, mid, ink)
		d.Line(lo, mid-1.3, lo, mid+1.3, ink)
		d.Line(hi, mid-1.3, hi, mid+1.3, ink)
	}
	d.Circle(pos(*score), mid, 1.35, pdf.FilledStroked(th.accent, th.white, 0.35))
}

// scalePos maps a 0–100 value onto a scale drawn from x over w millimetres.
func scalePos(x, w float64) func(v float64) float64 {
	return func(v float64) float64 { return x + w*max(0, min(100, v))/100 }
}

// bandZones draws a 0–100 scale from x over w, barH high around mid, with the bands as
// grey zones, darker upwards.
func (b *builder) bandZones(x, mid, w, barH float64, bands []BandDef) {
	pos := scalePos(x, w)
	tints := []float64{0.93, 0.87, 0.81, 0.75, 0.69}
	if len(bands) == 0 {
		bands = []BandDef{{Min: 0}}
	}
	for i, band := range bands {
		end := 100.0
		if i+1 < len(bands) {
			end = bands[i+1].Min
		}
		b.d.Rect(pos(band.Min), mid-barH/2, pos(end)-pos(band.Min), barH, pdf.Filled(b.th.ink.Tint(tints[min(i, len(tints)-1)])))
	}
}

// progressBar draws a thin bar filled to pct (0–100).
func (b *builder) progressBar(x, y, w, h float64, pct float64) {
	d, th := b.d, b.th
	d.RoundRect(x, y, w, h, h/2, pdf.Filled(th.ink.Tint(0.88)))
	if fill := w * max(0, min(100, pct)) / 100; fill > 0 {
		d.RoundRect(x, y, max(fill, h), h, h/2, pdf.Filled(th.accent))
	}
}
