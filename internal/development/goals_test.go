package development_test

import (
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
)

func goalInput() development.GoalInput {
	return development.GoalInput{Dimension: "giving-first", Title: "Introduce two people a week",
		SuccessMeasure: "Eight introductions logged by the end of the month", DueOn: "2026-03-31"}
}

func TestGoalValidation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("Ana")
		cases := []struct {
			name        string
			edit        func(*development.GoalInput)
			field, code string
		}{
			{"no title", func(in *development.GoalInput) { in.Title = "  " }, "title", "required"},
			{"short title", func(in *development.GoalInput) { in.Title = "Go" }, "title", "min"},
			{"long title", func(in *development.GoalInput) { in.Title = string(make([]byte, 201)) }, "title", "max"},
			{"no success measure", func(in *development.GoalInput) { in.SuccessMeasure = "" }, "success_measure", "required"},
			{"no due day", func(in *development.GoalInput) { in.DueOn = "" }, "due_on", "required"},
			{"malformed due day", func(in *development.GoalInput) { in.DueOn = "31/03/2026" }, "due_on", "datetime"},
			{"due yesterday", func(in *development.GoalInput) { in.DueOn = "2026-03-03" }, "due_on", "past"},
			{"no dimension", func(in *development.GoalInput) { in.Dimension = "" }, "dimension", "required"},
			{"unknown dimension", func(in *development.GoalInput) { in.Dimension = "charisma" }, "dimension", "unknown_dimension"},
			{"unknown status", func(in *development.GoalInput) { in.Status = "maybe" }, "status", "oneof"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				in := goalInput()
				c.edit(&in)
				_, err := f.dev.CreateGoal(f.ctx, ana.ID, ana.ID, in)
				wantField(t, err, c.field, c.code)
			})
		}
		if n := f.count("development_goals"); n != 0 {
			t.Fatalf("%d goals stored from invalid input", n)
		}
		in := goalInput()
		in.DueOn = "2026-03-04" // today is fine
		g, err := f.dev.CreateGoal(f.ctx, ana.ID, ana.ID, in)
		wantIs(t, err, nil)
		if g.Status != development.GoalPlanned || !g.DueOn.Equal(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("goal = %+v", g)
		}
	})
}

func TestGoalOwnershipHistoryAndComments(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea, coach := f.learner("Ana"), f.learner("Bea"), f.coach("Carla")
		_, err := f.dev.CreateGoal(f.ctx, coach.ID, ana.ID, goalInput())
		wantIs(t, err, errs.ErrForbidden)
		g, err := f.dev.CreateGoal(f.ctx, ana.ID, ana.ID, goalInput())
		wantIs(t, err, nil)

		// Only Ana edits her goal.
		title := "Introduce three people a week"
		for _, actor := range []string{coach.ID, bea.ID} {
			_, err = f.dev.UpdateGoal(f.ctx, actor, g.ID, development.GoalPatch{Title: &title})
			wantIs(t, err, errs.ErrForbidden)
		}
		f.clock.Advance(time.Hour)
		inProgress, due := development.GoalInProgress, "2026-04-15"
		g, err = f.dev.UpdateGoal(f.ctx, ana.ID, g.ID, development.GoalPatch{Title: &title, Status: &inProgress, DueOn: &due})
		wantIs(t, err, nil)
		if g.Title != title || g.Status != inProgress || g.DueOn.Format(time.DateOnly) != due || !g.UpdatedAt.Equal(t0.Add(time.Hour).Truncate(time.Microsecond)) {
			t.Fatalf("updated goal = %+v", g)
		}
		// Nothing changes, nothing is recorded; invalid patches are refused.
		_, err = f.dev.UpdateGoal(f.ctx, ana.ID, g.ID, development.GoalPatch{Title: &title})
		wantIs(t, err, nil)
		_, err = f.dev.UpdateGoal(f.ctx, ana.ID, g.ID, development.GoalPatch{DueOn: ptr("2026-03-01")})
		wantField(t, err, "due_on", "past")
		_, err = f.dev.UpdateGoal(f.ctx, ana.ID, g.ID, development.GoalPatch{Status: ptr(development.GoalStatus("won"))})
		wantField(t, err, "status", "oneof")
		_, err = f.dev.UpdateGoal(f.ctx, ana.ID, g.ID, development.GoalPatch{Dimension: ptr("charisma")})
		wantField(t, err, "dimension", "unknown_dimension")
		_, err = f.dev.UpdateGoal(f.ctx, ana.ID, "nope", development.GoalPatch{Title: &title})
		wantIs(t, err, errs.ErrNotFound)

		// Once overdue, the goal can still be closed.
		f.clock.Set(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
		done := development.GoalDone
		_, err = f.dev.UpdateGoal(f.ctx, ana.ID, g.ID, development.GoalPatch{Status: &done, DueOn: &due})
		wantIs(t, err, nil)

		history, err := f.dev.GoalHistory(f.ctx, g.ID)
		wantIs(t, err, nil)
		type change struct{ field, old, new, actor string }
		want := []change{
			{development.ChangeCreated, "", "planned", "Ana"},
			{"title", "Introduce two people a week", title, "Ana"},
			{"due_on", "2026-03-31", "2026-04-15", "Ana"},
			{"status", "planned", "in_progress", "Ana"},
			{"status", "in_progress", "done", "Ana"},
		}
		if len(history) != len(want) {
			t.Fatalf("history = %+v", history)
		}
		for i, h := range history {
			if got := (change{h.Field, h.OldValue, h.NewValue, h.ActorName}); got != want[i] {
				t.Errorf("history[%d] = %+v, want %+v", i, got, want[i])
			}
		}

		// Coaches comment; the learner sees the comments; learners cannot comment.
		c, err := f.dev.CommentOnGoal(f.ctx, coach.ID, g.ID, development.CommentInput{Body: "  Well done!  "})
		wantIs(t, err, nil)
		if c.Body != "Well done!" || c.AuthorName != "Carla" {
			t.Fatalf("comment = %+v", c)
		}
		_, err = f.dev.CommentOnGoal(f.ctx, ana.ID, g.ID, development.CommentInput{Body: "Thanks"})
		wantIs(t, err, errs.ErrForbidden)
		_, err = f.dev.CommentOnGoal(f.ctx, bea.ID, g.ID, development.CommentInput{Body: "Hi"})
		wantIs(t, err, errs.ErrForbidden)
		_, err = f.dev.CommentOnGoal(f.ctx, coach.ID, g.ID, development.CommentInput{Body: " "})
		wantField(t, err, "body", "required")
		goals, err := f.dev.Goals(f.ctx, ana.ID)
		wantIs(t, err, nil)
		if len(goals) != 1 || len(goals[0].Comments) != 1 || goals[0].Comments[0].ID != c.ID || goals[0].Status != done {
			t.Fatalf("goals = %+v", goals)
		}
		if other, _ := f.dev.Goals(f.ctx, bea.ID); len(other) != 0 {
			t.Fatalf("Bea sees %d goals", len(other))
		}
	})
}
