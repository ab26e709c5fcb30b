package development_test

import (
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/footprint"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

func identityCohort(name string) identity.CohortInput { return identity.CohortInput{Name: name} }

func TestCoachNotes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea, coach := f.learner("Ana"), f.learner("Bea"), f.coach("Carla")
		private, err := f.dev.AddNote(f.ctx, coach.ID, ana.ID, development.NoteInput{Body: "Seems shy at events; pair her with Bea."})
		wantIs(t, err, nil)
		f.clock.Advance(1)
		shared, err := f.dev.AddNote(f.ctx, coach.ID, ana.ID, development.NoteInput{Body: "Great pitch today!", Shared: true})
		wantIs(t, err, nil)
		if shared.AuthorName != "Carla" || !shared.Shared || private.Shared {
			t.Fatalf("notes = %+v, %+v", private, shared)
		}
		_, err = f.dev.AddNote(f.ctx, ana.ID, ana.ID, development.NoteInput{Body: "me"})
		wantIs(t, err, errs.ErrForbidden)
		_, err = f.dev.AddNote(f.ctx, bea.ID, ana.ID, development.NoteInput{Body: "gossip"})
		wantIs(t, err, errs.ErrForbidden)
		_, err = f.dev.AddNote(f.ctx, coach.ID, ana.ID, development.NoteInput{Body: ""})
		wantField(t, err, "body", "required")

		all, err := f.dev.CoachNotes(f.ctx, ana.ID)
		wantIs(t, err, nil)
		if len(all) != 2 || all[0].ID != shared.ID || all[1].ID != private.ID {
			t.Fatalf("coach notes = %+v", all)
		}
		mine, err := f.dev.SharedNotes(f.ctx, ana.ID)
		wantIs(t, err, nil)
		if len(mine) != 1 || mine[0].ID != shared.ID {
			t.Fatalf("Ana sees %+v", mine)
		}
		if other, _ := f.dev.CoachNotes(f.ctx, bea.ID); len(other) != 0 {
			t.Fatalf("Bea's notes = %+v", other)
		}
	})
}

func TestFootprintHistory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, coach := f.learner("Ana"), f.coach("Carla")
		answers := footprint.Answers{"profile_problems": 0, "profile_updated": 1, "interactions": 2,
			"content_shared": 0, "conversations": 0, "helped_online": 1}
		first, err := f.dev.SaveFootprint(f.ctx, ana.ID, ana.ID, answers)
		wantIs(t, err, nil)
		if first.Score != 20 || first.Version != footprint.Version { // 10 + 20·2/8 + 10·1/2
			t.Fatalf("first check = %+v", first)
		}
		_, err = f.dev.SaveFootprint(f.ctx, coach.ID, ana.ID, answers)
		wantIs(t, err, errs.ErrForbidden)
		answers["interactions"] = 3000
		_, err = f.dev.SaveFootprint(f.ctx, ana.ID, ana.ID, answers)
		wantField(t, err, "interactions", "out_of_range")
		f.clock.Advance(30 * 24 * 3600e9)
		answers["interactions"], answers["profile_problems"] = 8, 1
		second, err := f.dev.SaveFootprint(f.ctx, ana.ID, ana.ID, answers)
		wantIs(t, err, nil)
		history, err := f.dev.FootprintHistory(f.ctx, ana.ID)
		wantIs(t, err, nil)
		if len(history) != 2 || history[0].ID != second.ID || history[0].Score != 55 || history[1].Score != 20 ||
			history[1].Answers["interactions"] != 2 || !history[0].CreatedAt.After(history[1].CreatedAt) {
			t.Fatalf("history = %+v", history)
		}
	})
}
