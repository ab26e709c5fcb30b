package reports

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/academy-platform/academy/internal/development"
)

// sampleEventTitles are a year of events, one a month from March 2025: the last two are
// upcoming at fixedNow, the fourth is for the second cohort and the sixth for the small
// one.
var sampleEventTitles = []string{
	"Desayuno de networking de la Cámara de Comercio de Madrid",
	"Encuentro de antiguos alumnos",
	"Congreso Nacional de Recursos Humanos: liderazgo, talento y transformación digital en la empresa española",
	"Taller de presentación en un minuto",
	"Afterwork de mujeres directivas",
	"Comida con clientes del sector asegurador",
	"Jornada de puertas abiertas de la aceleradora",
	"South Summit",
	"Feria de empleo tecnológico",
	"Mesa redonda sobre innovación en banca",
	"Cena de Navidad de la asociación de consultores",
	"Encuentro de emprendedores de Valencia",
	"Desayuno con inversores",
	"Foro de economía digital",
}

// sampleEvents is the events section of the learners and cohorts of sampleOrganisation
// (whose last cohort is too small to break out), with seeded attendance and follow-ups,
// built the way Sources builds it.
func sampleEvents(facts []learnerFacts, cohorts []cohortGroup) OrganisationEvents {
	rng := rand.New(rand.NewPCG(3, 7))
	var report development.AttendanceReport
	var byPerson []development.PersonAttendance
	attended := map[string]bool{}
	for i, title := range sampleEventTitles {
		e := development.Event{ID: fmt.Sprintf("e%02d", i), Title: title,
			StartsAt: time.Date(2025, 3, 20, 18, 30, 0, 0, time.UTC).AddDate(0, i, 0)}
		audience := userIDsOfFacts(facts)
		if c := map[int]int{3: 1, 5: 3}[i]; c > 0 && c < len(cohorts) {
			e.CohortID, audience = &cohorts[c].id, cohorts[c].members
		}
		upcoming := !e.StartsAt.Before(fixedNow)
		var total development.AttendanceCount
		for _, id := range audience {
			var c development.AttendanceCount
			if rng.IntN(6) == 0 {
				c.Going = 1
			}
			if !upcoming && rng.IntN(20) < 1+c.Going*15 { // most of those going, a few others
				c.Attended, c.FollowUps = 1, rng.IntN(4)
				c.FollowUpsDone = rng.IntN(c.FollowUps + 1)
				attended[id] = true
			}
			if c == (development.AttendanceCount{}) {
				continue
			}
			byPerson = append(byPerson, development.PersonAttendance{EventID: e.ID, UserID: id, Counts: c})
			total = plusCounts(total, c)
		}
		report.Events = append(report.Events, development.EventCount{Event: e, Counts: total})
		report.Total = plusCounts(report.Total, total)
	}
	report.People = len(attended)
	return organisationEvents(report, byPerson, userIDsOfFacts(facts), cohorts, fixedNow.AddDate(0, -EventMonths, 0), fixedNow)
}

// plusCounts adds two counts up.
func plusCounts(a, b development.AttendanceCount) development.AttendanceCount {
	return development.AttendanceCount{Going: a.Going + b.Going, Attended: a.Attended + b.Attended,
		FollowUps: a.FollowUps + b.FollowUps, FollowUpsDone: a.FollowUpsDone + b.FollowUpsDone}
}
