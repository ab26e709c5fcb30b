package ui

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/footprint"
	"github.com/academy-platform/academy/internal/web"
)

// footprintQuestion is one checklist question as the form shows it.
type footprintQuestion struct {
	footprint.Question
	Label string // the question in the reader's language
	// Value is what the form shows: what was typed, else the latest check's answer.
	Value string
}

type footprintPage struct {
	learnerAccess
	Links     []devLink
	Questions []footprintQuestion
	// History is every check, newest first; Change is the latest score minus the one before.
	History []development.FootprintCheck
	Change  *float64
}

// Footprint shows a learner's digital-footprint self-check: the checklist (for the
// learner, filled in with their latest answers) and the score of every check so far.
func (h *Handler) Footprint(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	page, err := h.footprintPage(c, a, nil)
	if err != nil {
		return err
	}
	return h.site.Page(c, "development/footprint", h.site.NewView(c, "footprint.title", page))
}

// footprintPage builds the page; typed holds the answers of a form that failed, else nil.
func (h *Handler) footprintPage(c *fiber.Ctx, a learnerAccess, typed map[string]string) (any, error) {
	history, err := h.dev.FootprintHistory(ctx(c), a.Learner.ID)
	if err != nil {
		return nil, err
	}
	page := &footprintPage{learnerAccess: a, Links: developmentLinks(a.Learner.ID, "/people/"+a.Learner.ID+"/footprint"),
		History: history}
	if len(history) > 1 {
		change := history[0].Score - history[1].Score
		page.Change = &change
	}
	lang := web.CurrentLocale(c).Lang
	for _, q := range footprint.Checklist() {
		fq := footprintQuestion{Question: q, Label: q.Text.In(lang, web.Languages...)}
		switch {
		case typed != nil:
			fq.Value = typed[q.ID]
		case len(history) > 0:
			if n, ok := history[0].Answers[q.ID]; ok {
				fq.Value = strconv.Itoa(n)
			}
		}
		page.Questions = append(page.Questions, fq)
	}
	return page, nil
}

// SaveFootprint scores and stores the signed-in learner's self-check.
func (h *Handler) SaveFootprint(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	answers := footprint.Answers{}
	values := map[string]string{}
	for _, q := range footprint.Checklist() {
		raw := strings.TrimSpace(c.FormValue(q.ID))
		values[q.ID] = raw
		if raw == "" {
			continue // footprint.Validate reports it as required
		}
		n, err := strconv.Atoi(raw)
		if err != nil {
			n = -1 // not a whole number: footprint.Validate reports it as out of range
		}
		answers[q.ID] = n
	}
	if _, err := h.dev.SaveFootprint(ctx(c), web.CurrentUser(c).ID, a.Learner.ID, answers); err != nil {
		return h.refill(c, "development/footprint", "footprint.title", func() (any, error) { return h.footprintPage(c, a, values) }, values, err)
	}
	return redirectDone(c, "/people/"+a.Learner.ID+"/footprint", "footprint_saved")
}
