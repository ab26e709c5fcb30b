package development_test

import (
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/activity/activitytest"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
)

// withRecorder rebuilds the fixture's development store with rec as its Activity.
func (f *fixture) withRecorder(rec activity.Recorder) {
	cfg := development.DefaultConfig()
	cfg.Now, cfg.Activity = f.clock.Now, rec
	f.dev = development.NewStore(f.gdb, cfg, f.people, f.assess, f.courses)
}

func TestGoalsRecordActivityOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		rec := &activitytest.Recorder{T: t}
		f.withRecorder(rec)
		ana := f.learner("Ana")
		g, err := f.dev.CreateGoal(f.ctx, ana.ID, ana.ID, goalInput())
		wantIs(t, err, nil)
		set := rec.Of(activity.GoalSet)
		if len(set) != 1 || set[0].ID != "goal-set:"+g.ID || set[0].UserID != ana.ID || set[0].Object.Type != "goal" ||
			set[0].Object.ID != g.ID || set[0].Object.Name[ana.Locale] != g.Title || len(set[0].Object.Name) != 1 ||
			!set[0].At.Equal(g.CreatedAt) {
			t.Fatalf("goal set events = %+v", set)
		}
		title := "Introduce three people a week"
		_, err = f.dev.UpdateGoal(f.ctx, ana.ID, g.ID, development.GoalPatch{Title: &title})
		wantIs(t, err, nil)
		if len(rec.Events()) != 1 {
			t.Fatalf("editing the title recorded %+v", rec.Events())
		}
		f.clock.Advance(time.Hour)
		done, open := development.GoalDone, development.GoalInProgress
		for _, st := range []*development.GoalStatus{&done, &done, &open, &done} {
			_, err = f.dev.UpdateGoal(f.ctx, ana.ID, g.ID, development.GoalPatch{Status: st})
			wantIs(t, err, nil)
		}
		achieved := rec.Of(activity.GoalAchieved)
		if len(achieved) != 2 || achieved[0].ID != "goal-achieved:"+g.ID || achieved[1].ID != achieved[0].ID ||
			achieved[0].Object.Name[ana.Locale] != title || !achieved[0].At.Equal(t0.Add(time.Hour)) {
			t.Fatalf("goal achieved events = %+v", achieved)
		}

		// A goal created done is set and achieved at once.
		in := goalInput()
		in.Status = development.GoalDone
		g2, err := f.dev.CreateGoal(f.ctx, ana.ID, ana.ID, in)
		wantIs(t, err, nil)
		if got := rec.Of(activity.GoalAchieved); len(got) != 3 || got[2].ID != "goal-achieved:"+g2.ID {
			t.Fatalf("achieved events = %+v", got)
		}
	})
}

func TestActionsRecordActivity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		rec := &activitytest.Recorder{T: t}
		f.withRecorder(rec)
		ana, coach := f.learner("Ana"), f.coach("Carla")
		logged, err := f.dev.LogAction(f.ctx, ana.ID, ana.ID, development.ActionInput{On: "2026-03-04",
			Type: development.ActionIntroduced, Who: "Luis and Marta", Note: "Both in fintech"})
		wantIs(t, err, nil)

		e, err := f.dev.CreateEvent(f.ctx, coach.ID, f.org.ID, eventInput())
		wantIs(t, err, nil)
		f.clock.Set(time.Date(2026, 3, 10, 11, 0, 0, 0, time.UTC))
		att, err := f.dev.MarkAttended(f.ctx, ana.ID, e.ID, development.AttendedInput{
			FollowUps: []development.FollowUpInput{{Contact: "Marta"}}})
		wantIs(t, err, nil)
		_, err = f.dev.MarkAttended(f.ctx, ana.ID, e.ID, development.AttendedInput{})
		wantIs(t, err, development.ErrAlreadyAttended)
		fu, err := f.dev.CompleteFollowUp(f.ctx, ana.ID, att.FollowUps[0].ID, development.CompleteFollowUpInput{})
		wantIs(t, err, nil)
		// Completing it again fails after the entry was written: that entry is rolled back
		// and so is its event.
		_, err = f.dev.CompleteFollowUp(f.ctx, ana.ID, att.FollowUps[0].ID, development.CompleteFollowUpInput{})
		wantIs(t, err, development.ErrFollowUpDone)

		got := rec.Of(activity.ActionLogged)
		want := []struct{ id, kind string }{
			{logged.ID, "introduced"}, {att.Entry.ID, "attended_event"}, {*fu.EntryID, "followed_up"},
		}
		if len(got) < len(want) {
			t.Fatalf("action events = %+v", got)
		}
		for i, w := range want {
			g := got[i]
			if g.ID != "action-logged:"+w.id || g.UserID != ana.ID || g.Object.Type != "action" || g.Object.ID != w.id ||
				g.Parent == nil || g.Parent.Type != "action-type" || g.Parent.ID != w.kind || g.At.IsZero() {
				t.Errorf("action event %d = %+v (parent %+v)", i, g, g.Parent)
			}
			for _, text := range []string{"Luis and Marta", "Both in fintech", "Marta"} {
				if g.Object.Name[ana.Locale] == text {
					t.Errorf("action event %d names the learner's free text %q", i, text)
				}
			}
		}
		// The recorder saw the refused completion's event too, but its transaction rolled
		// back: only three entries exist.
		if n := f.count("action_entries"); n != 3 {
			t.Fatalf("%d entries", n)
		}
	})
}

func TestDevelopmentRecorderFailureRollsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		boom := errors.New("outbox unavailable")
		f.withRecorder(&activitytest.Recorder{T: t, Fail: boom})
		ana := f.learner("Ana")
		if _, err := f.dev.CreateGoal(f.ctx, ana.ID, ana.ID, goalInput()); !errors.Is(err, boom) {
			t.Fatalf("create goal: %v, want the recorder's error", err)
		}
		if _, err := f.dev.LogAction(f.ctx, ana.ID, ana.ID, development.ActionInput{On: "2026-03-04",
			Type: development.ActionHelped}); !errors.Is(err, boom) {
			t.Fatalf("log action: %v, want the recorder's error", err)
		}
		for _, table := range []string{"development_goals", "development_goal_changes", "action_entries"} {
			if n := f.count(table); n != 0 {
				t.Errorf("%s has %d rows although recording failed", table, n)
			}
		}
	})
}
