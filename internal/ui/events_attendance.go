package ui

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// attendingEvent loads the event named in the URL for the signed-in learner: events they
// may not see are errs.ErrNotFound, and only learners go to events, prepare and log
// attendance (errs.ErrForbidden for anyone else).
func (h *Handler) attendingEvent(c *fiber.Ctx) (development.Event, error) {
	u := web.CurrentUser(c)
	e, err := h.dev.VisibleEvent(ctx(c), u.ID, c.Params("id"))
	if err != nil {
		return e, err
	}
	if u.Role != identity.RoleLearner {
		return e, fmt.Errorf("only learners attend events: %w", errs.ErrForbidden)
	}
	return e, nil
}

// MarkGoing records that the signed-in learner is going to the event.
func (h *Handler) MarkGoing(c *fiber.Ctx) error {
	e, err := h.attendingEvent(c)
	if err != nil {
		return err
	}
	if _, err := h.dev.MarkGoing(ctx(c), web.CurrentUser(c).ID, e.ID); err != nil {
		return err
	}
	return redirectDone(c, "/events/"+e.ID, "event_going")
}

// CancelGoing records that the signed-in learner is no longer going.
func (h *Handler) CancelGoing(c *fiber.Ctx) error {
	e, err := h.attendingEvent(c)
	if err != nil {
		return err
	}
	if _, err := h.dev.CancelGoing(ctx(c), web.CurrentUser(c).ID, e.ID); err != nil {
		return err
	}
	return redirectDone(c, "/events/"+e.ID, "event_not_going")
}

// SavePreparation stores the learner's preparation checklist for the event: their
// problem-solving pitch, one person to help and one need to express.
func (h *Handler) SavePreparation(c *fiber.Ctx) error {
	e, err := h.attendingEvent(c)
	if err != nil {
		return err
	}
	in := development.PreparationInput{Pitch: c.FormValue("pitch"), PersonToHelp: c.FormValue("person_to_help"),
		NeedToExpress: c.FormValue("need_to_express")}
	if _, err := h.dev.SavePreparation(ctx(c), web.CurrentUser(c).ID, e.ID, in); err != nil {
		values := map[string]string{"pitch": in.Pitch, "person_to_help": in.PersonToHelp, "need_to_express": in.NeedToExpress}
		return h.refill(c, "events/show", "events.event_title", func() (any, error) { return h.eventPage(c, e, "preparation") }, values, err)
	}
	return redirectDone(c, "/events/"+e.ID, "preparation_saved")
}

// MarkAttended logs that the learner attended the event: an entry in their action log and
// one follow-up reminder per person they name (one per line of the form).
func (h *Handler) MarkAttended(c *fiber.Ctx) error {
	e, err := h.attendingEvent(c)
	if err != nil {
		return err
	}
	values := map[string]string{"follow_ups": c.FormValue("follow_ups"), "due_on": c.FormValue("due_on"), "note": c.FormValue("note")}
	in := development.AttendedInput{Note: values["note"]}
	for _, line := range strings.Split(values["follow_ups"], "\n") {
		if contact := strings.TrimSpace(line); contact != "" {
			in.FollowUps = append(in.FollowUps, development.FollowUpInput{Contact: contact, DueOn: values["due_on"]})
		}
	}
	if _, err := h.dev.MarkAttended(ctx(c), web.CurrentUser(c).ID, e.ID, in); err != nil {
		return h.refill(c, "events/show", "events.event_title", func() (any, error) { return h.eventPage(c, e, "attended") },
			values, attendedFormError(err))
	}
	return redirectDone(c, "/events/"+e.ID, "event_attended")
}

// attendedFormError names the problems of an AttendedInput after the fields of the page's
// form, which asks for the follow-ups as lines of one text box and one due day for all.
func attendedFormError(err error) error {
	verr, ok := errs.AsValidation(err)
	if !ok {
		return err
	}
	out := &errs.ValidationError{}
	for _, f := range verr.Fields {
		switch {
		case f.Field == "follow_ups" && f.Code == "max":
			f.Code = "too_many_follow_ups"
		case f.Field == "contact":
			f.Field = "follow_ups"
		case strings.HasPrefix(f.Field, "follow_ups[") && strings.HasSuffix(f.Field, "].due_on"):
			f.Field = "due_on"
		}
		if _, seen := out.Field(f.Field); !seen {
			out.Fields = append(out.Fields, f)
		}
	}
	return out
}
