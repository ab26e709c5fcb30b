package assessment_test

import (
	"slices"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

func keys(list []assessment.Instrument) []string {
	var out []string
	for _, i := range list {
		out = append(out, i.Key)
	}
	slices.Sort(out)
	return out
}

func TestAssignmentsDecideWhatLearnersAreOffered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme, globex := f.org("acme"), f.org("globex")
		f.add("", "small.yaml") // built in
		f.add(acme.ID, "bfi.yaml")
		sales, _ := f.ids.CreateCohort(f.ctx, acme.ID, identity.CohortInput{Name: "Sales"})
		other, _ := f.ids.CreateCohort(f.ctx, acme.ID, identity.CohortInput{Name: "Other"})

		offered := func(orgID string, cohorts ...string) []string {
			t.Helper()
			list, err := f.store.Offered(f.ctx, orgID, cohorts)
			if err != nil {
				t.Fatal(err)
			}
			return keys(list)
		}
		if got := offered(acme.ID, sales.ID); !slices.Equal(got, []string{"small"}) {
			t.Fatalf("before assigning: %v", got)
		}
		if err := f.store.Assign(f.ctx, acme.ID, "bfi-test", sales.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.store.Assign(f.ctx, acme.ID, "bfi-test", sales.ID); err != nil {
			t.Fatalf("assigning twice: %v", err)
		}
		if got := offered(acme.ID, sales.ID); !slices.Equal(got, []string{"bfi-test", "small"}) {
			t.Fatalf("after assigning: %v", got)
		}
		if got := offered(acme.ID, other.ID); !slices.Equal(got, []string{"small"}) {
			t.Fatalf("another cohort: %v", got)
		}
		if got := offered(acme.ID); !slices.Equal(got, []string{"small"}) {
			t.Fatalf("no cohort: %v", got)
		}
		wantField(t, f.store.CheckOffered(f.ctx, acme.ID, []string{other.ID}, "bfi-test"), "instrument", "unknown")
		if err := f.store.CheckOffered(f.ctx, acme.ID, []string{sales.ID}, "bfi-test"); err != nil {
			t.Fatal(err)
		}
		// Only an organisation's own instruments can be assigned.
		wantIs(t, f.store.Assign(f.ctx, acme.ID, "small", sales.ID), errs.ErrNotFound)
		wantIs(t, f.store.Assign(f.ctx, globex.ID, "bfi-test", sales.ID), errs.ErrNotFound)
		got, err := f.store.Assignments(f.ctx, acme.ID)
		if err != nil || !slices.Equal(got["bfi-test"], []string{sales.ID}) {
			t.Fatalf("assignments = %v, %v", got, err)
		}
		if err := f.store.Unassign(f.ctx, acme.ID, "bfi-test", sales.ID); err != nil {
			t.Fatal(err)
		}
		if got := offered(acme.ID, sales.ID); !slices.Equal(got, []string{"small"}) {
			t.Fatalf("after unassigning: %v", got)
		}
	})
}
