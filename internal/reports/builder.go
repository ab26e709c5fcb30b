package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// portraitMargins leave room for the running header and footer.
func portraitMargins() pdf.Margins { return pdf.Margins{Top: 16, Right: 18, Bottom: 20, Left: 18} }

// runningHeader draws the header of content pages (left: the report and the person, right:
// the brand) and returns where content starts.
func (b *builder) runningHeader(left, right string) func(d *pdf.Doc) float64 {
	return func(d *pdf.Doc) float64 {
		th := b.th
		y := d.Margins().Top - 4
		half := d.Width()/2 - 4
		d.Text(th.small, d.Left(), y, half, b.d.Truncate(th.small, d.Wrap(th.small, left, half), 1, half)[0], pdf.AlignLeft)
		d.Text(th.smallBold, d.Right()-half, y, half, right, pdf.AlignRight)
		d.Line(d.Left(), y+2.5, d.Right(), y+2.5, pdf.Stroked(th.line, 0.3))
		return y + 10
	}
}

// footers draws the page number (and a note) at the bottom of every page but the first.
func (b *builder) footers(note string) {
	th, d := b.th, b.d
	_, pageH := d.PageSize()
	d.EachPage(func(page, pages int) {
		if page == 1 {
			return
		}
		y := pageH - 11
		d.Line(d.Left(), y-4.5, d.Right(), y-4.5, pdf.Stroked(th.line, 0.3))
		d.Text(th.caption, d.Left(), y, 0, note, pdf.AlignLeft)
		d.Text(th.caption, d.Left(), y, d.Width(), b.T("page.number", "page", b.f.Int(page), "pages", b.f.Int(pages)), pdf.AlignRight)
	})
}

// section starts a new page with a title and an optional introduction.
func (b *builder) section(title, intro string) {
	b.d.AddPage()
	b.h1(title)
	if intro != "" {
		b.para(intro)
	}
}

// h1 is a section title with an accent rule under it.
func (b *builder) h1(title string) {
	th, d := b.th, b.d
	lines := d.Wrap(th.h1, title, d.Width())
	lh := th.h1.LineHeight()
	h := float64(len(lines))*lh + 6
	d.Block("heading", title, h, func(top float64) {
		d.Lines(th.h1, d.Left(), top, d.Width(), lh, lines, pdf.AlignLeft)
		y := top + float64(len(lines))*lh + 1
		d.Rect(d.Left(), y, 16, 1.1, pdf.Filled(th.accent))
	})
}

// h2 is a subsection title, kept on the same page as the keep millimetres after it.
func (b *builder) h2(title string, keep float64) {
	th, d := b.th, b.d
	lines := d.Wrap(th.h2, title, d.Width())
	lh := th.h2.LineHeight()
	h := float64(len(lines))*lh + 2
	d.Space(3)
	d.Ensure(h + keep)
	d.Block("heading", title, h, func(top float64) {
		d.Lines(th.h2, d.Left(), top, d.Width(), lh, lines, pdf.AlignLeft)
	})
}

// para is a body paragraph followed by a little space.
func (b *builder) para(s string) {
	b.d.Paragraph(b.th.body, b.d.Left(), b.d.Width(), s, pdf.AlignLeft, "paragraph")
	b.d.Space(2.5)
}

// paraHeight is the height para will take.
func (b *builder) paraHeight(s string) float64 {
	return float64(len(b.d.Wrap(b.th.body, s, b.d.Width())))*b.th.body.LineHeight() + 2.5
}

// note is a small, muted paragraph.
func (b *builder) note(s string) {
	b.d.Paragraph(b.th.small, b.d.Left(), b.d.Width(), s, pdf.AlignLeft, "note")
	b.d.Space(2)
}

// bulletBlock measures a bulleted list set in fnt within width w: its lines per item and
// total height.
func (b *builder) bulletBlock(fnt pdf.Font, items []string, w float64) ([][]string, float64) {
	out := make([][]string, len(items))
	h := 0.0
	for i, it := range items {
		out[i] = b.d.Wrap(fnt, it, w-5)
		h += float64(len(out[i]))*fnt.LineHeight() + 1
	}
	return out, h
}

// drawBullets draws measured bullets from top at x, returning the height used.
func (b *builder) drawBullets(fnt pdf.Font, bullet pdf.Color, lines [][]string, x, top, w float64) float64 {
	y := top
	lh := fnt.LineHeight()
	for _, item := range lines {
		b.d.Circle(x+1.3, y+lh/2, 0.7, pdf.Filled(bullet))
		y += b.d.Lines(fnt, x+5, y, w-5, lh, item, pdf.AlignLeft) + 1
	}
	return y - top
}
