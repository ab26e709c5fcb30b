package pdf

// Column is one column of a Table.
type Column struct {
	Title string
	Width float64 // in mm
	Align Align
}

// Cell is one cell: a text (wrapped to the column), an optional smaller note under it,
// and an optional graphic drawn in the cell's content box.
type Cell struct {
	Text string
	// Font overrides the table's body font for Text.
	Font *Font
	Note string
	// Draw draws a graphic in the content box (x, top, w, h); Height is the graphic's
	// height, which the row grows to.
	Draw   func(x, top, w, h float64)
	Height float64
}

// Row is one row of a Table.
type Row struct {
	// Label names the row in the layout log; empty means the first cell's text.
	Label string
	Cells []Cell
	// Fill, when set, is the row's background.
	Fill *Color
}

// Table is a table whose rows are never split across pages: a row that does not fit goes
// to the next page, under a repeated header.
type Table struct {
	Label   string
	Columns []Column
	Rows    []Row
	// Head, Body and Note are the fonts of the header, the cell texts and the notes.
	Head, Body, Note Font
	HeadFill         Color
	Rule             Color
	// Stripe, when set, fills every other row.
	Stripe *Color
	// PadX and PadY are the cell paddings (mm); MaxLines limits a cell's text (default 8),
	// ending it with an ellipsis.
	PadX, PadY float64
	MaxLines   int
}

// cellLayout is a measured cell.
type cellLayout struct {
	text, note []string
	height     float64
}

// Table draws t in the flow at the left margin.
func (d *Doc) Table(t Table) {
	if !d.ok() {
		return
	}
	if t.MaxLines <= 0 {
		t.MaxLines = 8
	}
	head := make([]Cell, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = Cell{Text: c.Title, Font: &t.Head}
	}
	headRow := Row{Label: t.Label + " header", Cells: head, Fill: &t.HeadFill}
	headCells, headH := d.measureRow(t, headRow)
	for i, r := range t.Rows {
		cells, h := d.measureRow(t, r)
		label := r.Label
		if label == "" && len(r.Cells) > 0 {
			label = r.Cells[0].Text
		}
		if i == 0 || d.y+h > d.Bottom() {
			d.Ensure(headH + h)
			d.Block("table-header", t.Label, headH, func(top float64) { d.drawRow(t, headRow, headCells, top, headH) })
		}
		if r.Fill == nil && t.Stripe != nil && i%2 == 1 {
			r.Fill = t.Stripe
		}
		d.Block("row", label, h, func(top float64) { d.drawRow(t, r, cells, top, h) })
	}
}

func (d *Doc) measureRow(t Table, r Row) ([]cellLayout, float64) {
	out := make([]cellLayout, len(t.Columns))
	height := 0.0
	for i, col := range t.Columns {
		if i >= len(r.Cells) {
			break
		}
		c := r.Cells[i]
		w := col.Width - 2*t.PadX
		fnt := t.Body
		if c.Font != nil {
			fnt = *c.Font
		}
		var l cellLayout
		if c.Text != "" {
			l.text = d.Truncate(fnt, d.Wrap(fnt, c.Text, w), t.MaxLines, w)
			l.height = float64(len(l.text)) * fnt.LineHeight()
		}
		if c.Note != "" {
			l.note = d.Truncate(t.Note, d.Wrap(t.Note, c.Note, w), t.MaxLines, w)
			l.height += float64(len(l.note)) * t.Note.LineHeight()
		}
		l.height = max(l.height, c.Height)
		out[i] = l
		height = max(height, l.height)
	}
	return out, height + 2*t.PadY
}

func (d *Doc) drawRow(t Table, r Row, cells []cellLayout, top, h float64) {
	x := d.Left()
	width := 0.0
	for _, c := range t.Columns {
		width += c.Width
	}
	if r.Fill != nil {
		d.Rect(x, top, width, h, Filled(*r.Fill))
	}
	for i, col := range t.Columns {
		if i >= len(r.Cells) {
			break
		}
		c, l := r.Cells[i], cells[i]
		fnt := t.Body
		if c.Font != nil {
			fnt = *c.Font
		}
		cx, cw := x+t.PadX, col.Width-2*t.PadX
		y := top + (h-l.height)/2 // content centred vertically
		if c.Draw != nil {
			gh := max(c.Height, l.height)
			c.Draw(cx, top+(h-gh)/2, cw, gh)
		}
		y += d.Lines(fnt, cx, y, cw, fnt.LineHeight(), l.text, col.Align)
		d.Lines(t.Note, cx, y, cw, t.Note.LineHeight(), l.note, col.Align)
		x += col.Width
	}
	d.Line(d.Left(), top+h, d.Left()+width, top+h, Stroked(t.Rule, 0.2))
}
