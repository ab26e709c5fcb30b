package charts

import (
	"math"
)

// Point is a position in the chart's coordinate system: x to the right, y downwards.
type Point struct{ X, Y float64 }

// Series is one profile drawn on the radar: a value from 0 to 100 per axis, in axis order.
// A NaN value (a dimension without a score) leaves a gap: the polygon goes through the
// centre there and the point is not marked.
type Series struct {
	Name   string
	Values []float64
}

// Radar is a radar (spider) chart: Axes labels around a circle, starting at the top and
// going clockwise, with concentric rings at Rings (values on the 0–100 scale).
type Radar struct {
	Axes   []string
	Series []Series
	Rings  []float64
	// Size is the width and height of the square drawing area; the chart's centre is in
	// its middle and the outer ring (100) leaves Margin for the labels.
	Size, Margin float64
	// Trim is cut from the top and the bottom of the drawn picture: the labels there need
	// less room than the ones at the sides. It moves nothing.
	Trim float64
}

// Centre is the middle of the chart.
func (r Radar) Centre() Point { return Point{r.Size / 2, r.Size / 2} }

// Radius is the distance from the centre to the value 100.
func (r Radar) Radius() float64 { return r.Size/2 - r.Margin }

// angle returns the direction of axis i: the first axis points up, the rest follow clockwise.
func (r Radar) angle(i int) float64 {
	return -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(r.Axes))
}

// At returns the position of value v (0–100) on axis i. Values outside 0–100 are clamped.
func (r Radar) At(i int, v float64) Point {
	if math.IsNaN(v) {
		v = 0
	}
	v = math.Max(0, math.Min(100, v))
	c, a, d := r.Centre(), r.angle(i), r.Radius()*v/100
	return Point{c.X + d*math.Cos(a), c.Y + d*math.Sin(a)}
}

// Ring returns the polygon of the ring at value v.
func (r Radar) Ring(v float64) []Point {
	out := make([]Point, len(r.Axes))
	for i := range r.Axes {
		out[i] = r.At(i, v)
	}
	return out
}

// Polygon returns the points of series s.
func (r Radar) Polygon(s Series) []Point {
	out := make([]Point, len(r.Axes))
	for i := range r.Axes {
		v := math.NaN()
		if i < len(s.Values) {
			v = s.Values[i]
		}
		out[i] = r.At(i, v)
	}
	return out
}

// Anchor says how a label is aligned to its point.
type Anchor string

// Label alignments, as SVG's text-anchor values.
const (
	AnchorStart  Anchor = "start"
	AnchorMiddle Anchor = "middle"
	AnchorEnd    Anchor = "end"
)

// Above tells whether axis i's label sits above the chart (1), below it (-1) or at a
// side (0), so that a label of several lines can grow away from the rings.
func (r Radar) Above(i int) int {
	switch sin := math.Sin(r.angle(i)); {
	case sin < -0.9:
		return 1
	case sin > 0.9:
		return -1
	}
	return 0
}

// Label is where axis i's name goes: just outside the outer ring, aligned away from the
// centre.
func (r Radar) Label(i int) (Point, Anchor) {
	c, a := r.Centre(), r.angle(i)
	d := r.Radius() + 10
	p := Point{c.X + d*math.Cos(a), c.Y + d*math.Sin(a)}
	switch cos := math.Cos(a); {
	case cos > 0.2:
		return p, AnchorStart
	case cos < -0.2:
		return p, AnchorEnd
	}
	return p, AnchorMiddle
}
