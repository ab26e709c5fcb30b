package assessment_test

import (
	"reflect"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/identity"
)

// TestNormsSnapshot checks that a snapshot places attempts exactly as Store.Norms does,
// reads each group once, and therefore does not see attempts submitted after that read.
func TestNormsSnapshot(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add("", "small.yaml")
		var learners []identity.User
		var attempts []assessment.Attempt
		for i := range 8 {
			u := f.learner(acme.ID)
			learners = append(learners, u)
			attempts = append(attempts, f.submit(u, "small", reachAnswers(1+i%5)))
			f.clock.Advance(1)
		}
		snap := f.store.NormsSnapshot()
		groups := []assessment.Group{assessment.OrganisationGroup(acme.ID), assessment.Everyone(),
			assessment.CohortGroup([]string{learners[0].ID, learners[1].ID, learners[2].ID})}
		for _, g := range groups {
			for _, a := range attempts {
				want, err := f.store.Norms(f.ctx, a.ID, g)
				wantIs(t, err, nil)
				got, err := snap.Norms(f.ctx, a.ID, g)
				wantIs(t, err, nil)
				got.ComputedAt, want.ComputedAt = want.ComputedAt, got.ComputedAt
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s, attempt %s: snapshot %+v, store %+v", g.Kind, a.ID, got, want)
				}
			}
		}
		late := f.submit(f.learner(acme.ID), "small", reachAnswers(5))
		fresh, err := f.store.Norms(f.ctx, late.ID, groups[0])
		wantIs(t, err, nil)
		kept, err := snap.Norms(f.ctx, late.ID, groups[0])
		wantIs(t, err, nil)
		size := func(n assessment.Norms) int {
			for _, d := range n.Dimensions {
				if d.Slug == "reach" {
					return d.GroupSize
				}
			}
			t.Fatal("no reach dimension")
			return 0
		}
		if size(fresh) != 9 || size(kept) != 8 {
			t.Fatalf("group sizes: store %d (want 9), snapshot %d (want the 8 it read)", size(fresh), size(kept))
		}
	})
}
