package ui

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type choiceView struct {
	Value   int
	Label   string
	Checked bool
}

type questionView struct {
	ID       string
	Text     string
	Scenario bool
	Choices  []choiceView
	Error    string
}

type takePage struct {
	Attempt  assessment.Attempt
	Title    string
	Intro    string
	Page     int // 1-based
	Pages    int
	Answered int
	Total    int
	Percent  int
	Items    []questionView
}

// attemptToAnswer loads the signed-in learner's own open attempt with its definition.
func (h *Handler) attemptToAnswer(c *fiber.Ctx) (assessment.Attempt, *instrument.Definition, error) {
	a, err := h.attemptFor(c, identity.View)
	if err != nil {
		return a, nil, err
	}
	if a.UserID == nil || *a.UserID != web.CurrentUser(c).ID {
		return a, nil, errs.ErrForbidden
	}
	def, err := h.asmt.Definition(ctx(c), a.InstrumentID)
	return a, def, err
}

func pageNumber(c *fiber.Ctx, pages int) int {
	n, err := strconv.Atoi(c.Query("page", "1"))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, pages)
}

// TakeAssessment shows one page of questions of the learner's open attempt: the page
// asked for (?page=N), else, for a learner coming back to it, the first page with a
// question they have not answered, or the check step once all are answered.
func (h *Handler) TakeAssessment(c *fiber.Ctx) error {
	a, def, err := h.attemptToAnswer(c)
	if err != nil {
		return err
	}
	if a.Submitted() {
		return c.Redirect("/assessments/"+a.ID+"/results", fiber.StatusSeeOther)
	}
	pages := questionPages(def)
	n := pageNumber(c, len(pages))
	if c.Query("page") == "" {
		answers, err := h.asmt.Answers(ctx(c), web.CurrentUser(c).ID, a.ID)
		if err != nil {
			return err
		}
		open, ok := resumePage(pages, func(it instrument.Item) bool { _, done := answers[it.ID]; return done })
		if !ok {
			return c.Redirect("/assessments/"+a.ID+"/review", fiber.StatusSeeOther)
		}
		n = open
	}
	page, err := h.takePage(c, a, def, pages, n, nil)
	if err != nil {
		return err
	}
	return h.site.Page(c, "assessments/take", h.site.NewView(c, "take.title", page))
}

func (h *Handler) takePage(c *fiber.Ctx, a assessment.Attempt, def *instrument.Definition, pages [][]instrument.Item,
	n int, problems map[string]string) (*takePage, error) {
	lang := web.CurrentLocale(c).Lang
	answers, err := h.asmt.Answers(ctx(c), web.CurrentUser(c).ID, a.ID)
	if err != nil {
		return nil, err
	}
	page := &takePage{Attempt: a, Title: text(def, def.Title, lang), Intro: text(def, def.Intro, lang),
		Page: n, Pages: len(pages), Answered: len(answers), Total: len(def.Items)}
	page.Percent = 100 * page.Answered / max(page.Total, 1)
	labels := def.Scale.Labels[lang]
	if len(labels) == 0 {
		labels = def.Scale.Labels[def.Languages[0]]
	}
	for _, it := range pages[n-1] {
		q := questionView{ID: it.ID, Text: text(def, it.Text, lang), Scenario: it.Type == instrument.SJT, Error: problems[it.ID]}
		ans := answers[it.ID]
		if q.Scenario {
			for i, o := range it.Options {
				q.Choices = append(q.Choices, choiceView{Value: i, Label: text(def, o.Text, lang), Checked: ans.Option != nil && *ans.Option == i})
			}
		} else {
			for v := def.Scale.Min; v <= def.Scale.Max; v++ {
				q.Choices = append(q.Choices, choiceView{Value: v, Label: labels[v-def.Scale.Min], Checked: ans.Value != nil && *ans.Value == v})
			}
		}
		page.Items = append(page.Items, q)
	}
	return page, nil
}

// text picks a language, falling back to the instrument's own languages.
func text(def *instrument.Definition, t instrument.Text, lang string) string {
	return t.In(lang, def.Languages...)
}

// SaveAssessmentPage saves the answers given on a page, then moves on (next, previous or
// to the review). Answers already saved one by one are saved again harmlessly.
func (h *Handler) SaveAssessmentPage(c *fiber.Ctx) error {
	a, def, err := h.attemptToAnswer(c)
	if err != nil {
		return err
	}
	pages := questionPages(def)
	n := pageNumber(c, len(pages))
	problems := map[string]string{}
	lo := web.CurrentLocale(c)
	for _, it := range pages[n-1] {
		raw := c.FormValue("item-" + it.ID)
		if raw == "" {
			continue
		}
		if err := h.saveAnswer(c, a, it, raw); err != nil {
			verr, ok := errs.AsValidation(err)
			if !ok {
				return err
			}
			problems[it.ID] = web.TranslateFieldError(lo, verr.Fields[0])
		}
	}
	if len(problems) > 0 {
		page, err := h.takePage(c, a, def, pages, n, problems)
		if err != nil {
			return err
		}
		return h.site.Renderer.Render(c, fiber.StatusUnprocessableEntity, "assessments/take", h.site.NewView(c, "take.title", page))
	}
	switch {
	case c.FormValue("go") == "previous" && n > 1:
		n--
	case c.FormValue("go") == "review" || n == len(pages):
		return c.Redirect("/assessments/"+a.ID+"/review", fiber.StatusSeeOther)
	default:
		n++
	}
	return c.Redirect("/assessments/"+a.ID+"?page="+strconv.Itoa(n), fiber.StatusSeeOther)
}

