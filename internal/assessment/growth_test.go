package assessment_test

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/psychometrics"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
)

// smallResponses is a response import for small.yaml with n respondents whose answers
// correlate within each dimension, and a few missing cells.
func smallResponses(n int) string {
	var b strings.Builder
	b.WriteString("external_id,F1,F2,F3,FS,R1,R2,R3\n")
	for r := range n {
		base := r % 5
		cell := func(shift int) int { return 1 + (base+shift)%5 }
		f3 := fmt.Sprint(cell(r / 3 % 2))
		if r%7 == 0 {
			f3 = ""
		}
		r2 := fmt.Sprint(cell(r / 4 % 2))
		if r%6 == 0 {
			r2 = ""
		}
		fmt.Fprintf(&b, "resp-%d,%d,%d,%s,%d,%d,%s,%d\n", r, cell(r%2), 5-base, f3, 1+base%4, cell(r/2%2), r2, cell(0))
	}
	return b.String()
}

func TestGrowth(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		v1 := f.add(acme.ID, "small.yaml")
		_, err := f.store.ImportResponses(f.ctx, assessment.ImportOptions{InstrumentID: v1, OrganisationID: acme.ID},
			strings.NewReader(smallResponses(40)))
		wantIs(t, err, nil)
		u := f.learner(acme.ID)
		low := f.submit(u, "small", map[string]any{"F1": 1, "F2": 5, "F3": 2, "FS": opt(0), "R1": 2})
		f.clock.Advance(1)
		mid := f.submit(u, "small", map[string]any{"F1": 3, "F2": 3, "F3": 3, "FS": opt(1), "R1": 3, "R2": 3})
		f.clock.Advance(1)
		high := f.submit(u, "small", map[string]any{"F1": 5, "F2": 1, "F3": 5, "FS": opt(3), "R1": 5, "R2": 4, "R3": 5})

		g, err := f.store.Growth(f.ctx, high.ID)
		wantIs(t, err, nil)
		if len(g.Earlier) != 2 || g.Earlier[0].AttemptID != mid.ID || g.Earlier[1].AttemptID != low.ID {
			t.Fatalf("earlier = %+v, want mid then low", g.Earlier)
		}
		rel, err := f.store.Psychometrics(f.ctx, v1, "")
		wantIs(t, err, nil)
		results := map[string]assessment.Result{}
		for _, a := range []assessment.Attempt{low, mid, high} {
			results[a.ID], err = f.store.Results(f.ctx, a.ID)
			wantIs(t, err, nil)
		}
		for _, c := range g.Earlier {
			for k, d := range c.Dimensions {
				before, after := results[c.AttemptID].Dimensions[k].Score, results[high.ID].Dimensions[k].Score
				if before == nil {
					if d.Change != nil || d.RCI != nil || d.NoRCI != assessment.NoRCINotScored {
						t.Errorf("%s vs %s: %+v, want not scored", c.AttemptID, d.Slug, d)
					}
					continue
				}
				dim := rel.Dimensions[k]
				sd := *dim.SD * 100 / 4
				wantRCI, wantReliable := psychometrics.ReliableChange(*before, *after, sd, *dim.Alpha)
				if d.Change == nil || math.Abs(*d.Change-(*after-*before)) > 1e-9 || d.RCI == nil ||
					math.Abs(*d.RCI-wantRCI) > 1e-9 || d.Reliable != wantReliable || d.Reliable != (math.Abs(wantRCI) > 1.96) {
					t.Errorf("%s: %+v; want change %v, RCI %v (%v)", d.Slug, d, *after-*before, wantRCI, wantReliable)
				}
				if b := g.Reliability[d.Slug]; b.N != dim.N || *b.Alpha != *dim.Alpha || math.Abs(*b.SD-sd) > 1e-12 {
					t.Errorf("%s: basis %+v, want alpha %v sd %v", d.Slug, b, *dim.Alpha, sd)
				}
			}
		}
		// focus from low (6.25) to high (100) is a reliable change; reach from low is not scored.
		if d := g.Earlier[1].Dimensions[0]; !d.Reliable || *d.Change != 93.75 {
			t.Errorf("low → high focus = %+v", d)
		}
		if d := g.Earlier[1].Dimensions[1]; d.NoRCI != assessment.NoRCINotScored {
			t.Errorf("low → high reach = %+v", d)
		}
		// The earliest attempt has nothing before it.
		g, err = f.store.Growth(f.ctx, low.ID)
		wantIs(t, err, nil)
		if len(g.Earlier) != 0 {
			t.Errorf("earlier than the first: %+v", g.Earlier)
		}
		_, err = f.store.Growth(f.ctx, f.start(u, "small").ID)
		wantIs(t, err, errs.ErrConflict)
	})
}

