package development_test

import (
	"encoding/json"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
)

func eventInput() development.EventInput {
	return development.EventInput{Title: "Barcelona Tech Breakfast", StartsAt: time.Date(2026, 3, 10, 8, 30, 0, 0, time.UTC),
		Place: "Barcelona, Pier 01", Organiser: "Tech Barcelona", Dimensions: []string{"problem-solving-pitch"},
		Preparation: "Meet the two fintech founders; offer our open data contacts."}
}

func TestEventPublishing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, coach := f.learner("Ana"), f.coach("Carla")
		other := f.newOrg("globex")
		_, err := f.dev.CreateEvent(f.ctx, ana.ID, f.org.ID, eventInput())
		wantIs(t, err, errs.ErrForbidden)
		_, err = f.dev.CreateEvent(f.ctx, coach.ID, other.ID, eventInput())
		wantIs(t, err, errs.ErrForbidden)
		cases := []struct {
			name        string
			edit        func(*development.EventInput)
			field, code string
		}{
			{"no title", func(in *development.EventInput) { in.Title = "" }, "title", "required"},
			{"no start", func(in *development.EventInput) { in.StartsAt = time.Time{} }, "starts_at", "required"},
			{"neither place nor link", func(in *development.EventInput) { in.Place = "" }, "place", "required"},
			{"not a web link", func(in *development.EventInput) { in.OnlineURL = "javascript:alert(1)" }, "online_url", "url"},
			{"ftp link", func(in *development.EventInput) { in.OnlineURL = "ftp://example.com/x" }, "online_url", "url"},
			{"ends before it starts", func(in *development.EventInput) { in.EndsAt = ptr(in.StartsAt.Add(-time.Hour)) }, "ends_at", "after_start"},
			{"unknown dimension", func(in *development.EventInput) { in.Dimensions = []string{"charisma"} }, "dimensions", "unknown_dimension"},
			{"another organisation's cohort", func(in *development.EventInput) {
				c, _ := f.people.CreateCohort(f.ctx, other.ID, identityCohort("Other"))
				in.CohortID = c.ID
			}, "cohort_id", "unknown"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				in := eventInput()
				c.edit(&in)
				_, err := f.dev.CreateEvent(f.ctx, coach.ID, f.org.ID, in)
				wantField(t, err, c.field, c.code)
			})
		}
		in := eventInput()
		in.Place, in.OnlineURL = "", "https://meet.example.com/breakfast"
		e, err := f.dev.CreateEvent(f.ctx, coach.ID, f.org.ID, in)
		wantIs(t, err, nil)
		if e.OnlineURL != in.OnlineURL || *e.CreatedBy != coach.ID || e.Dimensions[0] != "problem-solving-pitch" {
			t.Fatalf("event = %+v", e)
		}
		in.Title = "Barcelona Tech Breakfast (moved)"
		e, err = f.dev.UpdateEvent(f.ctx, coach.ID, e.ID, in)
		wantIs(t, err, nil)
		if e.Title != in.Title {
			t.Fatalf("updated = %+v", e)
		}
		_, err = f.dev.UpdateEvent(f.ctx, ana.ID, e.ID, in)
		wantIs(t, err, errs.ErrForbidden)

		// A cohort's event is seen by that cohort only.
		bea := f.learner("Bea")
		sales := f.cohort("Sales", bea, coach)
		in.CohortID = sales.ID
		salesEvent, err := f.dev.CreateEvent(f.ctx, coach.ID, f.org.ID, in)
		wantIs(t, err, nil)
		_, err = f.dev.VisibleEvent(f.ctx, ana.ID, salesEvent.ID)
		wantIs(t, err, errs.ErrNotFound)
		_, err = f.dev.MarkGoing(f.ctx, ana.ID, salesEvent.ID)
		wantIs(t, err, errs.ErrNotFound)
		_, err = f.dev.VisibleEvent(f.ctx, bea.ID, salesEvent.ID)
		wantIs(t, err, nil)
		list, err := f.dev.Events(f.ctx, development.EventFilter{OrganisationID: f.org.ID, CohortIDs: []string{}})
		wantIs(t, err, nil)
		if len(list) != 1 || list[0].Event.ID != e.ID {
			t.Fatalf("organisation-wide events = %+v", list)
		}
		list, _ = f.dev.Events(f.ctx, development.EventFilter{OrganisationID: f.org.ID, CohortIDs: []string{sales.ID}})
		if len(list) != 2 {
			t.Fatalf("Sales sees %d events", len(list))
		}
	})
}

