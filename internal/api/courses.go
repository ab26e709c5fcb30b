package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

// Lesson is a lesson in the catalogue. Its id is "module-slug.lesson-slug".
type Lesson struct {
	ID      string `json:"id"`
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
	Done    bool   `json:"done"`
}

// LessonBody is one lesson with its rendered, sanitised HTML.
type LessonBody struct {
	Lesson
	Module   string  `json:"module"`
	Position int     `json:"position"`
	Count    int     `json:"count"`
	HTML     string  `json:"html"`
	Previous *string `json:"previous"`
	Next     *string `json:"next"`
}

// Progress is the caller's progress in a module.
type Progress struct {
	Percent      int        `json:"percent"`
	LessonsDone  int        `json:"lessons_done"`
	LessonsTotal int        `json:"lessons_total"`
	CompletedAt  *time.Time `json:"completed_at"`
	QuizAttempts int        `json:"quiz_attempts"`
	QuizScore    *float64   `json:"quiz_score"`
	QuizBest     *float64   `json:"quiz_best"`
	QuizPassed   bool       `json:"quiz_passed"`
}

// Module is a module with its lessons and the caller's progress.
type Module struct {
	Slug       string   `json:"slug"`
	Position   int      `json:"position"`
	Title      string   `json:"title"`
	Summary    string   `json:"summary"`
	Dimensions []string `json:"dimensions"`
	Minutes    int      `json:"minutes"`
	QuizSlug   string   `json:"quiz_slug"`
	Lessons    []Lesson `json:"lessons"`
	Progress   Progress `json:"progress"`
}

type langQuery struct {
	Lang string `json:"lang" validate:"omitempty,oneof=es en"`
}

// lang returns ?lang= when given (validated), else the caller's language.
func (h *Handler) lang(c *fiber.Ctx) (string, error) {
	q := langQuery{Lang: c.Query("lang")}
	if err := h.validate.Struct(q); err != nil {
		return "", errs.InQuery(err)
	}
	if q.Lang != "" {
		return q.Lang, nil
	}
	return web.CurrentLocale(c).Lang, nil
}

// ModuleList is the answer of GET /api/v1/modules: one page of the catalogue.
type ModuleList struct {
	Modules    []Module `json:"modules"`
	NextCursor *string  `json:"next_cursor"`
}

// Modules answers GET /api/v1/modules: one page of the catalogue with lessons and
// progress, in a fixed number of queries.
func (h *Handler) Modules(c *fiber.Ctx) error {
	lang, err := h.lang(c)
	if err != nil {
		return err
	}
	p, err := page(c, "modules")
	if err != nil {
		return err
	}
	u := web.CurrentUser(c)
	entries, err := h.courses.CataloguePage(ctx(c), u.ID, p.Page)
	if err != nil {
		return storeErr(err)
	}
	entries, next := nextPage(p, entries)
	slugs := make([]string, len(entries))
	for i, e := range entries {
		slugs[i] = e.Module.Slug
	}
	out := ModuleList{Modules: []Module{}, NextCursor: next}
	if len(entries) == 0 {
		return sendList(c, out)
	}
	lessons, err := h.courses.CatalogueLessons(ctx(c), u.ID, slugs...)
	if err != nil {
		return err
	}
	for _, e := range entries {
		page := courses.ModulePage{Module: e.Module, Lessons: lessons[e.Module.Slug], Progress: e.Progress}
		out.Modules = append(out.Modules, toModule(page, lang))
	}
	return sendList(c, out)
}

// GetModule answers GET /api/v1/modules/{slug}.
func (h *Handler) GetModule(c *fiber.Ctx) error {
	lang, err := h.lang(c)
	if err != nil {
		return err
	}
	page, err := h.courses.Module(ctx(c), web.CurrentUser(c).ID, c.Params("slug"))
	if err != nil {
		return err
	}
	return c.JSON(toModule(page, lang))
}

func toModule(p courses.ModulePage, lang string) Module {
	m := Module{Slug: p.Module.Slug, Position: p.Module.Position, Title: p.Module.Title.In(lang), Summary: p.Module.Summary.In(lang),
		Dimensions: p.Module.Dimensions, Minutes: p.Module.Minutes, QuizSlug: p.Module.QuizSlug, Lessons: []Lesson{},
		Progress: Progress{Percent: p.Progress.Percent, LessonsDone: p.Progress.LessonsDone, LessonsTotal: p.Progress.LessonsTotal,
			CompletedAt: p.Progress.CompletedAt, QuizAttempts: p.Progress.Quiz.Attempts, QuizScore: p.Progress.Quiz.Score,
			QuizBest: p.Progress.Quiz.Best, QuizPassed: p.Progress.Quiz.Passed}}
	if m.Dimensions == nil {
		m.Dimensions = []string{}
	}
	for _, l := range p.Lessons {
		m.Lessons = append(m.Lessons, Lesson{ID: p.Module.Slug + "." + l.Slug, Slug: l.Slug, Title: l.Title.In(lang), Minutes: l.Minutes, Done: l.Done()})
	}
	return m
}

