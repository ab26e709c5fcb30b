package ui

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

// StartQuiz opens the learner's attempt on the module's quiz (the open one, or a new one
// while attempts are left). With no attempts left it answers 409 with a link to the
// latest review.
func (h *Handler) StartQuiz(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	page, err := h.courses.Module(ctx(c), u.ID, c.Params("slug"))
	if err != nil {
		return err
	}
	if page.Quiz == nil {
		return errs.ErrNotFound
	}
	a, err := h.courses.StartAttempt(ctx(c), u.ID, page.Quiz.Slug)
	if errors.Is(err, courses.ErrNoAttemptsLeft) {
		return h.quizConflict(c, conflictNoAttempts, page.Module.Slug, lastSubmitted(page.Quiz))
	}
	if err != nil {
		return err
	}
	return c.Redirect("/quiz-attempts/"+a.ID, fiber.StatusSeeOther)
}

// questionError is a problem with the answer to one question, for the error summary.
type questionError struct {
	Number     int // 1-based, in the attempt's order
	QuestionID string
	OptionID   string // the first option, where the summary's link leads
	Message    string
}

type quizPage struct {
	Attempt courses.AttemptView
	Errors  []questionError // in the order of the questions
}

// Error returns the message for a question, or "".
func (p quizPage) Error(questionID string) string {
	for _, e := range p.Errors {
		if e.QuestionID == questionID {
			return e.Message
		}
	}
	return ""
}

// QuizAttempt shows every question of an open attempt in its stored order. A submitted
// attempt can no longer be answered: 409, with a link to its review.
func (h *Handler) QuizAttempt(c *fiber.Ctx) error {
	a, err := h.courses.Attempt(ctx(c), web.CurrentUser(c).ID, c.Params("id"))
	if errors.Is(err, courses.ErrAttemptSubmitted) {
		return h.submittedConflict(c)
	}
	if err != nil {
		return err
	}
	return h.site.Page(c, "courses/quiz", h.site.NewView(c, "quiz.title", quizPage{Attempt: a}))
}

// SubmitQuiz saves the answers on the form and scores the attempt, exactly once. Answers
// that do not fit their question re-display the page with 422; an attempt submitted
// before gives 409 (two submits racing both end on the review: the store scores once).
func (h *Handler) SubmitQuiz(c *fiber.Ctx) error {
	userID, id := web.CurrentUser(c).ID, c.Params("id")
	a, err := h.courses.Attempt(ctx(c), userID, id)
	if errors.Is(err, courses.ErrAttemptSubmitted) {
		return h.submittedConflict(c)
	}
	if err != nil {
		return err
	}
	values := formValues(c)
	lo := web.CurrentLocale(c)
	var problems []questionError
	for i, q := range a.Questions {
		chosen := values["q-"+q.ID]
		if len(chosen) == 0 {
			continue
		}
		err := h.courses.SaveAnswer(ctx(c), userID, id, q.ID, chosen)
		if verr, ok := errs.AsValidation(err); ok {
			problems = append(problems, questionError{Number: i + 1, QuestionID: q.ID, OptionID: q.Options[0].ID,
				Message: web.TranslateFieldError(lo, verr.Fields[0])})
			continue
		}
		if errors.Is(err, courses.ErrAttemptSubmitted) {
			return h.submittedConflict(c)
		}
		if err != nil {
			return err
		}
	}
	if len(problems) > 0 {
		if a, err = h.courses.Attempt(ctx(c), userID, id); err != nil {
			return err
		}
		v := h.site.NewView(c, "quiz.title", quizPage{Attempt: a, Errors: problems})
		return h.site.Renderer.Render(c, fiber.StatusUnprocessableEntity, "courses/quiz", v)
	}
	if _, err := h.courses.Submit(ctx(c), userID, id); err != nil {
		return err
	}
	return c.Redirect("/quiz-attempts/"+id+"/review", fiber.StatusSeeOther)
}

// formValues reads every value of a urlencoded or multipart form, repeated names included
// (checkboxes).
func formValues(c *fiber.Ctx) map[string][]string {
	if form, err := c.MultipartForm(); err == nil {
		return form.Value
	}
	values := map[string][]string{}
	c.Request().PostArgs().VisitAll(func(k, v []byte) { values[string(k)] = append(values[string(k)], string(v)) })
	return values
}

// SaveQuizAnswer saves one question's answer as soon as it is chosen (the page's script
// calls it; the page works without it). Errors go to the shared handler: 404 for someone
// else's attempt, 409 once submitted, 422 for an answer that does not fit the question.
func (h *Handler) SaveQuizAnswer(c *fiber.Ctx) error {
	chosen := formValues(c)["answer"]
	if err := h.courses.SaveAnswer(ctx(c), web.CurrentUser(c).ID, c.Params("id"), c.Params("question"), chosen); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// QuizReview shows a submitted attempt: score, the learner's answers with feedback, and
// the correct answers when the quiz's review setting allows. An open attempt goes back to
// its questions.
func (h *Handler) QuizReview(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	r, err := h.courses.Review(ctx(c), u.ID, c.Params("id"))
	if errors.Is(err, courses.ErrAttemptOpen) {
		return c.Redirect("/quiz-attempts/"+c.Params("id"), fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	module, err := h.courses.Module(ctx(c), u.ID, r.ModuleSlug)
	if err != nil && !errors.Is(err, errs.ErrNotFound) { // a retired module keeps its reviews
		return err
	}
	return h.site.Page(c, "courses/review", h.site.NewView(c, "quiz.review_title", struct {
		Review courses.Review
		Module courses.ModulePage
	}{r, module}))
}
