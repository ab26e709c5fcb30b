package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/web"
)

// NoteList is every coach note about a learner, private and shared, newest first.
type NoteList struct {
	Notes []development.Note `json:"notes"`
}

// Notes answers GET /api/v1/users/{id}/notes for the learner's coaches and organisation
// administrators; learners (the learner included) are refused.
func (h *Handler) Notes(c *fiber.Ctx) error {
	u, err := h.coachedLearner(c, c.Params("id"))
	if err != nil {
		return err
	}
	notes, err := h.dev.CoachNotes(ctx(c), u.ID)
	if err != nil {
		return err
	}
	return c.JSON(NoteList{Notes: notes})
}

// AddNote answers POST /api/v1/users/{id}/notes: a coach's note about the learner, private
// unless shared.
func (h *Handler) AddNote(c *fiber.Ctx) error {
	u, err := h.coachedLearner(c, c.Params("id"))
	if err != nil {
		return err
	}
	var in development.NoteInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	note, err := h.dev.AddNote(ctx(c), web.CurrentUser(c).ID, u.ID, in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(note)
}
