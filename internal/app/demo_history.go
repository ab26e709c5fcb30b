package app

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
)

// demoSittings are when the demo learners took the self-assessment: about four months
// ago, and again recently after working on the course.
var demoSittings = []time.Duration{-124 * 24 * time.Hour, -9 * 24 * time.Hour}

// loadDemoAssessments gives each demo organisation's learners two self-assessments months
// apart, generated from a stable profile per learner with real growth in some dimensions,
// so results, percentiles, growth and reliability show real-looking numbers on first run.
// They enter through the response import, the same path as any imported data.
func loadDemoAssessments(ctx context.Context, st *assessment.Store, orgID, slug string, learners int, now time.Time) error {
	list, err := st.Instruments(ctx, orgID)
	if err != nil {
		return err
	}
	var self assessment.Instrument
	for _, i := range list {
		if i.Key == "networking-self" {
			self = i
		}
	}
	if self.ID == "" {
		return fmt.Errorf("the built-in self-assessment is not loaded")
	}
	def, err := st.Definition(ctx, self.ID)
	if err != nil {
		return err
	}
	for sitting, at := range demoSittings {
		csv := demoResponses(def, slug, learners, sitting)
		_, err := st.ImportResponses(ctx, assessment.ImportOptions{
			InstrumentID: self.ID, OrganisationID: orgID, MatchUsers: true, SubmittedAt: now.Add(at),
		}, strings.NewReader(csv))
		if err != nil {
			return fmt.Errorf("demo assessments of %s: %w", slug, err)
		}
	}
	return nil
}

// demoResponses writes one sitting of answers as an import file. Each learner has a level
// per dimension (seeded by the organisation and learner, so the demo is the same every
// time); answers scatter around it; at the second sitting most levels have grown.
func demoResponses(def *instrument.Definition, slug string, learners, sitting int) string {
	var b strings.Builder
	b.WriteString("email")
	for _, it := range def.Items {
		b.WriteString("," + it.ID)
	}
	b.WriteString("\n")
	dims := map[string]int{}
	for i, d := range def.Dimensions {
		dims[d.Slug] = i
	}
	for n := 1; n <= learners; n++ {
		seed := uint64(len(slug))*1000 + uint64(n)
		profile, growth := rand.New(rand.NewPCG(seed, 7)), rand.New(rand.NewPCG(seed, 8))
		level := make([]float64, len(def.Dimensions))
		for i := range level {
			level[i] = profile.NormFloat64()*0.7 + 3.0
			if g := growth.Float64() * 0.8; sitting > 0 {
				level[i] += g
			}
		}
		noise := rand.New(rand.NewPCG(seed, uint64(100+sitting)))
		fmt.Fprintf(&b, "learner%d@%s.example", n, slug)
		for _, it := range def.Items {
			l := level[dims[it.Dimension]]
			b.WriteString(",")
			if it.Type == instrument.SJT {
				b.WriteString(strconv.Itoa(demoOption(it, l, noise)))
				continue
			}
			v := int(math.Round(l + noise.NormFloat64()*0.7))
			v = max(def.Scale.Min, min(def.Scale.Max, v))
			if it.Reverse {
				v = def.Scale.Min + def.Scale.Max - v
			}
			b.WriteString(strconv.Itoa(v))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// demoOption picks the scenario option (1-based) whose weight is nearest the learner's
// level, with some noise.
func demoOption(it instrument.Item, level float64, noise *rand.Rand) int {
	want := (level-1)/4*3 + noise.NormFloat64()*0.6
	best, bestGap := 1, math.Inf(1)
	for i, o := range it.Options {
		if gap := math.Abs(float64(o.Weight) - want); gap < bestGap {
			best, bestGap = i+1, gap
		}
	}
	return best
}
