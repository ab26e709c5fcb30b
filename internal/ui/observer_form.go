package ui

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

// observerPage is one step of the observer's questionnaire: the questions of one
// dimension (Page 1..Pages), or the step to check and send (Review, Page Pages+1).
type observerPage struct {
	Token     string
	Survey    development.ObserverForm
	Page      int
	Pages     int
	Percent   int
	Dimension string
	Items     []questionView
	Problems  []questionView // the questions whose answer was not valid
	Review    bool
	Missing   []pageGap // review: the pages with unanswered questions
}

// newObserverPage lays out step n of the form; problems are messages by item id.
func newObserverPage(token string, form development.ObserverForm, n int, problems map[string]string) *observerPage {
	p := &observerPage{Token: token, Survey: form, Page: n, Pages: len(form.Dimensions),
		Percent: 100 * form.Answered / max(form.Total, 1)}
	if n > p.Pages {
		p.Review = true
		for i, d := range form.Dimensions {
			missing := 0
			for _, it := range d.Items {
				if _, ok := form.Answers[it.ID]; !ok {
					missing++
				}
			}
			if missing > 0 {
				p.Missing = append(p.Missing, pageGap{Page: i + 1, Missing: missing})
			}
		}
		return p
	}
	d := form.Dimensions[n-1]
	p.Dimension = d.Name
	for _, it := range d.Items {
		q := observerQuestion(form, it, problems[it.ID])
		p.Items = append(p.Items, q)
		if q.Error != "" {
			p.Problems = append(p.Problems, q)
		}
	}
	return p
}

// observerQuestion shows one item with the observer's saved answer checked.
func observerQuestion(form development.ObserverForm, it development.FormItem, problem string) questionView {
	q := questionView{ID: it.ID, Text: it.Text, Scenario: it.Type == instrument.SJT, Error: problem}
	ans := form.Answers[it.ID]
	if q.Scenario {
		for i, o := range it.Options {
			q.Choices = append(q.Choices, choiceView{Value: i, Label: o, Checked: ans.Option != nil && *ans.Option == i})
		}
		return q
	}
	for v := form.ScaleMin; v <= form.ScaleMax; v++ {
		label := strconv.Itoa(v)
		if i := v - form.ScaleMin; i < len(form.ScaleLabels) {
			label = form.ScaleLabels[i]
		}
		q.Choices = append(q.Choices, choiceView{Value: v, Label: label, Checked: ans.Value != nil && *ans.Value == v})
	}
	return q
}

// template and titleKey name the page and its title for the step.
func (p *observerPage) template() string {
	if p.Review {
		return "observer/review"
	}
	return "observer/form"
}

func (p *observerPage) titleKey() string {
	if p.Review {
		return "observer.review.title"
	}
	return "observer.title"
}

// observerLink opens the questionnaire of the link in the URL (:token).
func (h *Handler) observerLink(c *fiber.Ctx) (string, development.ObserverForm, error) {
	token := c.Params("token")
	form, err := h.dev.ObserverByToken(ctx(c), token)
	return token, form, err
}

// observerView prepares a page for an observer: always in the invitation's language,
// whatever the visitor's browser or cookie says, so without the language switch.
func (h *Handler) observerView(c *fiber.Ctx, lang, titleKey string, data any) *web.View {
	v := h.site.NewView(c, titleKey, data)
	v.Locale = h.site.Catalog.Locale(lang)
	v.Title = v.T(titleKey)
	v.Languages = nil
	return v
}

// ObserverForm is the public page of an observer link: one dimension's questions per
// page (?page=N), then a step to check and send. Opened without a page, as from the link
// in the email, it shows the first page with a question not yet answered (the check step
// once all are). Anyone holding the link may answer; no account is needed.
func (h *Handler) ObserverForm(c *fiber.Ctx) error {
	token, form, err := h.observerLink(c)
	if err != nil {
		return h.linkProblem(c, err)
	}
	n := pageNumber(c, len(form.Dimensions)+1)
	if c.Query("page") == "" {
		pages := make([][]development.FormItem, len(form.Dimensions))
		for i, d := range form.Dimensions {
			pages[i] = d.Items
		}
		open, ok := resumePage(pages, func(it development.FormItem) bool { _, done := form.Answers[it.ID]; return done })
		n = len(form.Dimensions) + 1
		if ok {
			n = open
		}
	}
	page := newObserverPage(token, form, n, nil)
	return h.site.Page(c, page.template(), h.observerView(c, form.Language, page.titleKey(), page))
}

