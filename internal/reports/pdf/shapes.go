package pdf

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// Point is a position on the page, in millimetres from the top left corner.
type Point struct{ X, Y float64 }

// Paint says how a shape is filled and stroked. A nil Fill or Stroke leaves that part out.
type Paint struct {
	Fill   *Color
	Stroke *Color
	Width  float64   // stroke width in mm; 0 means 0.2
	Dash   []float64 // dash pattern in mm; nil for a solid line
	// Opacity of the fill, 0 < o < 1; 0 means opaque.
	Opacity float64
}

// Filled paints the inside only.
func Filled(c Color) Paint { return Paint{Fill: &c} }

// Stroked draws the outline only.
func Stroked(c Color, width float64) Paint { return Paint{Stroke: &c, Width: width} }

// FilledStroked fills and outlines.
func FilledStroked(fill, stroke Color, width float64) Paint {
	return Paint{Fill: &fill, Stroke: &stroke, Width: width}
}

// apply sets the colours and returns fpdf's style string, or "" when nothing is drawn.
func (d *Doc) apply(p Paint) string {
	style := ""
	if p.Fill != nil {
		if !d.gs.hasFill || d.gs.fill != *p.Fill {
			d.f.SetFillColor(int(p.Fill.R), int(p.Fill.G), int(p.Fill.B))
			d.gs.fill, d.gs.hasFill = *p.Fill, true
		}
		style = "F"
	}
	if p.Stroke != nil {
		if !d.gs.hasDraw || d.gs.draw != *p.Stroke {
			d.f.SetDrawColor(int(p.Stroke.R), int(p.Stroke.G), int(p.Stroke.B))
			d.gs.draw, d.gs.hasDraw = *p.Stroke, true
		}
		w := p.Width
		if w <= 0 {
			w = 0.2
		}
		if !d.gs.hasWidth || d.gs.lineWidth != w {
			d.f.SetLineWidth(w)
			d.gs.lineWidth, d.gs.hasWidth = w, true
		}
		if p.Dash != nil {
			d.f.SetDashPattern(p.Dash, 0)
		}
		style += "D"
	}
	if p.Opacity > 0 && p.Opacity < 1 {
		d.f.SetAlpha(p.Opacity, "Normal")
	}
	return style
}

// reset undoes the dash pattern and opacity of p.
func (d *Doc) reset(p Paint) {
	if p.Stroke != nil && p.Dash != nil {
		d.f.SetDashPattern(nil, 0)
	}
	if p.Opacity > 0 && p.Opacity < 1 {
		d.f.SetAlpha(1, "Normal")
	}
}

// Rect draws a rectangle.
func (d *Doc) Rect(x, y, w, h float64, p Paint) {
	if !d.ok() {
		return
	}
	if style := d.apply(p); style != "" {
		d.f.Rect(x, y, w, h, style)
	}
	d.reset(p)
}

// RoundRect draws a rectangle with rounded corners of radius r.
func (d *Doc) RoundRect(x, y, w, h, r float64, p Paint) {
	if !d.ok() {
		return
	}
	if style := d.apply(p); style != "" {
		d.f.RoundedRect(x, y, w, h, r, "1234", style)
	}
	d.reset(p)
}

// Line draws a line with the stroke of p.
func (d *Doc) Line(x1, y1, x2, y2 float64, p Paint) {
	if !d.ok() || p.Stroke == nil {
		return
	}
	d.apply(Paint{Stroke: p.Stroke, Width: p.Width, Dash: p.Dash})
	d.f.Line(x1, y1, x2, y2)
	d.reset(Paint{Stroke: p.Stroke, Dash: p.Dash})
}

// Polyline draws connected lines through pts with the stroke of p.
func (d *Doc) Polyline(pts []Point, p Paint) {
	for i := 1; i < len(pts); i++ {
		d.Line(pts[i-1].X, pts[i-1].Y, pts[i].X, pts[i].Y, p)
	}
}

// Polygon draws a closed polygon.
func (d *Doc) Polygon(pts []Point, p Paint) {
	if !d.ok() || len(pts) < 3 {
		return
	}
	if style := d.apply(p); style != "" {
		fp := make([]fpdf.PointType, len(pts))
		for i, pt := range pts {
			fp[i] = fpdf.PointType{X: pt.X, Y: pt.Y}
		}
		d.f.Polygon(fp, style)
	}
	d.reset(p)
}

// Circle draws a circle of radius r around (x, y).
func (d *Doc) Circle(x, y, r float64, p Paint) {
	if !d.ok() {
		return
	}
	if style := d.apply(p); style != "" {
		d.f.Circle(x, y, r, style)
	}
	d.reset(p)
}

// ImageKind is the format of image bytes.
type ImageKind string

// The image formats a document accepts.
const (
	PNG  ImageKind = "PNG"
	JPEG ImageKind = "JPG"
)

// Image draws an image (already validated by the caller) scaled to fit in the box
// (x, y, w, h) without distortion, at the box's top, aligned horizontally as a. name
// identifies it in the document; the same name draws the same image again.
func (d *Doc) Image(name string, data []byte, kind ImageKind, x, y, w, h float64, a Align) {
	if !d.ok() {
		return
	}
	opts := fpdf.ImageOptions{ImageType: string(kind)}
	info := d.f.GetImageInfo(name)
	if info == nil {
		info = d.f.RegisterImageOptionsReader(name, opts, bytes.NewReader(data))
		if info == nil || !d.f.Ok() {
			d.Fail(fmt.Errorf("image %s: %w", name, d.f.Error()))
			return
		}
	}
	iw, ih := info.Width(), info.Height()
	if iw <= 0 || ih <= 0 {
		d.Fail(fmt.Errorf("image %s: empty", name))
		return
	}
	scale := min(w/iw, h/ih)
	switch a {
	case AlignCenter:
		x += (w - iw*scale) / 2
	case AlignRight:
		x += w - iw*scale
	}
	d.f.ImageOptions(name, x, y, iw*scale, ih*scale, false, opts, 0, "")
}
