package scoring

import (
	"fmt"

	"github.com/academy-platform/academy/internal/assessment/instrument"
)

// DimensionScore is the result of one dimension of one attempt.
type DimensionScore struct {
	Dimension string
	// Items is the number of items of the dimension, Answered how many were answered and
	// Required how many answers a score needs.
	Items, Answered, Required int
	// Mean is the mean item score on the instrument's scale and Score the 0–100 score; both
	// are nil when the dimension is not scored (too few answers).
	Mean, Score *float64
	// Band is the index of the score's band in the dimension's Bands, or -1 when not scored.
	Band int
}

// Scored reports whether the dimension has a score.
func (d DimensionScore) Scored() bool { return d.Score != nil }

// Required is the number of answers a dimension of n items needs for a score: two thirds
// of n, rounded up.
func Required(n int) int { return (2*n + 2) / 3 }

// BandOf returns the index of the last band whose Min is ≤ score (bands ascend from 0).
func BandOf(bands []instrument.Band, score float64) int {
	band := -1
	for i, b := range bands {
		if b.Min <= score {
			band = i
		}
	}
	return band
}

// Scorer scores answers to one instrument. Build it once per instrument with NewScorer
// when scoring many attempts; it is safe for concurrent use.
type Scorer struct {
	def    *instrument.Definition
	items  map[string]instrument.Item
	counts map[string]int // items per dimension
}

// NewScorer prepares the scoring of def.
func NewScorer(def *instrument.Definition) *Scorer {
	s := &Scorer{def: def, items: make(map[string]instrument.Item, len(def.Items)), counts: map[string]int{}}
	for _, it := range def.Items {
		s.items[it.ID] = it
		s.counts[it.Dimension]++
	}
	return s
}

// Score scores one attempt: answers maps item ids to answers. It returns one entry per
// dimension in the instrument's order, or an error if an answer names an unknown item or
// is invalid (see Check).
func Score(def *instrument.Definition, answers map[string]Answer) ([]DimensionScore, error) {
	return NewScorer(def).Score(answers)
}

// Score scores one attempt; see the package function Score.
func (s *Scorer) Score(answers map[string]Answer) ([]DimensionScore, error) {
	sc := s.def.Scale
	sums := make(map[string]int, len(s.def.Dimensions))
	answered := make(map[string]int, len(s.def.Dimensions))
	for id, a := range answers {
		it, ok := s.items[id]
		if !ok {
			return nil, fmt.Errorf("item %q is not part of instrument %s", id, s.def.ID)
		}
		if err := CheckItem(sc, it, a); err != nil {
			return nil, fmt.Errorf("item %s: %w", id, err)
		}
		sums[it.Dimension] += thirds(sc, it, a)
		answered[it.Dimension]++
	}
	out := make([]DimensionScore, len(s.def.Dimensions))
	for i, dim := range s.def.Dimensions {
		n := answered[dim.Slug]
		ds := DimensionScore{Dimension: dim.Slug, Items: s.counts[dim.Slug], Answered: n, Band: -1}
		ds.Required = Required(ds.Items)
		if n > 0 && n >= ds.Required {
			t := sums[dim.Slug]
			mean := float64(sc.Min) + float64(t)/float64(3*n)
			score := float64(100*t) / float64(3*n*(sc.Max-sc.Min))
			ds.Mean, ds.Score = &mean, &score
			ds.Band = BandOf(dim.Bands, score)
		}
		out[i] = ds
	}
	return out, nil
}
