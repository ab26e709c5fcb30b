package reports

import (
	"math"
	"slices"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/psychometrics"
)

// showRule says whether the statistics of dimension k over n people may be shown.
type showRule func(k, n int) bool

// showAll lets every group with a score be described (the cohort report: its coaches see
// each learner anyway).
func showAll(_, n int) bool { return n > 0 }

// minGroup lets a group be described when it has at least size people.
func minGroup(size int) showRule { return func(_, n int) bool { return n >= size } }

// subgroup lets a part of a group be described when it has at least size people and the
// rest of the whole (whole[k] people on dimension k) is either nobody or at least size
// people too, so that the rest's results cannot be worked out from the whole's and the
// part's.
func subgroup(size int, whole []int) showRule {
	return func(k, n int) bool {
		rest := whole[k] - n
		return n >= size && (rest == 0 || rest >= size)
	}
}

// bandOf is the index of the last band whose lower bound is at most score, -1 for none
// (the rule of package scoring).
func bandOf(bands []BandDef, score float64) int {
	band := -1
	for i, b := range bands {
		if b.Min <= score {
			band = i
		}
	}
	return band
}

// groupScores lays a person's latest scores out in the instrument's order, with bands.
func groupScores(inst *GroupInstrument, scores map[string]float64) []GroupScore {
	out := make([]GroupScore, len(inst.Dimensions))
	for i, d := range inst.Dimensions {
		out[i] = GroupScore{Band: -1}
		if v, ok := scores[d.Slug]; ok {
			out[i] = GroupScore{Score: &v, Band: bandOf(d.Bands, v)}
		}
	}
	return out
}

// dimensionStats describes each dimension over the people's scores (one []GroupScore per
// person, in the instrument's order); dimension k with n scores is described when
// shown(k, n).
func dimensionStats(inst *GroupInstrument, people [][]GroupScore, shown showRule) []DimensionStats {
	out := make([]DimensionStats, len(inst.Dimensions))
	for k, d := range inst.Dimensions {
		var xs []float64
		for _, p := range people {
			if s := p[k].Score; s != nil {
				xs = append(xs, *s)
			}
		}
		st := DimensionStats{Slug: d.Slug, N: len(xs)}
		if shown(k, st.N) {
			slices.Sort(xs)
			st.Shown = true
			st.Mean = psychometrics.Mean(xs)
			if st.N > 1 {
				st.SD = psychometrics.SD(xs)
			}
			st.Q1, st.Median, st.Q3 = quantile(xs, 0.25), quantile(xs, 0.5), quantile(xs, 0.75)
			st.Bands = make([]int, len(d.Bands))
			for _, x := range xs {
				if b := bandOf(d.Bands, x); b >= 0 {
					st.Bands[b]++
				}
			}
			st.MeanBand = bandOf(d.Bands, st.Mean)
		}
		out[k] = st
	}
	return out
}

// quantile is the p-quantile of sorted xs by linear interpolation between order statistics
// (Hyndman and Fan's type 7, R's default).
func quantile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}

// changeStats describes each dimension's change from first to latest over the people's
// comparisons (nil entries are people without one); dimension k with n changes is
// described when shown(k, n).
func changeStats(inst *GroupInstrument, changes []*assessment.Comparison, shown showRule) []ChangeStats {
	out := make([]ChangeStats, len(inst.Dimensions))
	for k, d := range inst.Dimensions {
		st := ChangeStats{Slug: d.Slug}
		var diffs []float64
		for _, c := range changes {
			if c == nil {
				continue
			}
			i := slices.IndexFunc(c.Dimensions, func(x assessment.DimensionChange) bool { return x.Slug == d.Slug })
			if i < 0 || c.Dimensions[i].Change == nil {
				continue
			}
			dc := c.Dimensions[i]
			diffs = append(diffs, *dc.Change)
			if dc.RCI == nil {
				continue
			}
			st.Assessable++
			switch {
			case dc.Reliable && *dc.RCI > 0:
				st.Improved++
			case dc.Reliable:
				st.Declined++
			}
		}
		st.N = len(diffs)
		if shown(k, st.N) {
			st.Shown = true
			st.MeanChange = psychometrics.Mean(diffs)
		} else {
			st.Assessable, st.Improved, st.Declined = 0, 0, 0
		}
		out[k] = st
	}
	return out
}

// strengthsAndGaps picks, among the shown dimensions, the highest means (up to three,
// highest first) and the lowest (up to three, lowest first), as the learner report picks
// strengths and priorities.
func strengthsAndGaps(stats []DimensionStats) (strengths, gaps []string) {
	var dims []Dimension
	var slugs []string
	for _, st := range stats {
		if st.Shown {
			mean := st.Mean
			dims = append(dims, Dimension{Slug: st.Slug, Score: &mean})
			slugs = append(slugs, st.Slug)
		}
	}
	s, g := pickFocus(dims)
	for _, i := range s {
		strengths = append(strengths, slugs[i])
	}
	for _, i := range g {
		gaps = append(gaps, slugs[i])
	}
	return strengths, gaps
}
