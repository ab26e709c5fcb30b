package development_test

import (
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
)

// TestAttendanceByPerson: the per-person breakdown adds up, for any group of people, to
// that group's AttendanceReport, in two queries however many events and people.
func TestAttendanceByPerson(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		coach := f.coach("Carla")
		people := make([]identity.User, 6)
		for i := range people {
			people[i] = f.learner("Persona " + string(rune('A'+i)))
		}
		event := func(title string, day int) development.Event {
			in := eventInput()
			in.Title, in.StartsAt = title, time.Date(2026, 3, day, 8, 30, 0, 0, time.UTC)
			e, err := f.dev.CreateEvent(f.ctx, coach.ID, f.org.ID, in)
			wantIs(t, err, nil)
			return e
		}
		early, breakfast, fair := event("Antes del periodo", 5), event("Desayuno", 10), event("Feria", 20)
		going := func(e development.Event, who ...identity.User) {
			for _, u := range who {
				_, err := f.dev.MarkGoing(f.ctx, u.ID, e.ID)
				wantIs(t, err, nil)
			}
		}
		going(early, people[0])
		going(breakfast, people[:4]...)
		going(fair, people[1], people[5])
		_, err := f.dev.CancelGoing(f.ctx, people[3].ID, breakfast.ID)
		wantIs(t, err, nil)

		f.clock.Set(time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC))
		attend := func(u identity.User, e development.Event, contacts ...string) {
			in := development.AttendedInput{}
			for _, c := range contacts {
				in.FollowUps = append(in.FollowUps, development.FollowUpInput{Contact: c})
			}
			_, err := f.dev.MarkAttended(f.ctx, u.ID, e.ID, in)
			wantIs(t, err, nil)
		}
		attend(people[0], early, "Marta")
		attend(people[0], breakfast, "Jordi", "Laia")
		attend(people[1], breakfast)
		attend(people[4], breakfast, "Núria") // attended without saying so first
		open, err := f.dev.FollowUps(f.ctx, people[0].ID, true)
		wantIs(t, err, nil)
		for _, fu := range open {
			if fu.Contact != "Laia" {
				_, err := f.dev.CompleteFollowUp(f.ctx, people[0].ID, fu.ID, development.CompleteFollowUpInput{})
				wantIs(t, err, nil)
			}
		}

		from := time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)
		var rows []development.PersonAttendance
		n := queries(t, gdb, func() { rows, err = f.dev.AttendanceByPerson(f.ctx, f.org.ID, from, time.Time{}) })
		wantIs(t, err, nil)
		if n != 2 {
			t.Errorf("%d queries, want 2", n)
		}
		// Ana: breakfast (going, attended, two follow-ups, one done); Bea: breakfast and the
		// fair; Carla going to breakfast; Dani cancelled (nothing); Eva attended; Fran the fair.
		if len(rows) != 6 {
			t.Fatalf("rows = %+v", rows)
		}
		for i := 1; i < len(rows); i++ {
			if a, b := rows[i-1], rows[i]; a.EventID > b.EventID || (a.EventID == b.EventID && a.UserID >= b.UserID) {
				t.Errorf("rows out of order: %+v before %+v", a, b)
			}
		}
		for _, r := range rows {
			if r.EventID == early.ID || r.UserID == people[3].ID {
				t.Errorf("unexpected row %+v", r)
			}
			if r.EventID == breakfast.ID && r.UserID == people[0].ID &&
				r.Counts != (development.AttendanceCount{Going: 1, Attended: 1, FollowUps: 2, FollowUpsDone: 1}) {
				t.Errorf("Ana at the breakfast = %+v", r.Counts)
			}
		}
		for _, group := range [][]string{nil, ids(people[:3]), ids(people[3:]), {people[4].ID}, {}} {
			want, err := f.dev.AttendanceReport(f.ctx, f.org.ID, group, from, time.Time{})
			wantIs(t, err, nil)
			in := map[string]bool{}
			for _, id := range group {
				in[id] = true
			}
			var got development.AttendanceCount
			attended := map[string]bool{}
			for _, r := range rows {
				if group != nil && !in[r.UserID] {
					continue
				}
				got.Going += r.Counts.Going
				got.Attended += r.Counts.Attended
				got.FollowUps += r.Counts.FollowUps
				got.FollowUpsDone += r.Counts.FollowUpsDone
				if r.Counts.Attended > 0 {
					attended[r.UserID] = true
				}
			}
			if got != want.Total || len(attended) != want.People {
				t.Errorf("group %v: breakdown %+v (%d people), report %+v (%d people)", group, got, len(attended), want.Total, want.People)
			}
		}

		// Another organisation's events and an empty period give nothing.
		if rows, err := f.dev.AttendanceByPerson(f.ctx, f.newOrg("globex").ID, time.Time{}, time.Time{}); err != nil || len(rows) != 0 {
			t.Errorf("another organisation: %+v, %v", rows, err)
		}
		if rows, err := f.dev.AttendanceByPerson(f.ctx, f.org.ID, time.Time{}, from); err != nil || len(rows) != 1 || rows[0].EventID != early.ID {
			t.Errorf("before the period: %+v, %v", rows, err)
		}
	})
}

func ids(people []identity.User) []string {
	out := make([]string, len(people))
	for i, u := range people {
		out[i] = u.ID
	}
	return out
}
