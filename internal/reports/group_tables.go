package reports

import (
	"strconv"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// dimensionKey lists the dimensions in two columns with the numbers that head the heat
// map's columns, as one block.
func (b *builder) dimensionKey(label string, inst *GroupInstrument) {
	d, th := b.d, b.th
	const gap, numW = 6.0, 6.0
	colW := (d.Width() - gap) / 2
	rows := (len(inst.Dimensions) + 1) / 2
	lines := make([][]string, len(inst.Dimensions))
	heights := make([]float64, rows)
	lh := th.body.LineHeight()
	for i, dim := range inst.Dimensions {
		lines[i] = d.Wrap(th.body, dim.Name.In(b.lang), colW-numW)
		heights[i%rows] = max(heights[i%rows], float64(len(lines[i]))*lh+1)
	}
	total := 0.0
	for _, h := range heights {
		total += h
	}
	num := pdf.Font{Style: pdf.Bold, Size: 10, Color: th.accent}
	d.Block("key", label, total, func(top float64) {
		for i := range inst.Dimensions {
			x := d.Left() + float64(i/rows)*(colW+gap)
			y := top
			for r := range i % rows {
				y += heights[r]
			}
			d.Text(num, x, pdf.Baseline(num, y, lh), numW, strconv.Itoa(i+1), pdf.AlignLeft)
			d.Lines(th.body, x+numW, y, colW-numW, lh, lines[i], pdf.AlignLeft)
		}
	})
	d.Space(3)
}

// heatRow is one row of a heat map: a label (with an optional note) and one cell per
// dimension.
type heatRow struct {
	label, note string
	cells       []heatCell
}

// heatCell is one tile: its text ("" for none) and band (-1 for none).
type heatCell struct {
	value string
	band  int
}

// heatMap draws rows of tiles, one column per dimension numbered as in dimensionKey.
func (b *builder) heatMap(label, firstCol string, inst *GroupInstrument, rows []heatRow) {
	th := b.th
	const labelW = 50.0
	n := len(inst.Dimensions)
	cols := []pdf.Column{{Title: firstCol, Width: labelW}}
	colW := (b.d.Width() - labelW) / float64(n)
	for i := range n {
		cols = append(cols, pdf.Column{Title: strconv.Itoa(i + 1), Width: colW, Align: pdf.AlignCenter})
	}
	t := th.table(label, cols...)
	t.PadX, t.Stripe = 1, nil
	for _, r := range rows {
		row := pdf.Row{Label: r.label, Cells: []pdf.Cell{{Text: r.label, Font: &th.tableBold, Note: r.note}}}
		for k, c := range r.cells {
			bands := len(inst.Dimensions[k].Bands)
			row.Cells = append(row.Cells, pdf.Cell{Height: 6, Draw: func(x, top, w, h float64) {
				b.heatTile(x, top+(h-6)/2, w, 6, c.value, c.band, bands)
			}})
		}
		t.Rows = append(t.Rows, row)
	}
	b.d.Table(t)
	b.d.Space(3)
}

// distributionTable draws each dimension's statistics: the number of scores, the mean,
// the share of each band, and the quartiles on the 0–100 scale. A dimension whose
// statistics are not shown says how many scores it has and the minimum.
func (b *builder) distributionTable(label string, inst *GroupInstrument, stats []DimensionStats, minGroup int) {
	th := b.th
	t := th.table(label,
		pdf.Column{Title: b.T("dist.col_dimension"), Width: 44},
		pdf.Column{Title: b.T("dist.col_n"), Width: 12, Align: pdf.AlignRight},
		pdf.Column{Title: b.T("dist.col_mean"), Width: 16, Align: pdf.AlignRight},
		pdf.Column{Title: b.T("dist.col_levels"), Width: 48},
		pdf.Column{Title: b.T("dist.col_spread"), Width: 32},
		pdf.Column{Title: b.T("dist.col_quartiles"), Width: b.d.Width() - 152, Align: pdf.AlignRight},
	)
	for k, st := range stats {
		dim := inst.Dimensions[k]
		row := pdf.Row{Label: dim.Slug, Cells: []pdf.Cell{
			{Text: dim.Name.In(b.lang), Font: &th.tableBold},
			{Text: b.f.Int(st.N)},
		}}
		if !st.Shown {
			note := b.T("dist.none")
			if st.N > 0 {
				note = b.T("dist.too_few", "min", b.f.Int(minGroup))
			}
			row.Cells = append(row.Cells, pdf.Cell{Text: "–"}, pdf.Cell{Text: note, Font: &th.tableNote})
			t.Rows = append(t.Rows, row)
			continue
		}
		row.Cells = append(row.Cells,
			pdf.Cell{Text: b.f.Num(st.Mean, 0), Font: &th.tableBold, Note: b.T("dist.sd", "sd", b.f.Num(st.SD, 0))},
			pdf.Cell{Height: 5, Draw: func(x, top, w, h float64) { b.levelBar(x, top+(h-5)/2, w, 5, st.Bands) }},
			pdf.Cell{Height: 6, Draw: func(x, top, w, h float64) { b.quartileBar(x, top, w, h, dim.Bands, st) }},
			pdf.Cell{Text: b.f.Num(st.Median, 0), Note: b.T("dist.iqr", "q1", b.f.Num(st.Q1, 0), "q3", b.f.Num(st.Q3, 0))},
		)
		t.Rows = append(t.Rows, row)
	}
	b.d.Table(t)
	b.d.Space(3)
}

// firstBands are the bands of the first dimension, for legends; instruments give every
// dimension the same band labels.
func firstBands(inst *GroupInstrument) []BandDef {
	if len(inst.Dimensions) == 0 {
		return nil
	}
	return inst.Dimensions[0].Bands
}
