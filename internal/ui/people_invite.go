package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type invitePage struct {
	Organisation identity.Organisation
	Cohorts      []identity.CohortSummary
	Invited      *identity.User
	Link         string
}

func (h *Handler) invitePage(c *fiber.Ctx, org identity.Organisation) (*invitePage, error) {
	cohorts, err := h.ids.Cohorts(ctx(c), identity.CohortFilter{OrganisationID: org.ID})
	return &invitePage{Organisation: org, Cohorts: cohorts}, err
}

// InviteForm shows the form to invite one person.
func (h *Handler) InviteForm(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	page, err := h.invitePage(c, org)
	if err != nil {
		return err
	}
	v := h.site.NewView(c, "invite.title", page)
	v.Form = &web.Form{Values: map[string]string{"role": "learner", "locale": v.Lang, "cohort_id": c.Query("cohort")}}
	return h.site.Page(c, "people/invite", v)
}

// Invite creates the person's account and sends them their link. Without SMTP the link is
// shown on the page for the administrator to pass on.
func (h *Handler) Invite(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	page, err := h.invitePage(c, org)
	if err != nil {
		return err
	}
	in := identity.InviteInput{
		Email: c.FormValue("email"), Name: c.FormValue("name"), Role: identity.Role(c.FormValue("role")),
		Locale: c.FormValue("locale"), CohortID: c.FormValue("cohort_id"),
	}
	inv, err := h.ids.Invite(ctx(c), web.CurrentUser(c).ID, org.ID, in)
	if err != nil {
		values := map[string]string{"email": in.Email, "name": in.Name, "role": string(in.Role), "locale": in.Locale, "cohort_id": in.CohortID}
		return h.site.FormPage(c, "people/invite", h.site.NewView(c, "invite.title", page), values, err)
	}
	if err := h.sendInvitation(c, inv, org.Name); err != nil {
		return err
	}
	page.Invited = &inv.User
	if !h.mail.Delivers() {
		page.Link = h.invitationURL(inv.Token)
	}
	v := h.site.NewView(c, "invite.title", page)
	v.Form = &web.Form{Values: map[string]string{"role": string(in.Role), "locale": in.Locale, "cohort_id": in.CohortID}}
	return h.site.Renderer.Render(c, fiber.StatusCreated, "people/invite", v)
}