// saveAnswer stores one answer typed as a string: a scale value for a statement, an
// option number for a scenario.
func (h *Handler) saveAnswer(c *fiber.Ctx, a assessment.Attempt, it instrument.Item, raw string) error {
	v, err := strconv.Atoi(raw)
	if err != nil {
		return errs.Invalid("answer", "invalid", "")
	}
	var value, option *int
	if it.Type == instrument.SJT {
		option = &v
	} else {
		value = &v
	}
	return h.asmt.SaveAnswer(ctx(c), web.CurrentUser(c).ID, a.ID, it.ID, value, option)
}

// SaveAssessmentAnswer saves one answer as soon as it is chosen (the page's script calls
// it; the page works without it). The learner's own open attempt is saved into at once,
// without reading it first: the store saves only into the signed-in person's own open
// attempt. Only a refused save reads the attempt, to answer as the other pages do.
func (h *Handler) SaveAssessmentAnswer(c *fiber.Ctx) error {
	user := web.CurrentUser(c)
	if err := authorize(c, identity.View, identity.SelfResource(*user)); err != nil {
		return err
	}
	choice, err := strconv.Atoi(c.FormValue("answer"))
	if err != nil {
		err = errs.Invalid("answer", "invalid", "")
	} else if err = h.asmt.SaveChoice(ctx(c), user.ID, c.Params("id"), c.Params("item"), choice); err == nil {
		return c.SendStatus(fiber.StatusNoContent)
	}
	return h.refusedAnswer(c, err)
}

// refusedAnswer answers a refused autosave with the error the checks would have given in
// the order the page applies them: the attempt (not found, someone else's), the item,
// then the save's own error (a submitted attempt, an answer outside the scale).
func (h *Handler) refusedAnswer(c *fiber.Ctx, saveErr error) error {
	_, def, err := h.attemptToAnswer(c)
	if err != nil {
		return err
	}
	if _, ok := def.Item(c.Params("item")); !ok {
		return errs.Invalid("item", scoring.CodeUnknownItem, c.Params("item"))
	}
	return saveErr
}

type reviewPage struct {
	Attempt   assessment.Attempt
	Answered  int
	Total     int
	Missing   []pageGap
	NotScored []string
}

type pageGap struct{ Page, Missing int }

// ReviewAssessment is the "check your answers" step before the final submit.
func (h *Handler) ReviewAssessment(c *fiber.Ctx) error {
	a, def, err := h.attemptToAnswer(c)
	if err != nil {
		return err
	}
	if a.Submitted() {
		return c.Redirect("/assessments/"+a.ID+"/results", fiber.StatusSeeOther)
	}
	answers, err := h.asmt.Answers(ctx(c), web.CurrentUser(c).ID, a.ID)
	if err != nil {
		return err
	}
	progress, err := h.asmt.Progress(ctx(c), web.CurrentUser(c).ID, a.ID)
	if err != nil {
		return err
	}
	lang := web.CurrentLocale(c).Lang
	page := reviewPage{Attempt: a, Answered: progress.Answered, Total: progress.Total}
	for i, items := range questionPages(def) {
		missing := 0
		for _, it := range items {
			if _, ok := answers[it.ID]; !ok {
				missing++
			}
		}
		if missing > 0 {
			page.Missing = append(page.Missing, pageGap{Page: i + 1, Missing: missing})
		}
	}
	for _, d := range progress.Dimensions {
		if d.Answered < d.Required {
			dim, _ := def.Dimension(d.Slug)
			page.NotScored = append(page.NotScored, text(def, dim.Name, lang))
		}
	}
	return h.site.Page(c, "assessments/review", h.site.NewView(c, "review.title", page))
}

// SubmitAssessment scores the attempt, exactly once: a repeated or concurrent submit
// leads to the same results.
func (h *Handler) SubmitAssessment(c *fiber.Ctx) error {
	a, _, err := h.attemptToAnswer(c)
	if err != nil {
		return err
	}
	if err := h.asmt.Submit(ctx(c), web.CurrentUser(c).ID, a.ID); err != nil && !errors.Is(err, errs.ErrConflict) {
		return err
	}
	return c.Redirect("/assessments/"+a.ID+"/results", fiber.StatusSeeOther)
}
