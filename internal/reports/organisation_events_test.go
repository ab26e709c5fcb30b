package reports

import (
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reports/internal/pdftest"
)

// event publishes an event of the world's organisation (for one cohort when given).
func (w *world) event(author identity.User, title string, at time.Time, cohort *identity.Cohort) development.Event {
	w.t.Helper()
	in := development.EventInput{Title: title, StartsAt: at, Place: "Madrid"}
	if cohort != nil {
		in.CohortID = cohort.ID
	}
	e, err := w.dev.CreateEvent(w.ctx, author.ID, w.org.ID, in)
	if err != nil {
		w.t.Fatal(err)
	}
	return e
}

// going signs people up for an event.
func (w *world) going(e development.Event, people ...identity.User) {
	w.t.Helper()
	for _, u := range people {
		if _, err := w.dev.MarkGoing(w.ctx, u.ID, e.ID); err != nil {
			w.t.Fatal(err)
		}
	}
}

// attended logs that u attended e, naming follow-ups more people to follow up with and
// completing done of them.
func (w *world) attended(u identity.User, e development.Event, followUps, done int) {
	w.t.Helper()
	var in development.AttendedInput
	for i := range followUps {
		in.FollowUps = append(in.FollowUps, development.FollowUpInput{Contact: "Contacto " + string(rune('A'+i))})
	}
	got, err := w.dev.MarkAttended(w.ctx, u.ID, e.ID, in)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, f := range got.FollowUps[:done] {
		if _, err := w.dev.CompleteFollowUp(w.ctx, u.ID, f.ID, development.CompleteFollowUpInput{}); err != nil {
			w.t.Fatal(err)
		}
	}
}

// withEvents gives the group world a year of events and moves its clock to the report
// date, a year and ten days after the first event: that one is then out of the period,
// three are held in it (one for everyone, one for cohort A, one for the small cohort B)
// and one is upcoming. The coach goes too, and is not counted.
func (g *groupWorld) withEvents() (early, breakfast, workshop, lunch, forum development.Event) {
	w := g.world
	start := w.clock.Now()
	early = w.event(g.coach, "Feria de hace más de un año", start.Add(24*time.Hour), nil)
	breakfast = w.event(g.coach, "Desayuno de directivos", start.AddDate(0, 0, 40), nil)
	workshop = w.event(g.coach, "Taller de presentación en un minuto", start.AddDate(0, 0, 50), &g.a)
	lunch = w.event(g.coach, "Comida con clientes", start.AddDate(0, 0, 60), &g.b)
	w.going(early, g.inA[0])
	w.going(breakfast, g.inA[0], g.inA[1], g.inA[2], g.inA[3], g.inB[0], g.rest[0], g.coach)
	w.going(workshop, g.inA...)
	w.going(lunch, g.inB...)

	w.clock.Advance(25 * time.Hour)
	w.attended(g.inA[0], early, 1, 1)
	w.clock.Advance(60 * 24 * time.Hour)
	w.attended(g.inA[0], breakfast, 2, 1)
	w.attended(g.inA[1], breakfast, 0, 0)
	w.attended(g.inA[2], breakfast, 1, 1)
	w.attended(g.inB[0], breakfast, 1, 0)
	w.attended(g.rest[1], breakfast, 0, 0) // without signing up first
	w.attended(g.coach, breakfast, 3, 0)
	w.attended(g.inA[0], workshop, 1, 0)
	w.attended(g.inA[4], workshop, 1, 0)
	w.attended(g.inB[1], lunch, 1, 1)

	w.clock.Advance(start.AddDate(1, 0, 11).Sub(w.clock.Now()))
	forum = w.event(g.coach, "Foro de economía digital", w.clock.Now().AddDate(0, 0, 20), nil)
	w.going(forum, g.inA[5], g.rest[2], g.coach)
	return early, breakfast, workshop, lunch, forum
}