// TestGrowthNeverMixesChangedVersions: attempts on a version with changed items are not
// compared; versions with identical content are.
func TestGrowthNeverMixesChangedVersions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u := f.learner(acme.ID)
		answers := map[string]any{"F1": 3, "F2": 3, "F3": 3, "FS": opt(1), "R1": 3, "R2": 3}
		f.submit(u, "small", answers)
		f.clock.Advance(1)
		f.add(acme.ID, "small-v2.yaml") // F3 reworded
		onV2 := f.submit(u, "small", answers)
		f.clock.Advance(1)
		g, err := f.store.Growth(f.ctx, onV2.ID)
		wantIs(t, err, nil)
		if len(g.Earlier) != 0 {
			t.Errorf("v2 attempt compared with %+v", g.Earlier)
		}
		// Version 3 has the content of version 2: their attempts are comparable.
		data, err := os.ReadFile("testdata/small-v2.yaml")
		if err != nil {
			t.Fatal(err)
		}
		f.add(acme.ID, strings.Replace(string(data), "version: 2", "version: 3", 1))
		onV3 := f.submit(u, "small", map[string]any{"F1": 4, "F2": 2, "F3": 4, "FS": opt(2), "R1": 4, "R2": 4})
		g, err = f.store.Growth(f.ctx, onV3.ID)
		wantIs(t, err, nil)
		if len(g.Earlier) != 1 || g.Earlier[0].AttemptID != onV2.ID {
			t.Fatalf("v3 attempt compared with %+v, want the v2 attempt only", g.Earlier)
		}
		// One attempt on v3 gives no reliability: the change is there, the RCI is not.
		d := g.Earlier[0].Dimensions[0]
		if d.Change == nil || *d.Change <= 0 || d.RCI != nil || d.NoRCI != assessment.NoRCINoReliability {
			t.Errorf("change = %+v", d)
		}
	})
}

// TestGrowthReliabilityFollowsNewAttempts: growth reuses the reliability it computed while
// the submitted attempts stay the same, and recomputes it as soon as one is added.
func TestGrowthReliabilityFollowsNewAttempts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		v1 := f.add(acme.ID, "small.yaml")
		_, err := f.store.ImportResponses(f.ctx, assessment.ImportOptions{InstrumentID: v1, OrganisationID: acme.ID},
			strings.NewReader(smallResponses(20)))
		wantIs(t, err, nil)
		u := f.learner(acme.ID)
		f.submit(u, "small", map[string]any{"F1": 1, "F2": 5, "F3": 2, "FS": opt(0), "R1": 2, "R2": 2, "R3": 2})
		f.clock.Advance(1)
		second := f.submit(u, "small", map[string]any{"F1": 5, "F2": 1, "F3": 5, "FS": opt(3), "R1": 5, "R2": 4, "R3": 5})
		first, err := f.store.Growth(f.ctx, second.ID)
		wantIs(t, err, nil)
		again, err := f.store.Growth(f.ctx, second.ID)
		wantIs(t, err, nil)
		before := first.Reliability["focus"].N
		if before == 0 || again.Reliability["focus"].N != before {
			t.Fatalf("reliability N = %d then %d", before, again.Reliability["focus"].N)
		}
		_, err = f.store.ImportResponses(f.ctx, assessment.ImportOptions{InstrumentID: v1, OrganisationID: acme.ID},
			strings.NewReader(smallResponses(5)))
		wantIs(t, err, nil)
		// Within the refresh interval the cached reliability is used without a check.
		soon, err := f.store.Growth(f.ctx, second.ID)
		wantIs(t, err, nil)
		if n := soon.Reliability["focus"].N; n != before {
			t.Fatalf("within the refresh interval reliability N = %d, want the cached %d", n, before)
		}
		f.clock.Advance(assessment.DefaultConfig().ReliabilityRefresh)
		after, err := f.store.Growth(f.ctx, second.ID)
		wantIs(t, err, nil)
		if n := after.Reliability["focus"].N; n <= before {
			t.Fatalf("after 5 more attempts reliability N = %d, was %d", n, before)
		}
	})
}
