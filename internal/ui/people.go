package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/privacy"
	"github.com/academy-platform/academy/internal/web"
)

type peoplePage struct {
	Organisation identity.Organisation
	People       []identity.User
	// Erasures is the log of the people erased in the organisation, newest first.
	Erasures []privacy.ErasureEntry
}

// erasuresShown is how many erasures the people page lists.
const erasuresShown = 20

// People lists an organisation's people with their role and status.
func (h *Handler) People(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	people, err := h.ids.UsersInOrganisation(ctx(c), org.ID)
	if err != nil {
		return err
	}
	erasures, err := h.privacy.Erasures(ctx(c), org.ID, erasuresShown)
	if err != nil {
		return err
	}
	return h.site.Page(c, "people/list", h.site.NewView(c, "people.title", peoplePage{Organisation: org, People: people, Erasures: erasures}))
}

type personPage struct {
	Person    identity.User
	Cohorts   []identity.CohortSummary
	Coaching  []identity.CohortSummary
	CanManage bool
	IsSelf    bool
	Link      string // a fresh invitation link, shown once when mail is not delivered
	// Development is a learner's profile, plan, log and notes, for the learner and their
	// coaches; nil for anyone else.
	Development *learnerOverview
}

// Person shows one person: their role, status and cohorts. Administrators can deactivate,
// reactivate and re-invite from here. For a learner, the learner and their coaches also
// see the development overview (profile, growth, 360 summary, goals, actions, notes).
func (h *Handler) Person(c *fiber.Ctx) error {
	u, err := h.person(c, "id", identity.View)
	if err != nil {
		return err
	}
	page, err := h.personPage(c, u)
	if err != nil {
		return err
	}
	return h.site.Page(c, "people/show", h.site.NewView(c, "person.title", page))
}

func (h *Handler) personPage(c *fiber.Ctx, u identity.User) (*personPage, error) {
	page := &personPage{Person: u, IsSelf: web.CurrentUser(c).ID == u.ID}
	var err error
	if page.Cohorts, err = h.ids.Cohorts(ctx(c), identity.CohortFilter{MemberID: u.ID}); err != nil {
		return nil, err
	}
	if page.Coaching, err = h.ids.Cohorts(ctx(c), identity.CohortFilter{CoachID: u.ID}); err != nil {
		return nil, err
	}
	res, err := h.ids.UserResource(ctx(c), u)
	if err != nil {
		return nil, err
	}
	page.CanManage = authorize(c, identity.Manage, res) == nil
	page.Development, err = h.learnerOverview(c, u)
	return page, err
}

// Deactivate stops a person from signing in and ends their sessions.
func (h *Handler) Deactivate(c *fiber.Ctx) error { return h.setActive(c, false) }

// Activate lets a deactivated person sign in again.
func (h *Handler) Activate(c *fiber.Ctx) error { return h.setActive(c, true) }

func (h *Handler) setActive(c *fiber.Ctx, active bool) error {
	u, err := h.person(c, "id", identity.Manage)
	if err != nil {
		return err
	}
	if err := h.ids.SetActive(ctx(c), web.CurrentUser(c).ID, u.ID, active); err != nil {
		return err
	}
	done := "deactivated"
	if active {
		done = "activated"
	}
	return redirectDone(c, "/people/"+u.ID, done)
}

// Reinvite sends a pending person a new invitation link; older links stop working.
func (h *Handler) Reinvite(c *fiber.Ctx) error {
	u, err := h.person(c, "id", identity.Manage)
	if err != nil {
		return err
	}
	inv, err := h.ids.ResendInvitation(ctx(c), web.CurrentUser(c).ID, u.ID)
	if err != nil {
		return err
	}
	org, err := h.ids.Organisation(ctx(c), u.OrgID())
	if err != nil {
		return err
	}
	if err := h.sendInvitation(c, inv, org.Name); err != nil {
		return err
	}
	page, err := h.personPage(c, inv.User)
	if err != nil {
		return err
	}
	if !h.mail.Delivers() {
		page.Link = h.invitationURL(inv.Token)
	}
	v := h.site.NewView(c, "person.title", page)
	v.Notice = v.T("notice.invitation_sent")
	return h.site.Page(c, "people/show", v)
}
