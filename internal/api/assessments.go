package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// Item is a question as the respondent sees it: never the scoring key (reverse keying or
// option weights).
type Item struct {
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Text    string   `json:"text"`
	Options []string `json:"options,omitempty"`
}

// Scale is the answer scale of the Likert items.
type Scale struct {
	Min    int      `json:"min"`
	Max    int      `json:"max"`
	Labels []string `json:"labels"`
}

// AnswerValue is one saved answer: a scale value, or the 0-based index of an option.
type AnswerValue struct {
	Value  *int `json:"value,omitempty"`
	Option *int `json:"option,omitempty"`
}

// Attempt is an assessment attempt with its questions and the answers saved so far.
type Attempt struct {
	ID            string                 `json:"id"`
	InstrumentID  string                 `json:"instrument_id"`
	InstrumentKey string                 `json:"instrument_key"`
	Status        string                 `json:"status"`
	StartedAt     time.Time              `json:"started_at"`
	SubmittedAt   *time.Time             `json:"submitted_at"`
	Answered      int                    `json:"answered"`
	Total         int                    `json:"total"`
	Scale         Scale                  `json:"scale"`
	Items         []Item                 `json:"items"`
	Answers       map[string]AnswerValue `json:"answers"`
}

type startInput struct {
	Instrument string `json:"instrument" validate:"required,max=100"`
}

// StartAssessment answers POST /api/v1/assessments: the caller's open attempt on the
// instrument, or a new one (201).
func (h *Handler) StartAssessment(c *fiber.Ctx) error {
	var in startInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	u := web.CurrentUser(c)
	actor, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	if err := h.asmt.CheckOffered(ctx(c), actor.OrgID, actor.MemberOf, in.Instrument); err != nil {
		return err
	}
	existing, err := h.asmt.Attempts(ctx(c), u.ID)
	if err != nil {
		return err
	}
	a, err := h.asmt.Start(ctx(c), u.ID, u.OrgID(), in.Instrument)
	if err != nil {
		if errors.Is(err, errs.ErrNotFound) {
			return errs.Invalid("instrument", "unknown", "")
		}
		return err
	}
	status := http.StatusCreated
	for _, e := range existing {
		if e.ID == a.ID {
			status = http.StatusOK
		}
	}
	out, err := h.attemptView(c, a)
	if err != nil {
		return err
	}
	return c.Status(status).JSON(out)
}

// GetAssessment answers GET /api/v1/assessments/{id} for the attempt's owner.
func (h *Handler) GetAssessment(c *fiber.Ctx) error {
	a, err := h.ownAttempt(c)
	if err != nil {
		return err
	}
	out, err := h.attemptView(c, a)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

type answerInput struct {
	Value  *int `json:"value"`
	Option *int `json:"option"`
}

// AnswerSaved is the answer of PUT …/answers/{itemId}.
type AnswerSaved struct {
	Item     string `json:"item"`
	Answered int    `json:"answered"`
	Total    int    `json:"total"`
}

// SaveAnswer answers PUT /api/v1/assessments/{id}/answers/{itemId}: saves (or replaces)
// one answer; the same request twice stores it once.
func (h *Handler) SaveAnswer(c *fiber.Ctx) error {
	var in answerInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	if in.Value == nil && in.Option == nil {
		if _, err := h.ownAttempt(c); err != nil {
			return err // someone else's attempt stays unknown
		}
		return errs.Invalid("answer", "one_of", "value,option")
	}
	// The store saves only into the signed-in person's own open attempt: anyone else's is
	// errs.ErrNotFound, as ownAttempt answers.
	p, err := h.asmt.SaveAnswerProgress(ctx(c), web.CurrentUser(c).ID, c.Params("id"), c.Params("item"), in.Value, in.Option)
	if err != nil {
		return err
	}
	return c.JSON(AnswerSaved{Item: c.Params("item"), Answered: p.Answered, Total: p.Total})
}

// SubmitAssessment answers POST /api/v1/assessments/{id}/submit: scores the attempt
// exactly once and returns the results. Submitting again returns the same results.
func (h *Handler) SubmitAssessment(c *fiber.Ctx) error {
	a, err := h.ownAttempt(c)
	if err != nil {
		return err
	}
	if err := h.asmt.Submit(ctx(c), web.CurrentUser(c).ID, a.ID); err != nil && !errors.Is(err, errs.ErrConflict) {
		return err
	}
	return h.results(c, a.ID)
}

// AssessmentResults answers GET /api/v1/assessments/{id}/results for the owner, their
// coaches and their organisation's admins.
func (h *Handler) AssessmentResults(c *fiber.Ctx) error {
	a, err := h.asmt.Attempt(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	if err := h.authorizeAttempt(c, a); err != nil {
		return err
	}
	return h.results(c, a.ID)
}

// ownAttempt loads the caller's own attempt named in the URL; other people's attempts
// are not found.
func (h *Handler) ownAttempt(c *fiber.Ctx) (assessment.Attempt, error) {
	a, err := h.asmt.Attempt(ctx(c), c.Params("id"))
	if err != nil {
		return a, err
	}
	if a.UserID == nil || *a.UserID != web.CurrentUser(c).ID {
		return a, errs.ErrNotFound
	}
	return a, nil
}

// authorizeAttempt applies the policy to an attempt as to its owner's data.
func (h *Handler) authorizeAttempt(c *fiber.Ctx, a assessment.Attempt) error {
	if a.UserID == nil {
		if a.OrganisationID == nil {
			return authorize(c, identity.View, identity.Resource{Kind: identity.KindUser, ID: a.ID})
		}
		return authorize(c, identity.Manage, identity.OrganisationResource(*a.OrganisationID))
	}
	res, err := h.ids.ResourceOfUser(ctx(c), *a.UserID)
	if err != nil {
		return err
	}
	return authorize(c, identity.View, res)
}

func (h *Handler) attemptView(c *fiber.Ctx, a assessment.Attempt) (Attempt, error) {
	def, err := h.asmt.Definition(ctx(c), a.InstrumentID)
	if err != nil {
		return Attempt{}, err
	}
	answers, err := h.asmt.Answers(ctx(c), web.CurrentUser(c).ID, a.ID)
	if err != nil {
		return Attempt{}, err
	}
	lang := web.CurrentLocale(c).Lang
	out := Attempt{ID: a.ID, InstrumentID: a.InstrumentID, InstrumentKey: a.InstrumentKey, Status: string(a.Status),
		StartedAt: a.StartedAt, SubmittedAt: a.SubmittedAt, Answered: len(answers), Total: len(def.Items),
		Scale: scaleOf(def, lang), Items: itemsOf(def, lang), Answers: map[string]AnswerValue{}}
	for id, ans := range answers {
		out.Answers[id] = AnswerValue{Value: ans.Value, Option: ans.Option}
	}
	return out, nil
}

func scaleOf(def *instrument.Definition, lang string) Scale {
	labels := def.Scale.Labels[lang]
	if len(labels) == 0 {
		labels = def.Scale.Labels[def.Languages[0]]
	}
	return Scale{Min: def.Scale.Min, Max: def.Scale.Max, Labels: labels}
}

func itemsOf(def *instrument.Definition, lang string) []Item {
	items := make([]Item, 0, len(def.Items))
	for _, it := range def.Items {
		item := Item{ID: it.ID, Type: string(it.Type), Text: it.Text.In(lang, def.Languages...)}
		for _, o := range it.Options {
			item.Options = append(item.Options, o.Text.In(lang, def.Languages...))
		}
		items = append(items, item)
	}
	return items
}
