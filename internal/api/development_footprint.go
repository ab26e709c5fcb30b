package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/footprint"
	"github.com/academy-platform/academy/internal/web"
)

// Footprint is the digital-footprint self-check: its questions, in the caller's language,
// and the learner's checks so far, newest first.
type Footprint struct {
	Version   int                          `json:"version"`
	Checklist []FootprintQuestion          `json:"checklist"`
	Checks    []development.FootprintCheck `json:"checks"`
	// NextCursor pages through Checks.
	NextCursor *string `json:"next_cursor"`
}

// FootprintQuestion is one question of the checklist: yes_no questions are answered 0 or 1,
// count questions with a whole number (full marks from Target on).
type FootprintQuestion struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Weight int    `json:"weight"`
	Target int    `json:"target,omitempty"`
	Text   string `json:"text"`
}

type footprintInput struct {
	Answers footprint.Answers `json:"answers"`
}

// FootprintChecks answers GET /api/v1/users/{id}/footprint: the checklist and one page of
// the checks.
func (h *Handler) FootprintChecks(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	p, err := page(c, "footprint")
	if err != nil {
		return err
	}
	checks, err := h.dev.FootprintCheckList(ctx(c), a.Learner.ID, p.Page)
	if err != nil {
		return storeErr(err)
	}
	checks, next := nextPage(p, checks)
	lang := web.CurrentLocale(c).Lang
	out := Footprint{Version: footprint.Version, Checks: nonNil(checks), NextCursor: next}
	for _, q := range footprint.Checklist() {
		out.Checklist = append(out.Checklist, FootprintQuestion{ID: q.ID, Kind: string(q.Kind), Weight: q.Weight,
			Target: q.Target, Text: q.Text.In(lang, web.Languages...)})
	}
	return sendList(c, out)
}

// SaveFootprint answers POST /api/v1/users/{id}/footprint with the scored check: only the
// learner fills in their self-check. Every question must be answered; problems are
// reported per question id.
func (h *Handler) SaveFootprint(c *fiber.Ctx) error {
	u, err := h.ownLearner(c, c.Params("id"))
	if err != nil {
		return err
	}
	var in footprintInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	check, err := h.dev.SaveFootprint(ctx(c), u.ID, u.ID, in.Answers)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(check)
}