func TestSourcesOrganisationEvents(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		g := newGroupWorld(t, gdb)
		_, breakfast, workshop, lunch, forum := g.withEvents()
		data, err := g.sources().OrganisationReportData(g.ctx, g.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		ev := data.Events
		if !ev.From.Equal(data.GeneratedAt.AddDate(0, -12, 0)) {
			t.Errorf("period from %s, report date %s", ev.From, data.GeneratedAt)
		}
		// Learners only: the coach's attendance and follow-ups are left out.
		want := EventCounts{Going: 6 + 6 + 3, Attended: 5 + 2 + 1, FollowUps: 4 + 2 + 1, FollowUpsDone: 2 + 0 + 1}
		if ev.Held != 3 || ev.Upcoming != 1 || ev.UpcomingGoing != 2 || ev.People != 7 || ev.Total != want {
			t.Errorf("events section = %+v, want total %+v", ev, want)
		}
		if len(ev.Events) != 4 {
			t.Fatalf("events = %+v", ev.Events)
		}
		for i, w := range []struct {
			e      development.Event
			cohort string
			counts EventCounts
		}{
			{breakfast, "", EventCounts{Going: 6, Attended: 5, FollowUps: 4, FollowUpsDone: 2}},
			{workshop, "Liderazgo · primavera", EventCounts{Going: 6, Attended: 2, FollowUps: 2}},
			{lunch, "", EventCounts{Going: 3, Attended: 1, FollowUps: 1, FollowUpsDone: 1}}, // B is not broken out
			{forum, "", EventCounts{Going: 2}},
		} {
			got := ev.Events[i]
			if got.Title != w.e.Title || !got.StartsAt.Equal(w.e.StartsAt) || got.Cohort != w.cohort ||
				got.ForCohort != (w.e.CohortID != nil) || got.Upcoming != (w.e.ID == forum.ID) || got.Counts != w.counts {
				t.Errorf("event %d = %+v, want %s %+v", i, got, w.e.Title, w.counts)
			}
		}
		byName := map[string]CohortEvents{}
		for _, c := range ev.Cohorts {
			byName[c.Name] = c
		}
		if len(byName) != 3 {
			t.Fatalf("cohorts = %+v", ev.Cohorts)
		}
		if a := byName["Liderazgo · primavera"]; !a.BrokenOut || a.Learners != 6 || a.People != 4 ||
			a.Total != (EventCounts{Going: 10, Attended: 5, FollowUps: 5, FollowUpsDone: 2}) {
			t.Errorf("cohort A = %+v", a)
		}
		if b := byName["Dirección"]; b.BrokenOut || b.Learners != 3 || b.People != 0 || b.Total != (EventCounts{}) {
			t.Errorf("cohort B is broken out: %+v", b)
		}
		if c := byName["Todos menos cuatro"]; !c.BrokenOut || c.Learners != 8 || c.People != 6 ||
			c.Total != (EventCounts{Going: 13, Attended: 7, FollowUps: 7, FollowUpsDone: 3}) {
			t.Errorf("cohort C = %+v", c)
		}

		doc, err := newRenderer(t).OrganisationReport(data, Spanish)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
		text := pdftest.Squash(pdftest.Text(t, doc))
		for _, s := range []string{"Eventos profesionales", "Desayuno de directivos", "Para Liderazgo · primavera", "Para un solo grupo",
			"Foro de economía digital", "Próximo", "Fueron a alguno", "seguimientos hechos (3 de 7 previstos)",
			"de los participantes han ido al menos a uno (7 personas)", "58 %", "frente a 15 inscripciones",
			"con 2 inscripciones por ahora"} {
			if !strings.Contains(text, s) {
				t.Errorf("the report lacks %q", s)
			}
		}
		if strings.Contains(text, "Feria de hace más de un año") {
			t.Error("an event from before the period is in the report")
		}
		for _, u := range append(append(g.inA, g.inB...), g.rest...) {
			if strings.Contains(text, u.Name) {
				t.Errorf("the organisation report names %s", u.Name)
			}
		}
	})
}

