package reports

import (
	"slices"
	"time"

	"github.com/academy-platform/academy/internal/development"
)

// EventMonths is how far back the organisation report counts professional events: those
// of the twelve months before the report date, and the upcoming ones already published.
const EventMonths = 12

// OrganisationEvents is the events section of the organisation report: the
// organisation's professional events from From on (EventMonths before the report date,
// upcoming ones included) with its learners' attendance and follow-ups. Only learners are
// counted (not the coaches or administrators who go too), and nobody is named.
type OrganisationEvents struct {
	From time.Time
	// Events are by date, the upcoming ones (starting at or after the report date) last.
	Events []EventFigures
	// Held counts the events that had started by the report date; Upcoming the others.
	Held, Upcoming int
	// Total adds up the held events' counts; UpcomingGoing counts the learners signed up
	// for the upcoming ones.
	Total         EventCounts
	UpcomingGoing int
	// People is the number of learners who attended at least one event.
	People int
	// Cohorts are the organisation's cohorts, in the order of OrganisationReportData.Cohorts.
	Cohorts []CohortEvents
}

// EventCounts counts the learners' attendance and follow-ups.
type EventCounts struct {
	// Going counts those who said they would go; Attended those who logged that they went
	// (also without saying so first).
	Going, Attended int
	// FollowUps counts the follow-ups the attendees named; FollowUpsDone those done.
	FollowUps, FollowUpsDone int
}

// EventFigures is one event with its counts.
type EventFigures struct {
	Title    string
	StartsAt time.Time
	Upcoming bool
	// ForCohort is true for an event of one cohort; Cohort is its name, left empty when
	// that cohort is not broken out (fewer than MinGroupSize learners).
	ForCohort bool
	Cohort    string
	Counts    EventCounts
}

// CohortEvents is one cohort's part of the events section.
type CohortEvents struct {
	Name     string
	Learners int
	// BrokenOut is false for a cohort of fewer than MinGroupSize learners, which counts in
	// the organisation's figures only: People and Total are then zero.
	BrokenOut bool
	// People is the number of the cohort's learners who attended at least one event; Total
	// adds up their counts at the held events.
	People int
	Total  EventCounts
}

// eventCounts converts the development store's counts.
func eventCounts(c development.AttendanceCount) EventCounts {
	return EventCounts{Going: c.Going, Attended: c.Attended, FollowUps: c.FollowUps, FollowUpsDone: c.FollowUpsDone}
}

// add adds o to c.
func (c *EventCounts) add(o EventCounts) {
	c.Going += o.Going
	c.Attended += o.Attended
	c.FollowUps += o.FollowUps
	c.FollowUpsDone += o.FollowUpsDone
}

// organisationEvents builds the events section at now from the learners' attendance
// report (org), its per-person breakdown (byPerson, everyone's) and the cohorts: per
// cohort, the counts of its learners (learner ids) at the held events, for cohorts of at
// least MinGroupSize learners.
func organisationEvents(org development.AttendanceReport, byPerson []development.PersonAttendance, learners []string,
	cohorts []cohortGroup, from, now time.Time) OrganisationEvents {
	isLearner := make(map[string]bool, len(learners))
	for _, id := range learners {
		isLearner[id] = true
	}
	groups := make([][]string, len(cohorts))
	names := map[string]string{}
	for i, c := range cohorts {
		for _, id := range c.members {
			if isLearner[id] {
				groups[i] = append(groups[i], id)
			}
		}
		if len(groups[i]) >= MinGroupSize {
			names[c.id] = c.name
		}
	}
	out := OrganisationEvents{From: from, People: org.People}
	held := map[string]bool{}
	for _, e := range org.Events {
		ev := EventFigures{Title: e.Event.Title, StartsAt: e.Event.StartsAt, Upcoming: !e.Event.StartsAt.Before(now),
			ForCohort: e.Event.CohortID != nil, Counts: eventCounts(e.Counts)}
		if ev.ForCohort {
			ev.Cohort = names[*e.Event.CohortID]
		}
		if ev.Upcoming {
			out.Upcoming++
			out.UpcomingGoing += ev.Counts.Going
		} else {
			out.Held++
			out.Total.add(ev.Counts)
			held[e.Event.ID] = true
		}
		out.Events = append(out.Events, ev)
	}
	slices.SortStableFunc(out.Events, func(a, b EventFigures) int { return a.StartsAt.Compare(b.StartsAt) })
	for i, c := range cohorts {
		ce := CohortEvents{Name: c.name, Learners: len(groups[i])}
		if ce.Learners >= MinGroupSize {
			ce.BrokenOut = true
			ce.People, ce.Total = heldCounts(byPerson, groups[i], held)
		}
		out.Cohorts = append(out.Cohorts, ce)
	}
	return out
}

// heldCounts adds up the counts of the given people at the held events, with the number
// of them who attended at least one.
func heldCounts(byPerson []development.PersonAttendance, people []string, held map[string]bool) (int, EventCounts) {
	in := make(map[string]bool, len(people))
	for _, id := range people {
		in[id] = true
	}
	var total EventCounts
	attended := map[string]bool{}
	for _, p := range byPerson {
		if !in[p.UserID] || !held[p.EventID] {
			continue
		}
		total.add(eventCounts(p.Counts))
		if p.Counts.Attended > 0 {
			attended[p.UserID] = true
		}
	}
	return len(attended), total
}
