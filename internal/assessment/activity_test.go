package assessment_test

import (
	"errors"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/activity/activitytest"
	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// TestSubmitRecordsActivityOnce: of concurrent submissions only the one that scores the
// attempt records it, with the overall and per-dimension scores.
func TestSubmitRecordsActivityOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		rec := &activitytest.Recorder{T: t}
		f := newFixture(t, gdb, func(c *assessment.Config) { c.Activity = rec })
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u := f.learner(acme.ID)
		a := f.start(u, "small")
		// focus: 4, 4 (F2 reversed), 4, 5 (option weight 3) → mean 4.25 → 81.25;
		// reach: one answer of the two needed → no score.
		f.answer(u, a, map[string]any{"F1": 4, "F2": 2, "F3": 4, "FS": opt(3), "R1": 3})
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_ = f.store.Submit(f.ctx, u.ID, a.ID)
			}()
		}
		wg.Wait()
		if len(rec.Events()) != 1 {
			t.Fatalf("%d events for one attempt submitted 6 times at once", len(rec.Events()))
		}
		e := rec.Events()[0]
		if e.ID != "assessment-completed:"+a.ID || e.Kind != activity.AssessmentCompleted || e.UserID != u.ID ||
			e.Object.Type != "assessment" || e.Object.ID != "small" || e.Object.Name["es"] != "Pequeña" ||
			e.Object.Name["en"] != "Small" || !e.At.Equal(t0) {
			t.Errorf("event = %+v", e)
		}
		if len(e.Dimensions) != 1 || e.Dimensions["focus"] != 81.25 {
			t.Errorf("dimensions = %v, want only focus 81.25", e.Dimensions)
		}
		if s := e.Score; s == nil || s.Raw != 81.25 || s.Min != 0 || s.Max != 100 || s.Scaled != 0.8125 || s.Passed != nil {
			t.Errorf("score = %+v", s)
		}
	})
}

func TestSubmitRecorderFailureRollsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		boom := errors.New("outbox unavailable")
		f := newFixture(t, gdb, func(c *assessment.Config) { c.Activity = &activitytest.Recorder{T: t, Fail: boom} })
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u := f.learner(acme.ID)
		a := f.start(u, "small")
		f.answer(u, a, map[string]any{"F1": 4, "F2": 2, "F3": 4})
		if err := f.store.Submit(f.ctx, u.ID, a.ID); !errors.Is(err, boom) {
			t.Fatalf("error = %v, want the recorder's", err)
		}
		got, err := f.store.Attempt(f.ctx, a.ID)
		wantIs(t, err, nil)
		if got.Submitted() || f.count("assessment_dimension_scores", "attempt_id = ?", a.ID) != 0 {
			t.Fatalf("the attempt was submitted although recording failed: %+v", got)
		}
	})
}
