package assessment_test

import (
	"math"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// reachAnswers answers the three reach items with v (score (v−1)/4·100) and nothing of
// focus, which is then not scored.
func reachAnswers(v int) map[string]any { return map[string]any{"R1": v, "R2": v, "R3": v} }

func TestNorms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme, other := f.org("acme"), f.org("other")
		f.add("", "small.yaml") // built-in, so both organisations use the same version
		// Twelve acme learners score 0, 25, 50, 75, 100, 0, 25, … on reach; the last one
		// retakes it and scores 100, which replaces their 25 in every group.
		var learners []identity.User
		var first []assessment.Attempt
		for i := range 12 {
			u := f.learner(acme.ID)
			learners = append(learners, u)
			first = append(first, f.submit(u, "small", reachAnswers(1+i%5)))
			f.clock.Advance(1)
		}
		f.submit(learners[11], "small", reachAnswers(5))
		f.submit(f.learner(other.ID), "small", reachAnswers(5))

		cohort := []string{learners[0].ID, learners[1].ID, learners[2].ID, learners[3].ID, learners[4].ID}
		cases := []struct {
			name       string
			store      *assessment.Store
			attempt    assessment.Attempt
			group      assessment.Group
			size       int
			percentile float64 // -1: hidden
		}{
			// acme reach scores: 0×3, 25×2, 50×2, 75×2, 100×3 — 50 has 5 below and 2 equal.
			{"organisation", f.store, first[2], assessment.OrganisationGroup(acme.ID), 12, 100 * (5 + 1) / 12.0},
			// the retaken 25: 3 below, 2 equal (the 25s of learners 1 and 6).
			{"an earlier attempt is ranked in the latest ones", f.store, first[11], assessment.OrganisationGroup(acme.ID), 12, 100 * (3 + 1) / 12.0},
			{"everyone", f.store, first[2], assessment.Everyone(), 13, 100 * (5 + 1) / 13.0},
			{"a group below the minimum is hidden", f.store, first[2], assessment.OrganisationGroup(other.ID), 1, -1},
			{"a cohort of five is hidden by default", f.store, first[2], assessment.CohortGroup(cohort), 5, -1},
			{"a cohort of five with a minimum of 5", newFixture(t, gdb, func(c *assessment.Config) { c.MinNormGroup = 5 }).store,
				first[2], assessment.CohortGroup(cohort), 5, 50},
			{"an empty cohort", f.store, first[2], assessment.CohortGroup(nil), 0, -1},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				n, err := c.store.Norms(f.ctx, c.attempt.ID, c.group)
				wantIs(t, err, nil)
				if len(n.Dimensions) != 2 || n.Group != c.group.Kind || n.ComputedAt.IsZero() || n.MinGroupSize < 2 {
					t.Fatalf("norms = %+v", n)
				}
				focus, reach := n.Dimensions[0], n.Dimensions[1]
				if focus.Score != nil || focus.Percentile != nil || focus.GroupSize != 0 || !focus.Hidden {
					t.Errorf("focus (not scored) = %+v", focus)
				}
				if reach.GroupSize != c.size {
					t.Errorf("group size %d, want %d", reach.GroupSize, c.size)
				}
				if c.percentile < 0 {
					if reach.Percentile != nil || !reach.Hidden {
						t.Errorf("reach = %+v, want hidden", reach)
					}
					return
				}
				if reach.Hidden || reach.Percentile == nil || math.Abs(*reach.Percentile-c.percentile) > 1e-9 {
					t.Errorf("reach = %+v, want percentile %v", reach, c.percentile)
				}
			})
		}
		open := f.start(learners[0], "small")
		_, err := f.store.Norms(f.ctx, open.ID, assessment.Everyone())
		wantIs(t, err, errs.ErrConflict)
	})
}
