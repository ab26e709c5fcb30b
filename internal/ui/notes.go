package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/web"
)

// AddNote stores a coach's note about a learner. A note is private to the learner's
// coaches and their organisation's administrators unless the author shares it with the
// learner.
func (h *Handler) AddNote(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	if err := a.RequireCoach(); err != nil {
		return err
	}
	in := development.NoteInput{Body: c.FormValue("body"), Shared: c.FormValue("shared") == "1"}
	if _, err := h.dev.AddNote(ctx(c), web.CurrentUser(c).ID, a.Learner.ID, in); err != nil {
		values := map[string]string{"body": in.Body}
		if in.Shared {
			values["shared"] = "1"
		}
		return h.refill(c, "people/show", "person.title", func() (any, error) { return h.personPage(c, a.Learner) }, values, err)
	}
	return redirectDone(c, "/people/"+a.Learner.ID, "note_added")
}
