package assessment_test

import (
	"errors"
	"math"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
)

// TestSubmitExactlyOnce submits one attempt from many goroutines released together: one
// call wins, every other gets errs.ErrConflict, and the scores are stored once.
func TestSubmitExactlyOnce(t *testing.T) {
	const callers = 12
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u := f.learner(acme.ID)
		a := f.start(u, "small")
		f.answer(u, a, map[string]any{"F1": 4, "F2": 2, "F3": 4, "FS": opt(3), "R1": 3})

		barrier := make(chan struct{})
		results := make(chan error, callers)
		var ready sync.WaitGroup
		for range callers {
			ready.Add(1)
			go func() {
				ready.Done()
				<-barrier
				results <- f.store.Submit(f.ctx, u.ID, a.ID)
			}()
		}
		ready.Wait()
		close(barrier)
		var won, conflicts int
		for range callers {
			switch err := <-results; {
			case err == nil:
				won++
			case errors.Is(err, errs.ErrConflict):
				conflicts++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if won != 1 || conflicts != callers-1 {
			t.Fatalf("%d submissions succeeded and %d conflicted, want 1 and %d", won, conflicts, callers-1)
		}
		if n := f.count("assessment_dimension_scores", "attempt_id = ?", a.ID); n != 2 {
			t.Errorf("%d score rows, want one per dimension (2)", n)
		}
		got, err := f.store.Attempt(f.ctx, a.ID)
		wantIs(t, err, nil)
		if got.Status != assessment.StatusSubmitted || !got.Submitted() {
			t.Errorf("attempt = %+v", got)
		}
		// Nothing more can be saved, and a new Start opens a new attempt.
		wantIs(t, f.store.SaveAnswer(f.ctx, u.ID, a.ID, "R2", ptr(3), nil), errs.ErrConflict)
		if next := f.start(u, "small"); next.ID == a.ID {
			t.Error("Start returned the submitted attempt")
		}
	})
}

// TestConcurrentStart: concurrent Starts of one person share one open attempt.
func TestConcurrentStart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u := f.learner(acme.ID)
		barrier := make(chan struct{})
		ids := make(chan string, 8)
		for range 8 {
			go func() {
				<-barrier
				a, err := f.store.Start(f.ctx, u.ID, acme.ID, "small")
				if err != nil {
					t.Error(err)
				}
				ids <- a.ID
			}()
		}
		close(barrier)
		first := <-ids
		for range 7 {
			if id := <-ids; id != first {
				t.Errorf("two open attempts: %s and %s", first, id)
			}
		}
		if n := f.count("assessment_attempts"); n != 1 {
			t.Errorf("%d attempts, want 1", n)
		}
	})
}

func TestResults(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u := f.learner(acme.ID)
		open := f.start(u, "small")
		_, err := f.store.Results(f.ctx, open.ID)
		wantIs(t, err, errs.ErrConflict)

		// focus: F1 4, F2 reverse 2 → 4, F3 4, FS weight 3 → 5: mean 17/4 = 4.25 → 81.25,
		// role model. reach: 1 of 3 answered, 2 needed: not scored.
		f.answer(u, open, map[string]any{"F1": 4, "F2": 2, "F3": 4, "FS": opt(3), "R1": 5})
		wantIs(t, f.store.Submit(f.ctx, u.ID, open.ID), nil)
		res, err := f.store.Results(f.ctx, open.ID)
		wantIs(t, err, nil)
		if res.Instrument.Key != "small" || res.Attempt.ID != open.ID || len(res.Dimensions) != 2 {
			t.Fatalf("result = %+v", res)
		}
		focus, reach := res.Dimensions[0], res.Dimensions[1]
		if focus.Slug != "focus" || focus.Score == nil || math.Abs(*focus.Score-81.25) > 1e-9 || math.Abs(*focus.Mean-4.25) > 1e-9 ||
			focus.Band == nil || focus.Band.Index != 3 || focus.Band.Label.In("en") != "Role model" || focus.Band.Feedback.In("es") != "Enseña." ||
			focus.Answered != 4 || focus.Items != 4 || focus.NotScored != "" || focus.Name.In("es") != "Foco" {
			t.Errorf("focus = %+v", focus)
		}
		if reach.Score != nil || reach.Mean != nil || reach.Band != nil || reach.NotScored != assessment.NotScoredTooFewAnswers ||
			reach.Answered != 1 || reach.Required != 2 || reach.Items != 3 {
			t.Errorf("reach = %+v", reach)
		}
		_, err = f.store.Results(f.ctx, "0190a0a0-0000-7000-8000-000000000000")
		wantIs(t, err, errs.ErrNotFound)
	})
}
