package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/web"
)

// Why a quiz action is not possible now.
const (
	conflictSubmitted  = "submitted"   // the attempt is closed
	conflictNoAttempts = "no_attempts" // the quiz's attempt limit is reached
)

type quizConflictPage struct {
	Reason     string
	ModuleSlug string
	ReviewID   string // the attempt to review, or ""
}

// quizConflict answers 409 with a page that says why and links to the review.
func (h *Handler) quizConflict(c *fiber.Ctx, reason, moduleSlug, reviewID string) error {
	page := quizConflictPage{Reason: reason, ModuleSlug: moduleSlug, ReviewID: reviewID}
	v := h.site.NewView(c, "quiz.conflict."+reason+".title", page)
	return h.site.Renderer.Render(c, fiber.StatusConflict, "courses/quiz_conflict", v)
}

// submittedConflict answers 409 for the learner's own attempt (:id), already submitted.
func (h *Handler) submittedConflict(c *fiber.Ctx) error {
	r, err := h.courses.Review(ctx(c), web.CurrentUser(c).ID, c.Params("id"))
	if err != nil {
		return err
	}
	return h.quizConflict(c, conflictSubmitted, r.ModuleSlug, r.AttemptID)
}

// lastSubmitted returns the learner's latest submitted attempt on the quiz, or "".
func lastSubmitted(q *courses.QuizSummary) string {
	id := ""
	for _, a := range q.Attempts {
		if a.SubmittedAt != nil {
			id = a.ID
		}
	}
	return id
}
