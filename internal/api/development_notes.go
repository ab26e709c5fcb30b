package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/web"
)

// NoteList is one page of the coach notes about a learner, private and shared, newest first.
type NoteList struct {
	Notes      []development.Note `json:"notes"`
	NextCursor *string            `json:"next_cursor"`
}

// Notes answers GET /api/v1/users/{id}/notes?from=&to= for the learner's coaches and
// organisation administrators; learners (the learner included) are refused.
func (h *Handler) Notes(c *fiber.Ctx) error {
	u, err := h.coachedLearner(c, c.Params("id"))
	if err != nil {
		return err
	}
	f, p, err := datedPage(c, "notes")
	if err != nil {
		return err
	}
	notes, err := h.dev.CoachNoteList(ctx(c), u.ID, f)
	if err != nil {
		return storeErr(err)
	}
	notes, next := nextPage(p, notes)
	return sendList(c, NoteList{Notes: nonNil(notes), NextCursor: next})
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
