package assessment_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

func TestScoreHistories(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		v1 := f.add(acme.ID, "small.yaml")
		_, err := f.store.ImportResponses(f.ctx, assessment.ImportOptions{InstrumentID: v1, OrganisationID: acme.ID},
			strings.NewReader(smallResponses(40)))
		wantIs(t, err, nil)
		grower, once, never := f.learner(acme.ID), f.learner(acme.ID), f.learner(acme.ID)
		f.submit(grower, "small", map[string]any{"F1": 1, "F2": 5, "F3": 2, "FS": opt(0), "R1": 2})
		f.clock.Advance(1)
		f.submit(grower, "small", map[string]any{"F1": 3, "F2": 3, "F3": 3, "FS": opt(1), "R1": 3, "R2": 3})
		f.clock.Advance(1)
		high := f.submit(grower, "small", map[string]any{"F1": 5, "F2": 1, "F3": 5, "FS": opt(3), "R1": 5, "R2": 4, "R3": 5})
		single := f.submit(once, "small", map[string]any{"F1": 4, "F2": 2, "F3": 4, "FS": opt(2)})
		f.start(never, "small") // open: does not count

		hs, err := f.store.ScoreHistories(f.ctx, []string{grower.ID, once.ID, never.ID, grower.ID}, "small")
		wantIs(t, err, nil)
		if len(hs) != 2 {
			t.Fatalf("histories of %d people, want 2: %+v", len(hs), hs)
		}
		g, err := f.store.Growth(f.ctx, high.ID)
		wantIs(t, err, nil)
		h := hs[grower.ID]
		if h.Latest.ID != high.ID || h.Attempts != 3 || h.Change == nil {
			t.Fatalf("grower = %+v", h)
		}
		// The change is Growth's comparison with the earliest attempt, number for number.
		want := g.Earlier[len(g.Earlier)-1]
		if got, exp := jsonOf(t, *h.Change), jsonOf(t, want); got != exp {
			t.Errorf("change = %s\nwant %s", got, exp)
		}
		res, err := f.store.Results(f.ctx, high.ID)
		wantIs(t, err, nil)
		for _, d := range res.Dimensions {
			if got, ok := h.Scores[d.Slug]; ok != (d.Score != nil) || ok && got != *d.Score {
				t.Errorf("%s: score %v (%v), want %v", d.Slug, got, ok, d.Score)
			}
		}
		s := hs[once.ID]
		if s.Latest.ID != single.ID || s.Attempts != 1 || s.Change != nil {
			t.Errorf("single attempt = %+v", s)
		}
		if _, ok := hs[never.ID]; ok {
			t.Error("an open attempt counts")
		}
	})
}

// TestScoreHistoriesCompareIdenticalContentOnly: the first attempt compared is the earliest
// on content identical to the latest attempt's, as in Growth.
func TestScoreHistoriesCompareIdenticalContentOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u := f.learner(acme.ID)
		answers := map[string]any{"F1": 3, "F2": 3, "F3": 3, "FS": opt(1), "R1": 3, "R2": 3}
		f.submit(u, "small", answers)
		f.clock.Advance(1)
		f.add(acme.ID, "small-v2.yaml") // F3 reworded
		first := f.submit(u, "small", answers)
		f.clock.Advance(1)
		latest := f.submit(u, "small", map[string]any{"F1": 4, "F2": 2, "F3": 4, "FS": opt(2), "R1": 4, "R2": 4})
		hs, err := f.store.ScoreHistories(f.ctx, []string{u.ID}, "small")
		wantIs(t, err, nil)
		h := hs[u.ID]
		if h.Attempts != 3 || h.Latest.ID != latest.ID || h.Change == nil || h.Change.AttemptID != first.ID {
			t.Fatalf("history = %+v", h)
		}
	})
}

// TestScoreHistoriesQueries: the number of queries does not grow with the people.
func TestScoreHistoriesQueries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		answers := map[string]any{"F1": 3, "F2": 3, "F3": 3, "FS": opt(1), "R1": 3, "R2": 3}
		var people []string
		var queries []int64
		for _, n := range []int{2, 12} {
			for len(people) < n {
				u := f.learner(acme.ID)
				people = append(people, u.ID)
				f.submit(u, "small", answers)
				f.clock.Advance(1)
				f.submit(u, "small", answers)
			}
			// Warm the caches (definitions, reliability) first: they are per version.
			_, err := f.store.ScoreHistories(f.ctx, people, "small")
			wantIs(t, err, nil)
			q := counting(t, gdb, func() {
				hs, err := f.store.ScoreHistories(f.ctx, people, "small")
				wantIs(t, err, nil)
				if len(hs) != n {
					t.Fatalf("%d histories, want %d", len(hs), n)
				}
			})
			queries = append(queries, q)
		}
		if queries[0] != queries[1] {
			t.Errorf("queries: %d for 2 people, %d for 12", queries[0], queries[1])
		}
	})
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// counting counts the statements gdb runs while fn runs.
func counting(t *testing.T, gdb *gorm.DB, fn func()) int64 {
	t.Helper()
	var n atomic.Int64
	var on atomic.Bool
	count := func(*gorm.DB) {
		if on.Load() {
			n.Add(1)
		}
	}
	name := fmt.Sprintf("test:count:%p", &n)
	cb := gdb.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register(name, count),
		cb.Row().After("gorm:row").Register(name, count),
		cb.Raw().After("gorm:raw").Register(name, count),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	on.Store(true)
	fn()
	on.Store(false)
	return n.Load()
}
