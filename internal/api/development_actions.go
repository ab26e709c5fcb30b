package api

import (
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

// defaultWeeks is how many weeks the action log's weekly view shows unless ?weeks= says.
const defaultWeeks = 12

// ActionLog is a learner's networking action log: the entries (newest first, with their
// coaches' comments) and the weekly view (counts per ISO week by dimension and type, and
// the logging streak).
type ActionLog struct {
	Entries []development.ActionEntry `json:"entries"`
	Weekly  development.WeeklyView    `json:"weekly"`
	// NextCursor pages through Entries.
	NextCursor *string `json:"next_cursor"`
}

// Actions answers GET /api/v1/users/{id}/actions?weeks=N&from=&to=: one page of the
// entries from one day to another (both included, each end optional) and the last N weeks
// (default 12, at most development.MaxWeeks).
func (h *Handler) Actions(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	weeks, err := weeksQuery(c.Query("weeks"))
	if err != nil {
		return err
	}
	f, p, err := datedPage(c, "actions")
	if err != nil {
		return err
	}
	entries, err := h.dev.ActionList(ctx(c), a.Learner.ID, f)
	if err != nil {
		return storeErr(err)
	}
	entries, next := nextPage(p, entries)
	view, err := h.dev.ActionWeeks(ctx(c), a.Learner.ID, weeks)
	if err != nil {
		return err
	}
	for i := range entries {
		entries[i].Comments = nonNil(entries[i].Comments)
	}
	return sendList(c, ActionLog{Entries: nonNil(entries), Weekly: view, NextCursor: next})
}

// LogAction answers POST /api/v1/users/{id}/actions: only the learner logs their actions.
func (h *Handler) LogAction(c *fiber.Ctx) error {
	u, err := h.ownLearner(c, c.Params("id"))
	if err != nil {
		return err
	}
	var in development.ActionInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	e, err := h.dev.LogAction(ctx(c), u.ID, u.ID, in)
	if err != nil {
		return err
	}
	e.Comments = nonNil(e.Comments)
	return c.Status(http.StatusCreated).JSON(e)
}

// CommentOnAction answers POST /api/v1/actions/{id}/comments, for the learner's coaches
// and organisation administrators.
func (h *Handler) CommentOnAction(c *fiber.Ctx) error {
	e, err := h.dev.ActionEntry(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	if _, err := h.coachedLearner(c, e.LearnerID); err != nil {
		return err
	}
	var in development.CommentInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	comment, err := h.dev.CommentOnAction(ctx(c), web.CurrentUser(c).ID, e.ID, in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(comment)
}

// weeksQuery reads ?weeks=: a whole number from 1 to development.MaxWeeks, or the default.
func weeksQuery(raw string) (int, error) {
	if raw == "" {
		return defaultWeeks, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return 0, errs.InQuery(errs.Invalid("weeks", "type", "int"))
	}
	if n < 1 || n > development.MaxWeeks {
		return 0, errs.InQuery(errs.Invalid("weeks", "out_of_range", "1.."+strconv.Itoa(development.MaxWeeks)))
	}
	return n, nil
}

// datedPage reads the dates (?from=, ?to=) and the page (?limit=, ?cursor=) of the
// learner's list named list.
func datedPage(c *fiber.Ctx, list string) (development.ListFilter, listPage, error) {
	from, to, err := dateRange(c)
	if err != nil {
		return development.ListFilter{}, listPage{}, err
	}
	p, err := page(c, list)
	return development.ListFilter{From: from, To: to, Page: p.Page}, p, err
}
