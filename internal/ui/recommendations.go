package ui

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type recommendationView struct {
	Slug      string
	Name      string
	Score     float64
	Observers *float64
	BlindSpot bool
	Band      string
	Feedback  string
	Actions   []string
	Modules   []courses.CatalogueEntry
}

type recommendationsPage struct {
	Learner       identity.User
	IsSelf        bool
	NoSelf        bool // no submitted self-assessment yet
	SelfAttemptID string
	Items         []recommendationView
}

// Recommendations shows the two or three dimensions a learner has most room to grow in,
// from their latest self-assessment and their 360 feedback when it may be shown: each with
// its band feedback, actions for the coming weeks and the modules that develop it, with
// the learner's progress in each.
func (h *Handler) Recommendations(c *fiber.Ctx) error {
	u, err := h.feedbackSubject(c)
	if err != nil {
		return err
	}
	page := recommendationsPage{Learner: u, IsSelf: web.CurrentUser(c).ID == u.ID}
	recs, err := h.dev.Recommendations(ctx(c), u.ID)
	switch {
	case errors.Is(err, development.ErrNoSelfAssessment):
		page.NoSelf = true
	case err != nil:
		return err
	}
	lang := web.CurrentLocale(c).Lang
	page.SelfAttemptID = recs.SelfAttemptID
	for _, r := range recs.Items {
		v := recommendationView{Slug: r.Slug, Name: r.Name.In(lang, web.Languages...), Score: r.Score,
			Observers: r.Observers, BlindSpot: r.BlindSpot, Modules: r.Modules}
		if r.Band != nil {
			v.Band, v.Feedback = r.Band.Label.In(lang, web.Languages...), r.Band.Feedback.In(lang, web.Languages...)
		}
		for _, a := range r.Actions {
			v.Actions = append(v.Actions, a.In(lang, web.Languages...))
		}
		page.Items = append(page.Items, v)
	}
	return h.site.Page(c, "feedback/recommendations", h.site.NewView(c, "recommendations.title", page))
}