// TestOrganisationEventsFigures: the section's figures from the attendance report and its
// per-person breakdown, by hand.
func TestOrganisationEventsFigures(t *testing.T) {
	now := fixedNow
	event := func(id string, days int, cohort string) development.Event {
		e := development.Event{ID: id, Title: "Evento " + id, StartsAt: now.AddDate(0, 0, days)}
		if cohort != "" {
			e.CohortID = &cohort
		}
		return e
	}
	one := development.AttendanceCount{Going: 1, Attended: 1, FollowUps: 2, FollowUpsDone: 1}
	going := development.AttendanceCount{Going: 1}
	report := development.AttendanceReport{People: 3, Events: []development.EventCount{
		// Out of date order on purpose; "now" starts exactly at the report date: upcoming.
		{Event: event("later", 10, ""), Counts: development.AttendanceCount{Going: 2}},
		{Event: event("small", -20, "c-small"), Counts: one},
		{Event: event("big", -30, "c-big"), Counts: plusCounts(one, one)},
		{Event: event("now", 0, ""), Counts: going},
		{Event: event("all", -40, ""), Counts: plusCounts(one, going)},
	}}
	big := []string{"u1", "u2", "u3", "u4", "u5", "coach"}
	byPerson := []development.PersonAttendance{
		{EventID: "all", UserID: "u1", Counts: one}, {EventID: "all", UserID: "u9", Counts: going},
		{EventID: "all", UserID: "coach", Counts: one}, // not a learner: not counted
		{EventID: "big", UserID: "u1", Counts: one}, {EventID: "big", UserID: "u2", Counts: one},
		{EventID: "small", UserID: "u9", Counts: one},
		{EventID: "later", UserID: "u3", Counts: going}, {EventID: "later", UserID: "u9", Counts: going},
	}
	learners := []string{"u1", "u2", "u3", "u4", "u5", "u9"}
	cohorts := []cohortGroup{{id: "c-big", name: "Grande", members: big}, {id: "c-small", name: "Pequeño", members: []string{"u9"}},
		{id: "c-four", name: "Cuatro más el coach", members: []string{"u1", "u2", "u3", "u4", "coach"}}}
	ev := organisationEvents(report, byPerson, learners, cohorts, now.AddDate(-1, 0, 0), now)

	var order []string
	for _, e := range ev.Events {
		order = append(order, e.Title)
	}
	if strings.Join(order, ",") != "Evento all,Evento big,Evento small,Evento now,Evento later" {
		t.Errorf("events by date: %v", order)
	}
	if ev.Held != 3 || ev.Upcoming != 2 || ev.UpcomingGoing != 3 || ev.People != 3 ||
		ev.Total != (EventCounts{Going: 5, Attended: 4, FollowUps: 8, FollowUpsDone: 4}) {
		t.Errorf("section = %+v", ev)
	}
	if e := ev.Events[1]; !e.ForCohort || e.Cohort != "Grande" {
		t.Errorf("the big cohort's event = %+v", e)
	}
	if e := ev.Events[2]; !e.ForCohort || e.Cohort != "" {
		t.Errorf("the small cohort's event names it: %+v", e)
	}
	want := []CohortEvents{
		{Name: "Grande", Learners: 5, BrokenOut: true, People: 2,
			Total: EventCounts{Going: 3, Attended: 3, FollowUps: 6, FollowUpsDone: 3}},
		{Name: "Pequeño", Learners: 1},
		{Name: "Cuatro más el coach", Learners: 4}, // the coach is no learner: four, not broken out
	}
	for i, c := range ev.Cohorts {
		if c != want[i] {
			t.Errorf("cohort %d = %+v, want %+v", i, c, want[i])
		}
	}
}

// TestOrganisationEventsSection: the section in both languages, with events and without.
func TestOrganisationEventsSection(t *testing.T) {
	r := newRenderer(t)
	data := sampleOrganisation(t, 240)
	ev := data.Events
	if ev.Held != 12 || ev.Upcoming != 2 || ev.People == 0 || ev.Total.Attended == 0 || ev.Total.FollowUpsDone == 0 ||
		len(ev.Cohorts) != 4 || ev.Cohorts[3].BrokenOut || !ev.Cohorts[1].BrokenOut {
		t.Fatalf("sample events = %+v", ev)
	}
	want := map[string][]string{
		Spanish: {"Eventos profesionales", "del 5 de marzo de 2025 al 5 de marzo de 2026", "eventos celebrados en los últimos 12 meses",
			"Por evento", "Seguimientos previstos", "Congreso Nacional de Recursos Humanos", "20 mar 2025", "Para Liderazgo · primavera",
			"Para un solo grupo", "Próximo", "Por grupo", "Fueron a alguno", "Solo eventos ya celebrados", "eventos próximos ya publicados"},
		English: {"Professional events", "from 5 March 2025 to 5 March 2026", "events held in the last 12 months", "By event",
			"Follow-ups named", "20 Mar 2025", "For Liderazgo · primavera", "For one cohort", "Upcoming", "By cohort", "Attended any",
			"upcoming events already published"},
	}
	for _, lang := range Languages() {
		doc, err := r.OrganisationReport(data, lang)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
		text := pdftest.Squash(pdftest.Text(t, doc))
		for _, w := range want[lang] {
			if !strings.Contains(text, w) {
				t.Errorf("%s: pdftotext does not give %q", lang, w)
			}
		}
	}

	empty := data
	empty.Events = OrganisationEvents{}
	for lang, w := range map[string]string{
		Spanish: "No ha habido eventos profesionales en este periodo ni hay ninguno próximo publicado",
		English: "There were no professional events in this period and none is coming up",
	} {
		doc, err := r.OrganisationReport(empty, lang)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
		text := pdftest.Squash(pdftest.Text(t, doc))
		if !strings.Contains(text, w) || strings.Contains(text, "Fueron a alguno") || strings.Contains(text, "Attended any") {
			t.Errorf("%s: no empty state: %s", lang, text)
		}
	}
}
