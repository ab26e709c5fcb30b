package threesixty_test

import (
	"math/rand/v2"
	"reflect"
	"testing"

	ts "github.com/academy-platform/academy/internal/development/threesixty"
)

func TestMerge(t *testing.T) {
	cases := []struct {
		name   string
		counts map[ts.Relationship]int
		named  []ts.Relationship
		merged []ts.Relationship
	}{
		{"all groups large enough", map[ts.Relationship]int{ts.Peer: 3, ts.Manager: 4}, []ts.Relationship{ts.Peer, ts.Manager}, nil},
		{"a group of 2 and a group of 1 make others of 3", map[ts.Relationship]int{ts.Peer: 3, ts.Manager: 2, ts.Client: 1},
			[]ts.Relationship{ts.Peer}, []ts.Relationship{ts.Manager, ts.Client}},
		{"others of 2 takes the smallest shown group too", map[ts.Relationship]int{ts.Peer: 3, ts.Manager: 2},
			nil, []ts.Relationship{ts.Manager, ts.Peer}},
		{"others of 1 takes the smallest shown group", map[ts.Relationship]int{ts.Peer: 4, ts.Manager: 3, ts.Client: 1},
			[]ts.Relationship{ts.Peer}, []ts.Relationship{ts.Client, ts.Manager}},
		{"ties take the later group", map[ts.Relationship]int{ts.Peer: 3, ts.DirectReport: 3, ts.Client: 1},
			[]ts.Relationship{ts.Peer}, []ts.Relationship{ts.Client, ts.DirectReport}},
		{"one group", map[ts.Relationship]int{ts.Peer: 5}, []ts.Relationship{ts.Peer}, nil},
		{"too few in all", map[ts.Relationship]int{ts.Peer: 2}, nil, []ts.Relationship{ts.Peer}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			named, merged := ts.Merge(c.counts)
			if !reflect.DeepEqual(named, c.named) || !reflect.DeepEqual(merged, c.merged) {
				t.Fatalf("ts.Merge(%v) = %v, %v; want %v, %v", c.counts, named, merged, c.named, c.merged)
			}
		})
	}
}

func ratings(spec ...any) []ts.Rating {
	var out []ts.Rating
	for i := 0; i < len(spec); i += 2 {
		out = append(out, ts.Rating{Relationship: spec[i].(ts.Relationship), Score: float64(spec[i+1].(int))})
	}
	return out
}

func TestSummarise(t *testing.T) {
	cases := []struct {
		name    string
		ratings []ts.Rating
		mean    *float64
		groups  []ts.GroupMean
	}{
		{"no observers", nil, nil, nil},
		{"two observers show nothing", ratings(ts.Peer, 50, ts.Peer, 70), nil, nil},
		{"three peers", ratings(ts.Peer, 50, ts.Peer, 70, ts.Peer, 90), ptr(70.0), []ts.GroupMean{{ts.Peer, 3, 70}}},
		{"managers (2) merged into others with a client", ratings(ts.Peer, 50, ts.Peer, 70, ts.Peer, 90, ts.Manager, 10, ts.Manager, 20, ts.Client, 30),
			ptr(45.0), []ts.GroupMean{{ts.Peer, 3, 70}, {ts.Others, 3, 20}}},
		{"others of 2 leaves only the overall mean", ratings(ts.Peer, 50, ts.Peer, 70, ts.Peer, 90, ts.Manager, 10, ts.Manager, 20),
			ptr(48.0), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := ts.Summarise(c.ratings)
			if s.N != len(c.ratings) || !reflect.DeepEqual(s.Mean, c.mean) || !reflect.DeepEqual(s.Groups, c.groups) {
				t.Fatalf("ts.Summarise = %+v (mean %v), want mean %v groups %+v", s, deref(s.Mean), deref(c.mean), c.groups)
			}
		})
	}
}

// TestNoMeanRevealsFewerThanThree: whatever the mix of relationships, every mean shown is
// over at least three observers, and so is what is left when the shown groups are taken
// out of the overall mean (the difference attack).
func TestNoMeanRevealsFewerThanThree(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	rels := ts.Relationships()
	for range 2000 {
		counts := map[ts.Relationship]int{}
		var in []ts.Rating
		for _, rel := range rels {
			counts[rel] = r.IntN(5)
			for range counts[rel] {
				in = append(in, ts.Rating{Relationship: rel, Score: float64(r.IntN(101))})
			}
		}
		s := ts.Summarise(in)
		if len(in) < ts.MinObservers {
			if s.Mean != nil || s.Groups != nil {
				t.Fatalf("%v: results with %d observers", counts, len(in))
			}
			continue
		}
		rest := len(in)
		for _, g := range s.Groups {
			if g.N < ts.MinObservers {
				t.Fatalf("%v: group %s of %d shown", counts, g.Relationship, g.N)
			}
			rest -= g.N
		}
		if len(s.Groups) > 0 && rest != 0 {
			t.Fatalf("%v: groups %+v do not cover everyone", counts, s.Groups)
		}
		named := 0
		for _, g := range s.Groups {
			if g.Relationship != ts.Others {
				named += g.N
			}
		}
		if left := len(in) - named; left > 0 && left < ts.MinObservers {
			t.Fatalf("%v: overall minus shown groups leaves %d observers", counts, left)
		}
	}
}

func TestClassify(t *testing.T) {
	cases := []struct {
		self, others float64
		want         ts.Kind
	}{
		{66.67, 33.34, ts.NoGap},          // gap 33.33
		{66.68, 33.34, ts.BlindSpot},      // gap 33.34
		{33.34, 66.67, ts.NoGap},          // gap −33.33
		{33.34, 66.68, ts.HiddenStrength}, // gap −33.34
		{100.0 / 3 * 2, 100.0 / 3, ts.NoGap},
		{100, 0, ts.BlindSpot},
		{0, 100, ts.HiddenStrength},
		{50, 50, ts.NoGap},
	}
	for _, c := range cases {
		if got := ts.Classify(c.self, c.others); got != c.want {
			t.Errorf("ts.Classify(%v, %v) = %q, want %q", c.self, c.others, got, c.want)
		}
	}
}

func TestMeanOf(t *testing.T) {
	if ts.MeanOf([]float64{4, 5}) != nil {
		t.Error("mean of 2 shown")
	}
	if m := ts.MeanOf([]float64{3, 4, 5}); m == nil || *m != 4 {
		t.Errorf("ts.MeanOf = %v", m)
	}
}

func ptr[T any](v T) *T { return &v }

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
