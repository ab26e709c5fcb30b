package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type assessmentCard struct {
	Instrument assessment.Instrument
	Items      int
	Open       *assessment.Attempt
	Answered   int
	Submitted  []assessment.Attempt // newest first
}

type assessmentsPage struct {
	Cards []assessmentCard
}

// Assessments lists the self-assessments the learner can take, with where they stand.
func (h *Handler) Assessments(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	instruments, err := h.asmt.Offered(ctx(c), u.OrgID(), a.MemberOf)
	if err != nil {
		return err
	}
	attempts, err := h.asmt.Attempts(ctx(c), u.ID)
	if err != nil {
		return err
	}
	page := assessmentsPage{}
	for _, inst := range instruments {
		if inst.Audience != instrument.AudienceSelf {
			continue
		}
		def, err := h.asmt.Definition(ctx(c), inst.ID)
		if err != nil {
			return err
		}
		card := assessmentCard{Instrument: inst, Items: len(def.Items)}
		for i := range attempts {
			a := attempts[i]
			switch {
			case a.InstrumentKey != inst.Key:
			case !a.Submitted():
				card.Open = &a
			default:
				card.Submitted = append(card.Submitted, a)
			}
		}
		if card.Open != nil {
			p, err := h.asmt.Progress(ctx(c), u.ID, card.Open.ID)
			if err != nil {
				return err
			}
			card.Answered = p.Answered
		}
		page.Cards = append(page.Cards, card)
	}
	return h.site.Page(c, "assessments/list", h.site.NewView(c, "assessments.title", page))
}

// StartAssessment opens (or resumes) the learner's attempt on an instrument.
func (h *Handler) StartAssessment(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	key := c.FormValue("instrument")
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	if err := h.asmt.CheckOffered(ctx(c), a.OrgID, a.MemberOf, key); err != nil {
		return err
	}
	attempt, err := h.asmt.Start(ctx(c), u.ID, u.OrgID(), key)
	if err != nil {
		return err
	}
	return c.Redirect("/assessments/"+attempt.ID, fiber.StatusSeeOther)
}

// attemptFor loads an attempt the signed-in person may do act on: learners their own,
// coaches and administrators as the policy allows for the attempt's owner. Anonymous
// imported attempts belong to their organisation's administrators.
func (h *Handler) attemptFor(c *fiber.Ctx, act identity.Action) (assessment.Attempt, error) {
	a, err := h.asmt.Attempt(ctx(c), c.Params("id"))
	if err != nil {
		return a, err
	}
	var res identity.Resource
	switch {
	case a.UserID != nil && *a.UserID == web.CurrentUser(c).ID:
		res = identity.SelfResource(*web.CurrentUser(c))
	case a.UserID != nil:
		if res, err = h.ids.ResourceOfUser(ctx(c), *a.UserID); err != nil {
			return a, err
		}
	case a.OrganisationID != nil:
		res, act = identity.OrganisationResource(*a.OrganisationID), identity.Manage
	default:
		// Imported without an organisation: only platform administrators see it.
		res = identity.Resource{Kind: identity.KindUser, ID: a.ID}
	}
	return a, authorize(c, act, res)
}
