package pdf

import (
	"fmt"
)

// TooTallError is the error of a block higher than a whole page body: the layout cannot
// place it without splitting it.
type TooTallError struct {
	Kind, Label string
	Height      float64 // mm
}

func (e *TooTallError) Error() string {
	return fmt.Sprintf("pdf: %s %q is %.0f mm high, more than a page", e.Kind, e.Label, e.Height)
}

// Placement records where the flow put a block: tests check that none crosses a page
// edge.
type Placement struct {
	Page        int
	Kind, Label string // what the block is ("row", "chart", "line", …) and which one
	Top, Bottom float64
}

// OnPageStart sets what AddPage draws on every new page from now on (a running header);
// it returns the y where content starts.
func (d *Doc) OnPageStart(fn func(d *Doc) float64) { d.pageStart = fn }

// AddPage starts a page and moves the flow to its top.
func (d *Doc) AddPage() {
	if !d.ok() {
		return
	}
	d.f.AddPage()
	d.y = d.cfg.Margins.Top
	if d.pageStart != nil {
		d.y = d.pageStart(d)
	}
}

// Y is the flow's position on the current page.
func (d *Doc) Y() float64 { return d.y }

// SetY moves the flow.
func (d *Doc) SetY(y float64) { d.y = y }

// Space moves the flow down by h, or to the next page's top when h does not fit: space
// never carries over to a new page.
func (d *Doc) Space(h float64) {
	if d.y+h > d.Bottom() {
		d.AddPage()
		return
	}
	d.y += h
}

// Bottom is the lowest y content may reach.
func (d *Doc) Bottom() float64 { return d.pageH - d.cfg.Margins.Bottom }

// Room is the height left on the current page.
func (d *Doc) Room() float64 { return d.Bottom() - d.y }

// Ensure starts a new page unless h fits below the flow. It reports whether it did.
func (d *Doc) Ensure(h float64) bool {
	if d.Page() > 0 && d.y+h <= d.Bottom()+1e-9 {
		return false
	}
	d.AddPage()
	return true
}

// Block places a block of height h that must not be split: on this page if it fits, at
// the top of the next one otherwise. draw gets the block's top; the flow then moves below
// it.
func (d *Doc) Block(kind, label string, h float64, draw func(top float64)) {
	if !d.ok() {
		return
	}
	d.Ensure(h)
	if d.y+h > d.Bottom()+1e-9 {
		d.Fail(&TooTallError{Kind: kind, Label: label, Height: h})
		return
	}
	top := d.y
	draw(top)
	d.placements = append(d.placements, Placement{Page: d.Page(), Kind: kind, Label: label, Top: top, Bottom: top + h})
	d.y = top + h
}

// Placements returns the blocks placed so far, in order.
func (d *Doc) Placements() []Placement { return d.placements }

// Paragraph places wrapped text in the flow, line by line (a paragraph may continue on
// the next page between lines, never inside one), and returns the lines.
func (d *Doc) Paragraph(fnt Font, x, w float64, s string, a Align, label string) []string {
	lines := d.Wrap(fnt, s, w)
	lh := fnt.LineHeight()
	for _, l := range lines {
		d.Block("line", label, lh, func(top float64) {
			d.Text(fnt, x, Baseline(fnt, top, lh), w, l, a)
		})
	}
	return lines
}
