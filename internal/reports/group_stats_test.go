package reports

import (
	"fmt"
	"math"
	"testing"

	"github.com/academy-platform/academy/internal/assessment"
)

func TestQuantile(t *testing.T) {
	xs := []float64{10, 20, 30, 40, 50}
	for _, c := range []struct{ p, want float64 }{{0, 10}, {0.25, 20}, {0.5, 30}, {0.75, 40}, {1, 50}} {
		if got := quantile(xs, c.p); got != c.want {
			t.Errorf("quantile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	// R: quantile(c(1, 2, 4, 8), c(.25, .5, .75)) is 1.75, 3, 5.
	four := []float64{1, 2, 4, 8}
	for _, c := range []struct{ p, want float64 }{{0.25, 1.75}, {0.5, 3}, {0.75, 5}} {
		if got := quantile(four, c.p); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("quantile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if got := quantile([]float64{7}, 0.75); got != 7 {
		t.Errorf("quantile of one = %v", got)
	}
}

func TestShowRules(t *testing.T) {
	whole := []int{12, 8, 5, 0}
	rule := subgroup(5, whole)
	for _, c := range []struct {
		k, n int
		want bool
	}{
		{0, 6, true},  // six of twelve: the rest is six
		{0, 8, false}, // eight of twelve: the rest is four
		{0, 4, false}, // too small
		{1, 8, true},  // the whole: nobody else
		{2, 5, true},
		{3, 0, false},
	} {
		if got := rule(c.k, c.n); got != c.want {
			t.Errorf("subgroup: %d of %d = %v, want %v", c.n, whole[c.k], got, c.want)
		}
	}
	if minGroup(5)(0, 4) || !minGroup(5)(0, 5) || showAll(0, 0) || !showAll(0, 1) {
		t.Error("minGroup or showAll")
	}
}

func TestDimensionAndChangeStats(t *testing.T) {
	inst := sampleInstrument(t)
	bands := inst.Dimensions[0].Bands // 0, 40, 60, 80
	var people [][]GroupScore
	var comparisons []*assessment.Comparison
	for i, s := range []float64{20, 45, 45, 70, 90, 100} {
		scores := map[string]float64{inst.Dimensions[0].Slug: s}
		people = append(people, groupScores(inst, scores))
		before, change, rci := s-10, 10.0, []float64{2.5, -2.2, 1.0, 3.0, 0.5, 2.0}[i]
		c := &assessment.Comparison{Dimensions: []assessment.DimensionChange{{Slug: inst.Dimensions[0].Slug, Before: &before,
			After: &s, Change: &change, RCI: &rci, Reliable: math.Abs(rci) > 1.96}}}
		if i == 5 {
			c.Dimensions[0].RCI, c.Dimensions[0].Reliable = nil, false
		}
		comparisons = append(comparisons, c)
	}
	comparisons = append(comparisons, nil)
	people = append(people, groupScores(inst, nil))
	if people[0][0].Band != 0 || people[1][0].Band != 1 || people[6][0].Score != nil || people[6][0].Band != -1 {
		t.Fatalf("scores = %+v", people)
	}
	stats := dimensionStats(inst, people, minGroup(5))
	d := stats[0]
	if !d.Shown || d.N != 6 || math.Abs(d.Mean-370.0/6) > 1e-9 || d.Median != 57.5 || d.Q1 != 45 || d.Q3 != 85 ||
		fmt.Sprint(d.Bands) != "[1 2 1 2]" || d.MeanBand != 2 || len(bands) != 4 {
		t.Errorf("stats = %+v", d)
	}
	if stats[1].N != 0 || stats[1].Shown {
		t.Errorf("a dimension nobody scored = %+v", stats[1])
	}
	ch := changeStats(inst, comparisons, minGroup(5))[0]
	if !ch.Shown || ch.N != 6 || ch.MeanChange != 10 || ch.Assessable != 5 || ch.Improved != 2 || ch.Declined != 1 {
		t.Errorf("change = %+v", ch)
	}
	if hidden := changeStats(inst, comparisons[:4], minGroup(5))[0]; hidden.Shown || hidden.Improved != 0 || hidden.N != 4 {
		t.Errorf("change of four = %+v", hidden)
	}
}

func TestStrengthsAndGaps(t *testing.T) {
	stats := []DimensionStats{
		{Slug: "a", Shown: true, Mean: 50}, {Slug: "b", Shown: true, Mean: 70}, {Slug: "c", Shown: false},
		{Slug: "d", Shown: true, Mean: 30}, {Slug: "e", Shown: true, Mean: 60},
	}
	s, g := strengthsAndGaps(stats)
	if fmt.Sprint(s) != "[b e]" || fmt.Sprint(g) != "[d a]" {
		t.Errorf("strengths %v, gaps %v", s, g)
	}
}
