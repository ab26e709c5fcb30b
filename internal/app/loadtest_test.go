package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/loadtest"
)

// TestLoadToolFindsNothingLost runs a small load test against a real listener and checks
// the database the way `academy loadtest` does. It is a correctness test, not a timing.
func TestLoadToolFindsNothingLost(t *testing.T) {
	for _, kind := range dbtest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			s := apptest.New(t, kind)
			base := s.Listen()
			ctx := context.Background()
			pop, err := loadtest.Populate(ctx, s.App.Identity(), 12, 1)
			if err != nil {
				t.Fatal(err)
			}
			def, err := s.App.Assessment().Definition(ctx, builtInInstrument(t, s, "networking-self"))
			if err != nil {
				t.Fatal(err)
			}
			stats, out, wall := loadtest.Run(ctx, loadtest.Config{BaseURL: base, Learners: pop.Learners, Coaches: pop.Coaches,
				CohortID: pop.Cohort.ID, Instrument: "networking-self", Definition: def, Concurrency: 6, Seed: 3})
			if n := stats.Errors(); n != 0 {
				for _, step := range stats.Summary(wall) {
					t.Logf("%s: %d errors, first: %s", step.Step, step.Errors, step.FirstError)
				}
				t.Fatalf("%d requests failed", n)
			}
			downloads := 0
			for _, step := range stats.Summary(wall) {
				if step.Step == "coach cohort report PDF" {
					downloads = step.Count
				}
			}
			if downloads == 0 {
				t.Error("the coach downloaded no cohort report during the run")
			}
			res, err := loadtest.Check(ctx, s.App.DB(), def, out)
			if err != nil {
				t.Fatal(err)
			}
			if !res.OK() || res.Attempts != 12 || res.Submitted != 12 || res.Answers != 12*len(def.Items) {
				t.Fatalf("check = %+v", res)
			}
			// The check can fail: a lost answer is noticed.
			for attempt := range out.Answers {
				out.Answers[attempt]["gf1-missing"] = 3
				break
			}
			if res, _ := loadtest.Check(ctx, s.App.DB(), def, out); res.OK() {
				t.Fatal("the check did not notice an acknowledged answer that is not stored")
			}
		})
	}
}

func TestClassStartOpensOneAttemptEach(t *testing.T) {
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	ctx := context.Background()
	pop, err := loadtest.Populate(ctx, s.App.Identity(), 20, 0)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := loadtest.ClassStart(ctx, s.App.Identity(), loadtest.Config{BaseURL: base, Learners: pop.Learners,
		Instrument: "networking-self", Concurrency: 10}, 500*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if n := stats.Errors(); n != 0 {
		t.Fatalf("%d class-start requests failed", n)
	}
	if n := countRows(t, s, "assessment_attempts", "submitted_at IS NULL AND user_id IN (SELECT id FROM users WHERE organisation_id = ?)", pop.Organisation.ID); n != 20 {
		t.Fatalf("%d open attempts for 20 learners", n)
	}
}

// TestAnswersModeStoresEveryAcknowledgedAnswer runs the answer-saving measurement briefly
// and checks the database: learners going round the questionnaire overwrite their answers
// many times, and each item must still be stored once, with the acknowledged value.
func TestAnswersModeStoresEveryAcknowledgedAnswer(t *testing.T) {
	for _, kind := range dbtest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			s := apptest.New(t, kind)
			base := s.Listen()
			ctx := context.Background()
			pop, err := loadtest.Populate(ctx, s.App.Identity(), 4, 0)
			if err != nil {
				t.Fatal(err)
			}
			def, err := s.App.Assessment().Definition(ctx, builtInInstrument(t, s, "networking-self"))
			if err != nil {
				t.Fatal(err)
			}
			stats, out, err := loadtest.Answers(ctx, s.App.Identity(), loadtest.Config{BaseURL: base, Learners: pop.Learners,
				Instrument: "networking-self", Definition: def, Concurrency: 4, Seed: 5}, 700*time.Millisecond)
			if err != nil {
				t.Fatal(err)
			}
			if n := stats.Errors(); n != 0 {
				t.Fatalf("%d answer saves failed", n)
			}
			res, err := loadtest.Check(ctx, s.App.DB(), def, out)
			if err != nil {
				t.Fatal(err)
			}
			if !res.OK() || res.Attempts != 4 || res.Answers == 0 {
				t.Fatalf("check = %+v", res)
			}
		})
	}
}
