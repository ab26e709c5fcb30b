package development_test

import (
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/weekly"
	"github.com/academy-platform/academy/internal/errs"
)

func TestLogAction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, coach := f.learner("Ana"), f.coach("Carla")
		cases := []struct {
			name        string
			in          development.ActionInput
			field, code string
		}{
			{"no day", development.ActionInput{Type: development.ActionHelped}, "on", "required"},
			{"bad day", development.ActionInput{On: "yesterday", Type: development.ActionHelped}, "on", "datetime"},
			{"far future", development.ActionInput{On: "2026-03-06", Type: development.ActionHelped}, "on", "future"},
			{"no type", development.ActionInput{On: "2026-03-04"}, "type", "required"},
			{"unknown type", development.ActionInput{On: "2026-03-04", Type: "bragged"}, "type", "oneof"},
			{"unknown dimension", development.ActionInput{On: "2026-03-04", Type: development.ActionHelped, Dimensions: []string{"charisma"}}, "dimensions", "unknown_dimension"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := f.dev.LogAction(f.ctx, ana.ID, ana.ID, c.in)
				wantField(t, err, c.field, c.code)
			})
		}
		_, err := f.dev.LogAction(f.ctx, coach.ID, ana.ID, development.ActionInput{On: "2026-03-04", Type: development.ActionHelped})
		wantIs(t, err, errs.ErrForbidden)

		// Default dimensions per type, overridable; tomorrow is allowed (time zones).
		e, err := f.dev.LogAction(f.ctx, ana.ID, ana.ID, development.ActionInput{On: "2026-03-05", Type: development.ActionIntroduced, Who: " Luis and Marta "})
		wantIs(t, err, nil)
		if !reflect.DeepEqual(e.Dimensions, []string{"giving-first", "relationship-depth"}) || e.Who != "Luis and Marta" {
			t.Fatalf("entry = %+v", e)
		}
		e2, err := f.dev.LogAction(f.ctx, ana.ID, ana.ID, development.ActionInput{On: "2026-02-20", Type: development.ActionSharedContent,
			Dimensions: []string{"deliberate-practice", "digital-presence", "deliberate-practice"}, Note: "A checklist for events"})
		wantIs(t, err, nil)
		if !reflect.DeepEqual(e2.Dimensions, []string{"deliberate-practice", "digital-presence"}) {
			t.Fatalf("dimensions = %v", e2.Dimensions)
		}

		c, err := f.dev.CommentOnAction(f.ctx, coach.ID, e2.ID, development.CommentInput{Body: "Share it with the cohort too"})
		wantIs(t, err, nil)
		_, err = f.dev.CommentOnAction(f.ctx, ana.ID, e2.ID, development.CommentInput{Body: "ok"})
		wantIs(t, err, errs.ErrForbidden)

		all, err := f.dev.ActionLog(f.ctx, ana.ID, time.Time{}, time.Time{})
		wantIs(t, err, nil)
		if len(all) != 2 || all[0].ID != e.ID || all[1].ID != e2.ID || len(all[1].Comments) != 1 || all[1].Comments[0].ID != c.ID {
			t.Fatalf("log = %+v", all)
		}
		march, _ := f.dev.ActionLog(f.ctx, ana.ID, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC))
		if len(march) != 1 || march[0].ID != e.ID {
			t.Fatalf("March = %+v", march)
		}
		feb, _ := f.dev.ActionLog(f.ctx, ana.ID, time.Time{}, time.Date(2026, 2, 20, 23, 0, 0, 0, time.UTC))
		if len(feb) != 1 || feb[0].ID != e2.ID {
			t.Fatalf("to 20 February = %+v", feb)
		}
	})
}

// TestActionWeeksAcrossTheYear counts by ISO week around a new year with a 53-week year.
func TestActionWeeksAcrossTheYear(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("Ana")
		f.clock.Set(time.Date(2021, 1, 6, 12, 0, 0, 0, time.UTC)) // Wednesday of 2021-W01
		for _, e := range []struct {
			on   string
			kind development.ActionType
		}{
			{"2020-12-07", development.ActionHelped},     // 2020-W50, after a gap
			{"2020-12-22", development.ActionHelped},     // 2020-W52
			{"2020-12-31", development.ActionIntroduced}, // 2020-W53
			{"2021-01-03", development.ActionAskedForHelp},
			{"2021-01-05", development.ActionSharedContent}, // 2021-W01
		} {
			if _, err := f.dev.LogAction(f.ctx, ana.ID, ana.ID, development.ActionInput{On: e.on, Type: e.kind}); err != nil {
				t.Fatal(err)
			}
		}
		view, err := f.dev.ActionWeeks(f.ctx, ana.ID, 3)
		wantIs(t, err, nil)
		if len(view.Weeks) != 3 {
			t.Fatalf("weeks = %+v", view.Weeks)
		}
		w52, w53, w01 := view.Weeks[0], view.Weeks[1], view.Weeks[2]
		if w52.Year != 2020 || w52.Week != 52 || w52.Total != 1 || w52.ByDimension["other-focus"] != 1 ||
			w53.Year != 2020 || w53.Week != 53 || w53.Total != 2 || w53.ByDimension["giving-first"] != 1 || w53.ByDimension["expressing-needs"] != 1 ||
			w01.Year != 2021 || w01.Week != 1 || w01.Total != 1 || w01.ByKind["shared_content"] != 1 {
			t.Fatalf("weeks = %+v", view.Weeks)
		}
		if view.Streak != (weekly.Streak{Current: 3, Longest: 3, ThisWeek: true}) {
			t.Fatalf("streak = %+v", view.Streak)
		}
		// A week later with nothing logged yet, the streak still stands; a week after that,
		// it is broken.
		f.clock.Set(time.Date(2021, 1, 13, 12, 0, 0, 0, time.UTC))
		view, _ = f.dev.ActionWeeks(f.ctx, ana.ID, 3)
		if view.Streak.Current != 3 || view.Streak.ThisWeek {
			t.Fatalf("streak a week later = %+v", view.Streak)
		}
		f.clock.Set(time.Date(2021, 1, 18, 0, 0, 1, 0, time.UTC))
		view, _ = f.dev.ActionWeeks(f.ctx, ana.ID, 3)
		if view.Streak.Current != 0 || view.Streak.Longest != 3 || view.Weeks[2].Week != 3 {
			t.Fatalf("two weeks later = %+v", view)
		}
	})
}
