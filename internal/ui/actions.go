package ui

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/weekly"
	"github.com/academy-platform/academy/internal/web"
)

// actionWeeks is how many weeks the action log page counts and lists.
const actionWeeks = 12

type actionsPage struct {
	learnerAccess
	formFocus
	Links  []devLink
	Dims   dimensionNames
	Types  []development.ActionType
	Weeks  []weekly.Week
	Streak weekly.Streak
	// ThisWeek counts this week's entries.
	ThisWeek int
	Entries  []development.ActionEntry
	// Today is the default day of a new entry, written 2026-03-02.
	Today string
}

// Actions shows a learner's networking action log: counts per dimension for each of the
// last weeks, the current and longest weekly streak, the entries with their coaches'
// comments, and the form to log a new action (for the learner).
func (h *Handler) Actions(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	page, err := h.actionsPage(c, a, "")
	if err != nil {
		return err
	}
	return h.site.Page(c, "development/actions", h.site.NewView(c, "actions.title", page))
}

func (h *Handler) actionsPage(c *fiber.Ctx, a learnerAccess, failed string) (any, error) {
	dims, err := h.dimensions(c, a.Learner.OrgID())
	if err != nil {
		return nil, err
	}
	view, err := h.dev.ActionWeeks(ctx(c), a.Learner.ID, actionWeeks)
	if err != nil {
		return nil, err
	}
	entries, err := h.dev.ActionLog(ctx(c), a.Learner.ID, view.Weeks[0].Start, time.Time{})
	if err != nil {
		return nil, err
	}
	return &actionsPage{learnerAccess: a, formFocus: formFocus{Failed: failed},
		Links: developmentLinks(a.Learner.ID, "/people/"+a.Learner.ID+"/actions"), Dims: dims,
		Types: development.ActionTypes(), Weeks: view.Weeks, Streak: view.Streak, ThisWeek: view.Weeks[len(view.Weeks)-1].Total, Entries: entries,
		Today: time.Now().UTC().Format(development.DateLayout)}, nil
}

// LogAction adds an entry to the signed-in learner's action log.
func (h *Handler) LogAction(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	in := development.ActionInput{On: c.FormValue("on"), Type: development.ActionType(c.FormValue("type")),
		Dimensions: formValues(c)["dimensions"], Who: c.FormValue("who"), Note: c.FormValue("note")}
	if _, err := h.dev.LogAction(ctx(c), web.CurrentUser(c).ID, a.Learner.ID, in); err != nil {
		values := map[string]string{"on": in.On, "type": string(in.Type), "who": in.Who, "note": in.Note}
		for _, d := range in.Dimensions {
			values["dimensions."+d] = d
		}
		return h.refill(c, "development/actions", "actions.title", func() (any, error) { return h.actionsPage(c, a, "log") }, values, err)
	}
	return redirectDone(c, "/people/"+a.Learner.ID+"/actions", "action_logged")
}

// CommentOnAction adds a coach's comment to an entry of the action log.
func (h *Handler) CommentOnAction(c *fiber.Ctx) error {
	e, err := h.dev.ActionEntry(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	a, err := h.learnerFor(c, e.LearnerID)
	if err != nil {
		return err
	}
	if err := a.RequireCoach(); err != nil {
		return err
	}
	in := development.CommentInput{Body: c.FormValue("body")}
	if _, err := h.dev.CommentOnAction(ctx(c), web.CurrentUser(c).ID, e.ID, in); err != nil {
		return h.refill(c, "development/actions", "actions.title", func() (any, error) { return h.actionsPage(c, a, "comment-"+e.ID) },
			map[string]string{"body": in.Body}, err)
	}
	return redirectDone(c, "/people/"+e.LearnerID+"/actions", "comment_added")
}
