package ui

import (
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// eventForm is the form that publishes an event (on the events page) and edits one (on its
// edit page), drawn by the template "event-form": where it is sent, the catalog key of its
// button, and the choices it offers.
type eventForm struct {
	Action string
	Submit string
	// Cohorts are the cohorts the person may publish an event for.
	Cohorts []identity.CohortSummary
	Dims    dimensionNames
}

// newEventForm builds the event form of the organisation, with its dimensions, for the
// signed-in person.
func (h *Handler) newEventForm(c *fiber.Ctx, orgID string, dims dimensionNames, action, submit string) (eventForm, error) {
	cohorts, err := h.publishCohorts(c, orgID)
	return eventForm{Action: action, Submit: submit, Cohorts: cohorts, Dims: dims}, err
}

// The ways a datetime-local input writes a moment: to the minute, or with seconds.
const (
	momentLayout        = "2006-01-02T15:04"
	momentSecondsLayout = "2006-01-02T15:04:05"
)

// eventInput reads the event form. Start and end are written as a datetime-local input
// sends them (2026-03-02T18:30) and taken in the organisation's time zone; a malformed one
// is a validation error,
// as is a cohort the person may not publish for. values is what was typed, to show again.
func (h *Handler) eventInput(c *fiber.Ctx, orgID string) (development.EventInput, map[string]string, error) {
	form := formValues(c)
	in := development.EventInput{Title: c.FormValue("title"), Place: c.FormValue("place"), OnlineURL: c.FormValue("online_url"),
		Organiser: c.FormValue("organiser"), Dimensions: form["dimensions"], Preparation: c.FormValue("preparation"),
		CohortID: strings.TrimSpace(c.FormValue("cohort_id"))}
	values := map[string]string{"title": in.Title, "starts_at": c.FormValue("starts_at"), "ends_at": c.FormValue("ends_at"),
		"place": in.Place, "online_url": in.OnlineURL, "organiser": in.Organiser, "preparation": in.Preparation, "cohort_id": in.CohortID}
	for _, d := range in.Dimensions {
		values["dimensions."+d] = d
	}
	loc, err := h.zone(c, orgID)
	if err != nil {
		return in, values, err
	}
	problems := &errs.ValidationError{}
	start, ok := parseMoment(values["starts_at"], loc)
	if !ok {
		problems.Fields = append(problems.Fields, errs.FieldError{Field: "starts_at", Code: "datetime"})
	}
	in.StartsAt = start
	if end, ok := parseMoment(values["ends_at"], loc); !ok {
		problems.Fields = append(problems.Fields, errs.FieldError{Field: "ends_at", Code: "datetime"})
	} else if !end.IsZero() {
		in.EndsAt = &end
	}
	if in.CohortID != "" {
		cohorts, err := h.publishCohorts(c, orgID)
		if err != nil {
			return in, values, err
		}
		if !slices.ContainsFunc(cohorts, func(co identity.CohortSummary) bool { return co.ID == in.CohortID }) {
			problems.Fields = append(problems.Fields, errs.FieldError{Field: "cohort_id", Code: "unknown"})
		}
	}
	if len(problems.Fields) > 0 {
		return in, values, problems
	}
	return in, values, nil
}

// eventValues fills the event form with the event as it is in the zone loc, written as
// eventInput reads it.
func eventValues(e development.Event, loc *time.Location) map[string]string {
	in := e.Input()
	values := map[string]string{"title": in.Title, "starts_at": formatMoment(in.StartsAt, loc), "place": in.Place,
		"online_url": in.OnlineURL, "organiser": in.Organiser, "preparation": in.Preparation, "cohort_id": in.CohortID}
	if in.EndsAt != nil {
		values["ends_at"] = formatMoment(*in.EndsAt, loc)
	}
	for _, d := range in.Dimensions {
		values["dimensions."+d] = d
	}
	return values
}

// parseMoment reads a datetime-local value (2026-03-02T18:30, seconds optional) as a time
// of day in loc, and returns it in UTC; "" is the zero time. ok is false for anything else.
// A time that the clocks skip when summer time starts (02:30 on the night it jumps to
// 03:00) is read as Go normalises it, an hour later; one that happens twice when it ends
// is the first of the two.
func parseMoment(value string, loc *time.Location) (t time.Time, ok bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{momentLayout, momentSecondsLayout} {
		if t, err := time.ParseInLocation(layout, value, loc); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// formatMoment writes t in the zone loc as a datetime-local input shows it, with seconds
// only when it has some.
func formatMoment(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Second() == 0 {
		return t.Format(momentLayout)
	}
	return t.Format(momentSecondsLayout)
}