// SaveObserverPage saves the answers given on a page of the observer's questionnaire, then
// moves on (next, previous, to the check step), or sends the feedback (go=submit).
func (h *Handler) SaveObserverPage(c *fiber.Ctx) error {
	token, form, err := h.observerLink(c)
	if err != nil {
		return h.linkProblem(c, err)
	}
	pages := len(form.Dimensions)
	n := pageNumber(c, pages+1)
	if n <= pages {
		if rerender, err := h.saveObserverPage(c, token, form, n); rerender || err != nil {
			return err
		}
	}
	switch c.FormValue("go") {
	case "submit":
		return h.submitObserver(c, token, form)
	case "previous":
		n = max(1, n-1)
	case "review":
		n = pages + 1
	default:
		n = min(pages+1, n+1)
	}
	return c.Redirect("/o/"+token+"?page="+strconv.Itoa(n), fiber.StatusSeeOther)
}

// saveObserverPage saves the answers of page n. When some are not valid it shows the page
// again with 422 and the problems, and reports that it answered (rerender).
func (h *Handler) saveObserverPage(c *fiber.Ctx, token string, form development.ObserverForm, n int) (rerender bool, err error) {
	lo := h.site.Catalog.Locale(form.Language)
	problems := map[string]string{}
	for _, it := range form.Dimensions[n-1].Items {
		raw := c.FormValue("item-" + it.ID)
		if raw == "" {
			continue
		}
		err := h.saveObserverItem(c, token, it, raw)
		if verr, ok := errs.AsValidation(err); ok {
			problems[it.ID] = web.TranslateFieldError(lo, verr.Fields[0])
			continue
		}
		if err != nil {
			return true, h.linkProblem(c, err)
		}
	}
	if len(problems) == 0 {
		return false, nil
	}
	if form, err = h.dev.ObserverByToken(ctx(c), token); err != nil {
		return true, h.linkProblem(c, err)
	}
	page := newObserverPage(token, form, n, problems)
	v := h.observerView(c, form.Language, page.titleKey(), page)
	return true, h.site.Renderer.Render(c, fiber.StatusUnprocessableEntity, page.template(), v)
}

// saveObserverItem stores one answer typed as a string: a scale value for a statement, an
// option number for a scenario; "" clears the answer.
func (h *Handler) saveObserverItem(c *fiber.Ctx, token string, it development.FormItem, raw string) error {
	var value, option *int
	if raw != "" {
		v, err := strconv.Atoi(raw)
		if err != nil {
			return errs.Invalid("answer", "invalid", "")
		}
		if it.Type == instrument.SJT {
			option = &v
		} else {
			value = &v
		}
	}
	return h.dev.SaveObserverAnswer(ctx(c), token, it.ID, value, option)
}

// submitObserver sends the feedback and thanks the observer; with no answer at all it
// shows the check step again with the problem.
func (h *Handler) submitObserver(c *fiber.Ctx, token string, form development.ObserverForm) error {
	err := h.dev.SubmitObserver(ctx(c), token)
	if verr, ok := errs.AsValidation(err); ok {
		page := newObserverPage(token, form, len(form.Dimensions)+1, nil)
		return h.site.FormPage(c, "observer/review", h.observerView(c, form.Language, page.titleKey(), page), nil, verr)
	}
	if err != nil {
		return h.linkProblem(c, err)
	}
	return h.site.Page(c, "observer/thanks", h.observerView(c, form.Language, "observer.thanks.title", form.LearnerFirstName))
}

// SaveObserverAnswer saves one answer as soon as it is chosen (the page's script calls
// it; the page works without it).
func (h *Handler) SaveObserverAnswer(c *fiber.Ctx) error {
	token, form, err := h.observerLink(c)
	if err != nil {
		return h.linkProblem(c, err)
	}
	id := c.Params("item")
	for _, d := range form.Dimensions {
		for _, it := range d.Items {
			if it.ID != id {
				continue
			}
			if err := h.saveObserverItem(c, token, it, c.FormValue("answer")); err != nil {
				return h.linkProblem(c, err)
			}
			return c.SendStatus(fiber.StatusNoContent)
		}
	}
	return errs.Invalid("item", scoring.CodeUnknownItem, id)
}
