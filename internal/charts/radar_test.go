package charts

import (
	"math"
	"strings"
	"testing"
)

func near(a, b Point) bool { return math.Abs(a.X-b.X) < 1e-9 && math.Abs(a.Y-b.Y) < 1e-9 }

func TestRadarGeometry(t *testing.T) {
	r := Radar{Axes: []string{"a", "b", "c", "d"}, Size: 200, Margin: 20}
	cases := []struct {
		axis  int
		value float64
		want  Point
	}{
		{0, 100, Point{100, 20}},  // first axis points up
		{1, 100, Point{180, 100}}, // then clockwise: right
		{2, 50, Point{100, 140}},  // half way down
		{3, 100, Point{20, 100}},  // left
		{0, 0, Point{100, 100}},   // zero is the centre
		{0, 150, Point{100, 20}},  // clamped to 100
		{1, -5, Point{100, 100}},  // clamped to 0
		{2, math.NaN(), Point{100, 100}},
	}
	for _, c := range cases {
		if got := r.At(c.axis, c.value); !near(got, c.want) {
			t.Errorf("At(%d, %v) = %v, want %v", c.axis, c.value, got, c.want)
		}
	}
	if p, a := r.Label(1); a != AnchorStart || p.X <= 180 {
		t.Errorf("right label = %v %s", p, a)
	}
	if _, a := r.Label(3); a != AnchorEnd {
		t.Errorf("left label anchor = %s", a)
	}
	if _, a := r.Label(0); a != AnchorMiddle {
		t.Errorf("top label anchor = %s", a)
	}
	// Eight axes: axis 2 is at 90° (right), axis 6 at 270° (left).
	r8 := Radar{Axes: make([]string, 8), Size: 200, Margin: 20}
	if got := r8.At(2, 100); !near(got, Point{180, 100}) {
		t.Errorf("8 axes, axis 2 = %v", got)
	}
}

func TestRadarSVGEscapesAndMarksGaps(t *testing.T) {
	r := Radar{
		Axes:   []string{"Dar <más>", "Foco & otro", "Huella"},
		Series: []Series{{Name: "self", Values: []float64{80, math.NaN(), 40}}},
		Rings:  []float64{25, 50, 75, 100}, Size: 300, Margin: 60,
	}
	svg := string(r.SVG(`Perfil de "Ana"`, "Puntuaciones <0-100>"))
	for _, want := range []string{`role="img"`, "Dar &lt;más&gt;", "Foco &amp; otro", "&#34;Ana&#34;", "&lt;0-100&gt;"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if strings.Contains(svg, "<más>") {
		t.Error("a label is not escaped")
	}
	if n := strings.Count(svg, "<circle"); n != 2 {
		t.Errorf("%d points marked, want 2 (the gap is not marked)", n)
	}
	if n := strings.Count(svg, "<polygon"); n != 5 {
		t.Errorf("%d polygons, want 4 rings + 1 series", n)
	}
}

// TestLabelsGrowAwayFromTheChart: a label above the chart ends on its point, one below
// starts on it, one at a side is centred on it, however many lines it has.
func TestLabelsGrowAwayFromTheChart(t *testing.T) {
	r := Radar{Axes: []string{"top", "right", "bottom", "left"}, Size: 200, Margin: 20}
	for i, want := range []int{1, 0, -1, 0} {
		if got := r.Above(i); got != want {
			t.Errorf("axis %d: Above = %d, want %d", i, got, want)
		}
	}
	cases := []struct {
		above, lines int
		want         float64
	}{
		{1, 1, 0}, {1, 3, -2.3}, {-1, 3, 0}, {0, 1, 0}, {0, 3, -1.15},
	}
	for _, c := range cases {
		if got := firstLineShift(c.above, c.lines); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("firstLineShift(%d, %d) = %v, want %v", c.above, c.lines, got, c.want)
		}
	}
}

func TestWrap(t *testing.T) {
	cases := map[string][]string{
		"Dar primero":                     {"Dar primero"},
		"Contar cómo resuelves problemas": {"Contar cómo", "resuelves", "problemas"},
		"Contacts into colleagues":        {"Contacts into", "colleagues"},
		"":                                {""},
		"Supercalifragilistic word":       {"Supercalifragilistic", "word"},
		"Problem-solving pitch":           {"Problem-solving", "pitch"},
		"Very-long-hyphenated-compound x": {"Very-long-", "hyphenated-", "compound x"},
	}
	for in, want := range cases {
		got := Wrap(in, 16)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("Wrap(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Wrap("Problem-solving pitch", 12); strings.Join(got, "|") != "Problem-|solving|pitch" {
		t.Errorf("Wrap(Problem-solving pitch, 12) = %q: a word too long breaks after its hyphen", got)
	}
}
