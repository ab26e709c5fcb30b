package ui

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

// StartQuiz opens the learner's attempt on the module's quiz (the open one, or a new one
// while attempts are left).
func (h *Handler) StartQuiz(c *fiber.Ctx) error {
	page, err := h.courses.Module(ctx(c), web.CurrentUser(c).ID, c.Params("slug"))
	if err != nil {
		return err
	}
	if page.Quiz == nil {
		return errs.ErrNotFound
	}
	a, err := h.courses.StartAttempt(ctx(c), web.CurrentUser(c).ID, page.Quiz.Slug)
	if err != nil {
		return err
	}
	return c.Redirect("/quiz-attempts/"+a.ID, fiber.StatusSeeOther)
}

type quizPage struct {
	Attempt courses.AttemptView
	Errors  map[string]string
}

// QuizAttempt shows every question of an open attempt in its stored order; a submitted
// attempt goes to its review.
func (h *Handler) QuizAttempt(c *fiber.Ctx) error {
	a, err := h.courses.Attempt(ctx(c), web.CurrentUser(c).ID, c.Params("id"))
	if errors.Is(err, courses.ErrAttemptSubmitted) {
		return c.Redirect("/quiz-attempts/"+c.Params("id")+"/review", fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	return h.site.Page(c, "courses/quiz", h.site.NewView(c, "quiz.title", quizPage{Attempt: a}))
}

// SubmitQuiz saves the answers on the form and scores the attempt, exactly once; a second
// submit leads to the same review.
func (h *Handler) SubmitQuiz(c *fiber.Ctx) error {
	userID, id := web.CurrentUser(c).ID, c.Params("id")
	a, err := h.courses.Attempt(ctx(c), userID, id)
	if errors.Is(err, courses.ErrAttemptSubmitted) {
		return c.Redirect("/quiz-attempts/"+id+"/review", fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	problems := map[string]string{}
	lo := web.CurrentLocale(c)
	form, err := c.MultipartForm()
	values := map[string][]string{}
	if err == nil {
		values = form.Value
	} else {
		c.Request().PostArgs().VisitAll(func(k, v []byte) { values[string(k)] = append(values[string(k)], string(v)) })
	}
	for _, q := range a.Questions {
		chosen := values["q-"+q.ID]
		if len(chosen) == 0 {
			continue
		}
		if err := h.courses.SaveAnswer(ctx(c), userID, id, q.ID, chosen); err != nil {
			verr, ok := errs.AsValidation(err)
			if !ok {
				return err
			}
			problems[q.ID] = web.TranslateFieldError(lo, verr.Fields[0])
		}
	}
	if len(problems) > 0 {
		a, err = h.courses.Attempt(ctx(c), userID, id)
		if err != nil {
			return err
		}
		return h.site.Renderer.Render(c, fiber.StatusUnprocessableEntity, "courses/quiz", h.site.NewView(c, "quiz.title", quizPage{Attempt: a, Errors: problems}))
	}
	if _, err := h.courses.Submit(ctx(c), userID, id); err != nil {
		return err
	}
	return c.Redirect("/quiz-attempts/"+id+"/review", fiber.StatusSeeOther)
}

// SaveQuizAnswer saves one question's answer as soon as it is chosen (the page's script
// calls it; the page works without it).
func (h *Handler) SaveQuizAnswer(c *fiber.Ctx) error {
	var chosen []string
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		if string(k) == "answer" {
			chosen = append(chosen, string(v))
		}
	})
	if err := h.courses.SaveAnswer(ctx(c), web.CurrentUser(c).ID, c.Params("id"), c.Params("question"), chosen); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// QuizReview shows a submitted attempt: score, the learner's answers with feedback, and
// the correct answers when the quiz's review setting allows.
func (h *Handler) QuizReview(c *fiber.Ctx) error {
	r, err := h.courses.Review(ctx(c), web.CurrentUser(c).ID, c.Params("id"))
	if errors.Is(err, courses.ErrAttemptOpen) {
		return c.Redirect("/quiz-attempts/"+c.Params("id"), fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	module, err := h.courses.Module(ctx(c), web.CurrentUser(c).ID, r.ModuleSlug)
	if err != nil {
		return err
	}
	return h.site.Page(c, "courses/review", h.site.NewView(c, "quiz.review_title", struct {
		Review courses.Review
		Module courses.ModulePage
	}{r, module}))
}