// lessonID splits "module-slug.lesson-slug".
func lessonID(id string) (string, string, error) {
	module, lesson, ok := strings.Cut(id, ".")
	if !ok || module == "" || lesson == "" {
		return "", "", errs.ErrNotFound
	}
	return module, lesson, nil
}

// GetLesson answers GET /api/v1/lessons/{id}.
func (h *Handler) GetLesson(c *fiber.Ctx) error {
	lang, err := h.lang(c)
	if err != nil {
		return err
	}
	module, lesson, err := lessonID(c.Params("id"))
	if err != nil {
		return err
	}
	p, err := h.courses.Lesson(ctx(c), web.CurrentUser(c).ID, module, lesson)
	if err != nil {
		return err
	}
	out := LessonBody{Lesson: Lesson{ID: c.Params("id"), Slug: p.Lesson.Slug, Title: p.Lesson.Title.In(lang), Minutes: p.Lesson.Minutes, Done: p.Done()},
		Module: p.Module.Slug, Position: p.Position, Count: p.Count, HTML: string(p.Lesson.Body(lang))}
	if p.Prev != nil {
		id := module + "." + p.Prev.Slug
		out.Previous = &id
	}
	if p.Next != nil {
		id := module + "." + p.Next.Slug
		out.Next = &id
	}
	return c.JSON(out)
}

// CompleteLesson answers POST /api/v1/lessons/{id}/complete with the module's progress.
func (h *Handler) CompleteLesson(c *fiber.Ctx) error {
	module, lesson, err := lessonID(c.Params("id"))
	if err != nil {
		return err
	}
	p, err := h.courses.CompleteLesson(ctx(c), web.CurrentUser(c).ID, module, lesson)
	if err != nil {
		return err
	}
	return c.JSON(Progress{Percent: p.Percent, LessonsDone: p.LessonsDone, LessonsTotal: p.LessonsTotal, CompletedAt: p.CompletedAt,
		QuizAttempts: p.Quiz.Attempts, QuizScore: p.Quiz.Score, QuizBest: p.Quiz.Best, QuizPassed: p.Quiz.Passed})
}

// StartQuiz answers POST /api/v1/quizzes/{slug}/attempts: the open attempt, or a new one
// while attempts are left, with its questions as the learner sees them: no correct flags,
// no feedback.
func (h *Handler) StartQuiz(c *fiber.Ctx) error {
	a, err := h.courses.StartAttempt(ctx(c), web.CurrentUser(c).ID, c.Params("slug"))
	if err != nil {
		return err
	}
	return c.JSON(a)
}

// quizAnswerInput is an answer: the chosen option ids. An empty list clears the answer
// to a multiple-answer question; the other types need exactly one (checked by the store).
type quizAnswerInput struct {
	Options []string `json:"options" validate:"required,max=26,dive,max=10"`
}

// SaveQuizAnswer answers PUT /api/v1/quiz-attempts/{id}/answers/{questionId}.
func (h *Handler) SaveQuizAnswer(c *fiber.Ctx) error {
	// Whose attempt it is comes before what is wrong with the body.
	if _, err := h.courses.Attempt(ctx(c), web.CurrentUser(c).ID, c.Params("id")); err != nil {
		return err
	}
	var in quizAnswerInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	if err := h.courses.SaveAnswer(ctx(c), web.CurrentUser(c).ID, c.Params("id"), c.Params("question"), in.Options); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

// SubmitQuiz answers POST /api/v1/quiz-attempts/{id}/submit: scored exactly once; a repeat
// returns the same result.
func (h *Handler) SubmitQuiz(c *fiber.Ctx) error {
	res, err := h.courses.Submit(ctx(c), web.CurrentUser(c).ID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(QuizSubmitted{AttemptID: res.AttemptID, Number: res.Number, Score: res.Score, Passed: res.Passed,
		PassMark: res.PassMark, SubmittedAt: res.SubmittedAt, QuizScore: res.Quiz.Score, QuizPassed: res.Quiz.Passed})
}

// QuizSubmitted is the result of a submitted quiz attempt, and the quiz's result by its
// grading method.
type QuizSubmitted struct {
	AttemptID   string    `json:"attempt_id"`
	Number      int       `json:"number"`
	Score       float64   `json:"score"`
	Passed      bool      `json:"passed"`
	PassMark    int       `json:"pass_mark"`
	SubmittedAt time.Time `json:"submitted_at"`
	QuizScore   *float64  `json:"quiz_score"`
	QuizPassed  bool      `json:"quiz_passed"`
}

// GetQuizAttempt answers GET /api/v1/quiz-attempts/{id}: the review once submitted (with
// the correct answers only as the quiz's review setting allows), the open view before.
func (h *Handler) GetQuizAttempt(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	r, err := h.courses.Review(ctx(c), u.ID, c.Params("id"))
	if errors.Is(err, courses.ErrAttemptOpen) {
		a, err := h.courses.Attempt(ctx(c), u.ID, c.Params("id"))
		if err != nil {
			return err
		}
		return c.JSON(a)
	}
	if err != nil {
		return err
	}
	return c.JSON(r)
}