// TestEventAttendance: going, preparation, attended → action entries and follow-up
// reminders, completing a follow-up, and the counts.
func TestEventAttendance(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea, coach := f.learner("Ana"), f.learner("Bea"), f.coach("Carla")
		e, err := f.dev.CreateEvent(f.ctx, coach.ID, f.org.ID, eventInput())
		wantIs(t, err, nil)

		a, err := f.dev.MarkGoing(f.ctx, ana.ID, e.ID)
		wantIs(t, err, nil)
		if a.GoingAt == nil || a.AttendedAt != nil {
			t.Fatalf("attendance = %+v", a)
		}
		a, err = f.dev.SavePreparation(f.ctx, ana.ID, e.ID, development.PreparationInput{
			Pitch: "I help small shops sell online without a developer", PersonToHelp: "Marta, looking for a CTO", NeedToExpress: "An intro to a payments bank"})
		wantIs(t, err, nil)
		if a.Pitch == "" || a.PersonToHelp == "" || a.NeedToExpress == "" || a.GoingAt == nil {
			t.Fatalf("preparation = %+v", a)
		}
		_, err = f.dev.SavePreparation(f.ctx, bea.ID, e.ID, development.PreparationInput{Pitch: "I fix supply chains"})
		wantIs(t, err, nil) // saving a preparation marks Bea as going too
		_, err = f.dev.MarkAttended(f.ctx, ana.ID, e.ID, development.AttendedInput{})
		wantIs(t, err, development.ErrEventNotStarted)

		f.clock.Set(time.Date(2026, 3, 10, 11, 0, 0, 0, time.UTC))
		_, err = f.dev.MarkAttended(f.ctx, ana.ID, e.ID, development.AttendedInput{FollowUps: []development.FollowUpInput{{Contact: "Marta", DueOn: "2026-03-09"}}})
		wantField(t, err, "follow_ups[0].due_on", "before_event")
		_, err = f.dev.MarkAttended(f.ctx, ana.ID, e.ID, development.AttendedInput{FollowUps: []development.FollowUpInput{{Contact: ""}}})
		wantField(t, err, "contact", "required")
		got, err := f.dev.MarkAttended(f.ctx, ana.ID, e.ID, development.AttendedInput{Note: "Great breakfast",
			FollowUps: []development.FollowUpInput{{Contact: "Marta", Note: "Send the CTO shortlist"}, {Contact: "Jordi", DueOn: "2026-03-12"}}})
		wantIs(t, err, nil)
		if got.Attendance.AttendedAt == nil || got.Entry.Type != development.ActionAttendedEvent || *got.Entry.EventID != e.ID ||
			got.Entry.On.Format(time.DateOnly) != "2026-03-10" || got.Entry.Who != e.Title ||
			len(got.Entry.Dimensions) != 2 || got.Entry.Dimensions[1] != "problem-solving-pitch" || len(got.FollowUps) != 2 ||
			got.FollowUps[0].DueOn.Format(time.DateOnly) != "2026-03-17" || got.FollowUps[1].DueOn.Format(time.DateOnly) != "2026-03-12" {
			t.Fatalf("attended = %+v", got)
		}
		_, err = f.dev.MarkAttended(f.ctx, ana.ID, e.ID, development.AttendedInput{})
		wantIs(t, err, development.ErrAlreadyAttended)
		_, err = f.dev.CancelGoing(f.ctx, ana.ID, e.ID)
		wantIs(t, err, development.ErrAlreadyAttended)

		// The home page's reminders, soonest first; completing one logs a followed_up entry.
		open, err := f.dev.FollowUps(f.ctx, ana.ID, true)
		wantIs(t, err, nil)
		if len(open) != 2 || open[0].Contact != "Jordi" || open[1].Contact != "Marta" || open[0].EventTitle != e.Title {
			t.Fatalf("follow-ups = %+v", open)
		}
		_, err = f.dev.CompleteFollowUp(f.ctx, bea.ID, open[1].ID, development.CompleteFollowUpInput{})
		wantIs(t, err, errs.ErrForbidden)
		done, err := f.dev.CompleteFollowUp(f.ctx, ana.ID, open[1].ID, development.CompleteFollowUpInput{})
		wantIs(t, err, nil)
		if !done.Done() || done.EntryID == nil {
			t.Fatalf("done = %+v", done)
		}
		_, err = f.dev.CompleteFollowUp(f.ctx, ana.ID, open[1].ID, development.CompleteFollowUpInput{})
		wantIs(t, err, development.ErrFollowUpDone)
		log, _ := f.dev.ActionLog(f.ctx, ana.ID, time.Time{}, time.Time{})
		if len(log) != 2 || log[0].Type != development.ActionFollowedUp || log[0].Who != "Marta" || log[0].Note != "Send the CTO shortlist" ||
			log[1].Type != development.ActionAttendedEvent {
			t.Fatalf("log = %+v", log)
		}
		if f.count("action_entries") != 2 {
			t.Fatal("a refused completion left an entry behind")
		}
		if all, _ := f.dev.FollowUps(f.ctx, ana.ID, false); len(all) != 2 || all[1].DoneAt == nil {
			t.Fatalf("all follow-ups = %+v", all)
		}
		if f.clock.Set(time.Date(2026, 3, 13, 9, 0, 0, 0, time.UTC)); !open[0].Overdue(f.clock.Now()) {
			t.Fatal("Jordi's follow-up is not overdue on the 13th")
		}

		// After the event, nobody can say they are going.
		_, err = f.dev.MarkGoing(f.ctx, coach.ID, e.ID)
		wantIs(t, err, development.ErrEventOver)

		// Counts per event, for everyone and for a cohort.
		report, err := f.dev.AttendanceReport(f.ctx, f.org.ID, nil, time.Time{}, time.Time{})
		wantIs(t, err, nil)
		want := development.AttendanceCount{Going: 2, Attended: 1, FollowUps: 2, FollowUpsDone: 1}
		if len(report.Events) != 1 || report.Events[0].Counts != want || report.Total != want || report.People != 1 {
			t.Fatalf("report = %+v", report)
		}
		report, _ = f.dev.AttendanceReport(f.ctx, f.org.ID, []string{bea.ID}, time.Time{}, time.Time{})
		if report.Total != (development.AttendanceCount{Going: 1}) || report.People != 0 {
			t.Fatalf("Bea's cohort = %+v", report)
		}
		report, _ = f.dev.AttendanceReport(f.ctx, f.org.ID, nil, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Time{})
		if len(report.Events) != 0 || report.Total != (development.AttendanceCount{}) {
			t.Fatalf("April = %+v", report)
		}
		views, _ := f.dev.Events(f.ctx, development.EventFilter{OrganisationID: f.org.ID, UserID: ana.ID})
		if len(views) != 1 || views[0].Attendance == nil || views[0].Attendance.AttendedAt == nil {
			t.Fatalf("Ana's events = %+v", views)
		}
	})
}

