package ui

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// learnerBadgesPage is a learner's badges, for the learner (who chooses whether each
// public page shows their name), their coaches, and their organisation's administrators
// (who may revoke).
type learnerBadgesPage struct {
	web.LearnerAccess
	Links     []devLink
	Badges    []badges.Badge
	CanRevoke bool
}

// LearnerBadges lists a learner's badges (GET /people/{id}/badges).
func (h *Handler) LearnerBadges(c *fiber.Ctx) error {
	u, err := h.ids.User(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	a, err := web.AccessToLearner(c, h.ids, u)
	if err != nil {
		return err
	}
	list, err := h.badges.ForUser(ctx(c), u.ID, badges.ListFilter{})
	if err != nil {
		return err
	}
	page := learnerBadgesPage{LearnerAccess: a, Links: developmentLinks(u.ID, "/people/"+u.ID+"/badges"), Badges: list,
		CanRevoke: authorize(c, identity.Manage, identity.OrganisationResource(u.OrgID())) == nil}
	return h.site.Page(c, "badges/list", h.site.NewView(c, "badges.title", page))
}

// ShareBadge records whether the badge's public page shows the learner's name (POST
// /badges/{id}/share, share=1 or 0): the learner's choice alone.
func (h *Handler) ShareBadge(c *fiber.Ctx) error {
	b, owner, err := h.badgeOf(c)
	if err != nil {
		return err
	}
	a, err := web.AccessToLearner(c, h.ids, owner)
	if err != nil {
		return err
	}
	if err := a.RequireSelf(); err != nil {
		return err
	}
	share := c.FormValue("share")
	if share != "1" && share != "0" {
		return errs.Invalid("share", "oneof", "")
	}
	if err := h.badges.SetShareName(ctx(c), b.ID, owner.ID, share == "1"); err != nil {
		return err
	}
	done := "badge_name_hidden"
	if share == "1" {
		done = "badge_name_shown"
	}
	return redirectDone(c, "/people/"+owner.ID+"/badges", done)
}

// revokePage is the confirmation step of a revocation.
type revokePage struct {
	Badge   badges.Badge
	Learner identity.User
}

// RevokeBadgeForm asks an organisation administrator why the badge is revoked, and to
// confirm (GET /badges/{id}/revoke).
func (h *Handler) RevokeBadgeForm(c *fiber.Ctx) error {
	page, err := h.revokable(c)
	if err != nil {
		return err
	}
	return h.site.Page(c, "badges/revoke", h.site.NewView(c, "badges.revoke_title", page))
}

// RevokeBadge revokes the badge for the reason given (POST /badges/{id}/revoke).
func (h *Handler) RevokeBadge(c *fiber.Ctx) error {
	page, err := h.revokable(c)
	if err != nil {
		return err
	}
	in := badges.RevokeInput{Reason: c.FormValue("reason")}
	if err := h.badges.Revoke(ctx(c), page.Badge.ID, web.CurrentUser(c).ID, in); err != nil {
		return h.site.FormPage(c, "badges/revoke", h.site.NewView(c, "badges.revoke_title", page),
			map[string]string{"reason": in.Reason}, err)
	}
	return redirectDone(c, "/people/"+page.Learner.ID+"/badges", "badge_revoked")
}

// revokable loads the badge named in the URL if the signed-in person may revoke it: an
// administrator of its organisation, while it is not revoked yet.
func (h *Handler) revokable(c *fiber.Ctx) (revokePage, error) {
	b, owner, err := h.badgeOf(c)
	if err != nil {
		return revokePage{}, err
	}
	if err := authorize(c, identity.Manage, identity.OrganisationResource(b.OrganisationID)); err != nil {
		return revokePage{}, err
	}
	if b.Revoked() {
		return revokePage{}, badges.ErrAlreadyRevoked
	}
	return revokePage{Badge: b, Learner: owner}, nil
}

// badgeOf loads the badge named in the URL and its learner. A badge whose learner was
// erased belongs to nobody any more: only its public page remains.
func (h *Handler) badgeOf(c *fiber.Ctx) (badges.Badge, identity.User, error) {
	b, err := h.badges.Badge(ctx(c), c.Params("id"))
	if err != nil {
		return b, identity.User{}, err
	}
	if b.UserID == "" {
		return b, identity.User{}, fmt.Errorf("badge %s of an erased learner: %w", b.ID, errs.ErrNotFound)
	}
	owner, err := h.ids.User(ctx(c), b.UserID)
	return b, owner, err
}
