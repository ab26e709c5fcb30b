package development_test

import (
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
)

func TestActivityCounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea, coach := f.learner("Ana"), f.learner("Bea"), f.coach("Carla")
		// Today is Wednesday 4 March 2026 (2026-W10).
		for _, e := range []struct {
			on   string
			kind development.ActionType
		}{
			{"2026-01-05", development.ActionHelped},     // W02: outside four weeks
			{"2026-02-10", development.ActionHelped},     // W07
			{"2026-02-11", development.ActionIntroduced}, // W07
			{"2026-03-02", development.ActionAskedForHelp},
			{"2026-03-04", development.ActionHelped}, // W10
		} {
			if _, err := f.dev.LogAction(f.ctx, ana.ID, ana.ID, development.ActionInput{On: e.on, Type: e.kind}); err != nil {
				t.Fatal(err)
			}
		}
		for _, title := range []string{"Ask for two introductions", "Publish one case a month"} {
			if _, err := f.dev.CreateGoal(f.ctx, ana.ID, ana.ID, development.GoalInput{Dimension: "expressing-needs", Title: title,
				SuccessMeasure: "Two conversations", DueOn: "2026-06-30"}); err != nil {
				t.Fatal(err)
			}
		}
		g, err := f.dev.CreateGoal(f.ctx, ana.ID, ana.ID, development.GoalInput{Dimension: "giving-first", Title: "Introduce two people",
			SuccessMeasure: "Four introductions", DueOn: "2026-04-30", Status: development.GoalInProgress})
		wantIs(t, err, nil)
		done := development.GoalDone
		if _, err := f.dev.UpdateGoal(f.ctx, ana.ID, g.ID, development.GoalPatch{Status: &done}); err != nil {
			t.Fatal(err)
		}
		e, err := f.dev.CreateEvent(f.ctx, coach.ID, f.org.ID, eventInput())
		wantIs(t, err, nil)
		f.clock.Set(time.Date(2026, 3, 10, 11, 0, 0, 0, time.UTC)) // Tuesday of W11
		att, err := f.dev.MarkAttended(f.ctx, ana.ID, e.ID, development.AttendedInput{
			FollowUps: []development.FollowUpInput{{Contact: "Marta"}, {Contact: "Jordi"}}})
		wantIs(t, err, nil)
		if _, err := f.dev.CompleteFollowUp(f.ctx, ana.ID, att.FollowUps[0].ID, development.CompleteFollowUpInput{}); err != nil {
			t.Fatal(err)
		}

		counts, err := f.dev.ActivityCounts(f.ctx, []string{bea.ID, ana.ID, bea.ID}, 5)
		wantIs(t, err, nil)
		if len(counts) != 2 || counts[0].LearnerID != bea.ID || counts[1].LearnerID != ana.ID {
			t.Fatalf("counts = %+v", counts)
		}
		if b := counts[0]; b.Actions != 0 || b.LastAction != nil || b.ActiveWeeks != 0 || b.Weeks != 5 || len(b.Goals) != 0 || b.FollowUpsOpen != 0 {
			t.Errorf("Bea = %+v", b)
		}
		a := counts[1]
		// Seven entries: five logged, the attended event and the completed follow-up (both
		// on 10 March).
		want := map[development.ActionType]int{development.ActionHelped: 3, development.ActionIntroduced: 1,
			development.ActionAskedForHelp: 1, development.ActionAttendedEvent: 1, development.ActionFollowedUp: 1}
		if a.Actions != 7 || fmt.Sprint(a.ByType) != fmt.Sprint(want) {
			t.Errorf("Ana's actions = %d %v, want 7 %v", a.Actions, a.ByType, want)
		}
		if a.LastAction == nil || a.LastAction.Format(time.DateOnly) != "2026-03-10" {
			t.Errorf("last action = %v", a.LastAction)
		}
		// Weeks W07 to W11: W07, W10 and W11 have entries.
		if a.ActiveWeeks != 3 || a.Weeks != 5 {
			t.Errorf("active weeks = %d of %d, want 3 of 5", a.ActiveWeeks, a.Weeks)
		}
		if a.FollowUpsDone != 1 || a.FollowUpsOpen != 1 {
			t.Errorf("follow-ups = %d done, %d open", a.FollowUpsDone, a.FollowUpsOpen)
		}
		if a.Goals[development.GoalPlanned] != 2 || a.Goals[development.GoalDone] != 1 || len(a.Goals) != 2 {
			t.Errorf("goals = %v", a.Goals)
		}

		// Four queries, however many learners.
		var many []string
		for i := range 12 {
			many = append(many, f.learner(fmt.Sprint("L", i)).ID)
		}
		n := queries(t, gdb, func() {
			if _, err := f.dev.ActivityCounts(f.ctx, append(many, ana.ID), 13); err != nil {
				t.Fatal(err)
			}
		})
		if n != 4 {
			t.Errorf("%d queries for 13 learners, want 4", n)
		}
	})
}
