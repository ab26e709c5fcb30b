package development_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
)

// TestEventAttendees: who goes to and attended an event, by name, with their follow-ups,
// for everyone or for a coach's learners, in a fixed number of queries, without anyone's
// preparation.
func TestEventAttendees(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea, carl, dora := f.learner("Ana"), f.learner("Bea"), f.learner("Carl"), f.learner("Dora")
		coach, admin := f.coach("Carla"), f.person(identity.RoleOrgAdmin, "Olga")
		f.cohort("Sales", ana, bea, coach)
		f.cohort("Ops", carl, dora)
		e, err := f.dev.CreateEvent(f.ctx, coach.ID, f.org.ID, eventInput())
		wantIs(t, err, nil)
		in := eventInput()
		in.Title = "Another breakfast"
		other, err := f.dev.CreateEvent(f.ctx, coach.ID, f.org.ID, in)
		wantIs(t, err, nil)

		_, err = f.dev.SavePreparation(f.ctx, ana.ID, e.ID, development.PreparationInput{Pitch: "Ana's private pitch",
			PersonToHelp: "Ana's person to help", NeedToExpress: "Ana's private need"})
		wantIs(t, err, nil)
		for _, u := range []identity.User{bea, carl, dora} {
			_, err = f.dev.MarkGoing(f.ctx, u.ID, e.ID)
			wantIs(t, err, nil)
		}
		_, err = f.dev.CancelGoing(f.ctx, dora.ID, e.ID)
		wantIs(t, err, nil)
		f.clock.Set(time.Date(2026, 3, 10, 11, 0, 0, 0, time.UTC))
		attended, err := f.dev.MarkAttended(f.ctx, bea.ID, e.ID, development.AttendedInput{
			FollowUps: []development.FollowUpInput{{Contact: "Marta"}, {Contact: "Jordi"}}})
		wantIs(t, err, nil)
		_, err = f.dev.CompleteFollowUp(f.ctx, bea.ID, attended.FollowUps[0].ID, development.CompleteFollowUpInput{})
		wantIs(t, err, nil)
		_, err = f.dev.MarkAttended(f.ctx, carl.ID, e.ID, development.AttendedInput{})
		wantIs(t, err, nil)
		// Follow-ups from another event are not counted for this one.
		_, err = f.dev.MarkAttended(f.ctx, bea.ID, other.ID, development.AttendedInput{
			FollowUps: []development.FollowUpInput{{Contact: "Pere"}}})
		wantIs(t, err, nil)

		all, err := f.dev.EventAttendees(f.ctx, e.ID, nil)
		wantIs(t, err, nil)
		want := []development.EventAttendee{
			{UserID: ana.ID, Name: "Ana", Going: true},
			{UserID: bea.ID, Name: "Bea", Going: true, Attended: true, FollowUps: 2, FollowUpsDone: 1},
			{UserID: carl.ID, Name: "Carl", Going: true, Attended: true},
		}
		if !slices.Equal(all, want) {
			t.Fatalf("attendees = %+v, want %+v", all, want)
		}
		data, err := json.Marshal(all)
		wantIs(t, err, nil)
		for _, private := range []string{"Ana's private pitch", "Ana's person to help", "Ana's private need", "Marta", "Jordi"} {
			if strings.Contains(string(data), private) {
				t.Fatalf("the attendees show %q: %s", private, data)
			}
		}

		// Whom each person follows.
		followed := func(u identity.User) []string {
			t.Helper()
			a, err := f.people.Actor(f.ctx, u)
			wantIs(t, err, nil)
			ids, err := f.dev.FollowedPeople(f.ctx, a)
			wantIs(t, err, nil)
			return ids
		}
		coached := followed(coach)
		if wantIDs := slices.Sorted(slices.Values([]string{ana.ID, bea.ID})); !slices.Equal(coached, wantIDs) {
			t.Fatalf("the coach follows %v, want %v", coached, wantIDs)
		}
		if everyone := followed(admin); everyone != nil {
			t.Fatalf("the administrator follows %v, want everyone (nil)", everyone)
		}
		if nobody := followed(ana); nobody == nil || len(nobody) != 0 {
			t.Fatalf("a learner follows %v, want nobody", nobody)
		}
		mine, err := f.dev.EventAttendees(f.ctx, e.ID, coached)
		wantIs(t, err, nil)
		if !slices.Equal(mine, want[:2]) {
			t.Fatalf("the coach's attendees = %+v, want %+v", mine, want[:2])
		}
		if n := queries(t, gdb, func() {
			none, err := f.dev.EventAttendees(f.ctx, e.ID, []string{})
			if err != nil || none == nil || len(none) != 0 {
				t.Errorf("nobody's attendees = %+v, %v", none, err)
			}
		}); n != 0 {
			t.Fatalf("%d queries for nobody's attendance", n)
		}
		if none, err := f.dev.EventAttendees(f.ctx, "00000000-0000-0000-0000-000000000000", nil); err != nil || len(none) != 0 {
			t.Fatalf("an unknown event's attendees = %+v, %v", none, err)
		}

		// The same number of queries, however many attend.
		count := func() int64 {
			return queries(t, gdb, func() {
				if _, err := f.dev.EventAttendees(f.ctx, e.ID, nil); err != nil {
					t.Fatal(err)
				}
			})
		}
		before := count()
		for _, name := range []string{"Eva", "Fran", "Gil"} {
			u := f.learner(name)
			_, err := f.dev.MarkAttended(f.ctx, u.ID, e.ID, development.AttendedInput{FollowUps: []development.FollowUpInput{{Contact: "Someone"}}})
			wantIs(t, err, nil)
		}
		if after := count(); after != before || before != 2 {
			t.Fatalf("%d queries with three attendees, %d with six; want 2", before, after)
		}
		if all, _ := f.dev.EventAttendees(f.ctx, e.ID, nil); len(all) != 6 || all[3].Name != "Eva" || all[3].FollowUps != 1 || all[3].Going {
			t.Fatalf("attendees with the newcomers = %+v", all)
		}
	})
}
