package ui

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type feedbackPage struct {
	Learner  identity.User
	IsSelf   bool
	Feedback development.Feedback360
	Needed   int // answers still needed before observer results are shown
	HasSelf  bool
	Columns  []threesixty.Relationship
	Rows     []feedbackRow
	Chart    template.HTML
	// BlindSpots and HiddenStrengths list the items behind each gap, with the observers'
	// mean on the form's answer scale.
	BlindSpots      []gapView
	HiddenStrengths []gapView
	Scale           instrument.Scale
}

// Feedback360 shows a learner's 360 results: per dimension the self score beside the mean
// of all observers and of each relationship group that may be shown, with a radar chart
// and a table of the same numbers, then the blind spots and hidden strengths with the
// items behind them. Below three answers it explains how many more are needed and shows
// no observer result at all.
func (h *Handler) Feedback360(c *fiber.Ctx) error {
	u, err := h.feedbackSubject(c)
	if err != nil {
		return err
	}
	fb, err := h.dev.Feedback360(ctx(c), u.ID)
	if err != nil {
		return err
	}
	lo := web.CurrentLocale(c)
	page := feedbackPage{Learner: u, IsSelf: web.CurrentUser(c).ID == u.ID, Feedback: fb,
		Needed: max(0, fb.MinObservers-fb.Answered), HasSelf: fb.SelfAttemptID != ""}
	if fb.Shown {
		page.Columns = groupColumns(fb.Dimensions)
		page.Rows = feedbackRows(fb.Dimensions, page.Columns, lo.Lang)
		page.Chart = feedbackRadar(page.Rows, lo)
		page.BlindSpots = gapViews(fb.BlindSpots, lo.Lang)
		page.HiddenStrengths = gapViews(fb.HiddenStrengths, lo.Lang)
		if len(page.BlindSpots)+len(page.HiddenStrengths) > 0 {
			if page.Scale, err = h.observerScale(c, u.OrgID()); err != nil {
				return err
			}
		}
	}
	return h.site.Page(c, "feedback/results", h.site.NewView(c, "feedback.title", page))
}

// observerScale is the answer scale of the newest observer form the organisation sees,
// which item means are on.
func (h *Handler) observerScale(c *fiber.Ctx, orgID string) (instrument.Scale, error) {
	versions, err := h.asmt.InstrumentVersions(ctx(c), orgID, development.DefaultObserverInstrument)
	if err != nil {
		return instrument.Scale{}, err
	}
	def, err := h.asmt.Definition(ctx(c), versions[0].ID)
	if err != nil {
		return instrument.Scale{}, err
	}
	return def.Scale, nil
}