// TestEventInputKeepsTheEvent: an event's Input publishes it again as it is, the starting
// point of an edit.
func TestEventInputKeepsTheEvent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		coach := f.coach("Carla")
		sales := f.cohort("Sales", coach)
		in := eventInput()
		in.EndsAt, in.OnlineURL, in.CohortID = ptr(in.StartsAt.Add(2*time.Hour)), "https://meet.example.com/x", sales.ID
		e, err := f.dev.CreateEvent(f.ctx, coach.ID, f.org.ID, in)
		wantIs(t, err, nil)
		f.clock.Advance(time.Hour)
		again, err := f.dev.UpdateEvent(f.ctx, coach.ID, e.ID, e.Input())
		wantIs(t, err, nil)
		if !again.UpdatedAt.After(e.UpdatedAt) {
			t.Fatalf("updated at %v, before %v", again.UpdatedAt, e.UpdatedAt)
		}
		again.UpdatedAt = e.UpdatedAt
		if got, want := asJSON(t, again), asJSON(t, e); got != want {
			t.Fatalf("after an unchanged edit: %s, want %s", got, want)
		}
		wide := e.Input()
		wide.CohortID = ""
		if e, _ = f.dev.UpdateEvent(f.ctx, coach.ID, e.ID, wide); e.CohortID != nil {
			t.Fatalf("still for a cohort: %+v", e)
		}
	})
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
