package development_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
)

func TestNeedsAttention(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		idle, overdue, busy, reader := f.learner("Idle"), f.learner("Overdue"), f.learner("Busy"), f.learner("Reader")
		// Busy: assessed and logging; Overdue: assessed, but a goal is past due; Reader: only
		// reads lessons (active, but no self-assessment); Idle: nothing at all.
		f.selfAssess(busy, allDims(3))
		f.selfAssess(overdue, allDims(3))
		g, err := f.dev.CreateGoal(f.ctx, overdue.ID, overdue.ID, goalInput()) // due 31 March
		wantIs(t, err, nil)
		dropped := goalInput()
		dropped.Title = "Something I dropped"
		g2, _ := f.dev.CreateGoal(f.ctx, overdue.ID, overdue.ID, dropped)
		f.clock.Set(time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC))
		st := development.GoalDropped
		_, err = f.dev.UpdateGoal(f.ctx, overdue.ID, g2.ID, development.GoalPatch{Status: &st}) // dropped: not overdue
		wantIs(t, err, nil)
		_, err = f.dev.LogAction(f.ctx, busy.ID, busy.ID, development.ActionInput{On: "2026-04-01", Type: development.ActionHelped})
		wantIs(t, err, nil)
		if _, err := f.courses.CompleteLesson(f.ctx, reader.ID, "giving-first", firstLesson(t, f, "giving-first")); err != nil {
			t.Fatal(err)
		}
		_ = g

		ids := []string{idle.ID, overdue.ID, busy.ID, reader.ID}
		got, err := f.dev.NeedsAttention(f.ctx, ids, 14)
		wantIs(t, err, nil)
		type row struct {
			id      string
			reasons []string
			overdue int
		}
		want := []row{
			{idle.ID, []string{development.ReasonInactive, development.ReasonNoSelfAssessment}, 0},
			{overdue.ID, []string{development.ReasonGoalsOverdue}, 1},
			{reader.ID, []string{development.ReasonNoSelfAssessment}, 0},
		}
		if len(got) != len(want) {
			t.Fatalf("needs attention = %+v", got)
		}
		for i, a := range got {
			if w := want[i]; a.UserID != w.id || !reflect.DeepEqual(a.Reasons, w.reasons) || a.OverdueGoals != w.overdue {
				t.Errorf("[%d] = %+v, want %+v", i, a, w)
			}
		}
		if got[1].LastActivity == nil || !got[1].LastActivity.Equal(time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)) {
			t.Errorf("Overdue's last activity = %v (the goal change)", got[1].LastActivity)
		}
		// Three weeks on, everyone is inactive.
		f.clock.Set(time.Date(2026, 4, 23, 9, 0, 0, 0, time.UTC))
		got, _ = f.dev.NeedsAttention(f.ctx, ids, 14)
		for _, a := range got {
			if a.Reasons[0] != development.ReasonInactive {
				t.Errorf("%+v is not inactive", a)
			}
		}
		if len(got) != 4 {
			t.Fatalf("%d need attention, want 4", len(got))
		}
	})
}

// TestNeedsAttentionQueryCount: the number of queries does not grow with the cohort.
func TestNeedsAttentionQueryCount(t *testing.T) {
	f := newFixture(t, dbtest.New(t, "sqlite"))
	var ids []string
	measure := func() int64 {
		return queries(t, f.gdb, func() {
			if _, err := f.dev.NeedsAttention(f.ctx, ids, 7); err != nil {
				t.Fatal(err)
			}
		})
	}
	for i := range 2 {
		ids = append(ids, f.person(identity.RoleLearner, fmt.Sprintf("L%d", i)).ID)
	}
	measure() // the first call fills the stores' caches (definitions, catalogue)
	few := measure()
	for i := range 30 {
		u := f.person(identity.RoleLearner, fmt.Sprintf("M%d", i))
		ids = append(ids, u.ID)
		if _, err := f.dev.LogAction(f.ctx, u.ID, u.ID, development.ActionInput{On: "2026-03-04", Type: development.ActionHelped}); err != nil {
			t.Fatal(err)
		}
	}
	if many := measure(); many != few {
		t.Fatalf("%d queries for 2 learners, %d for 32", few, many)
	}
}

func firstLesson(t *testing.T, f *fixture, module string) string {
	t.Helper()
	page, err := f.courses.Module(f.ctx, "", module)
	if err != nil || len(page.Lessons) == 0 {
		t.Fatalf("module %s: %v", module, err)
	}
	return page.Lessons[0].Slug
}
