package api

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// Badge is one of a learner's Open Badges, with its signed credential.
type Badge struct {
	ID string `json:"id"`
	// Module is the slug of the module the badge is for; Name the achievement's name in the
	// caller's language.
	Module string `json:"module"`
	Name   string `json:"name"`
	// URL is the badge's public verification page, and the credential's id.
	URL       string    `json:"url"`
	AwardedAt time.Time `json:"awarded_at"`
	IssuedAt  time.Time `json:"issued_at"`
	// Status is "active", or "revoked" once the organisation revoked the badge.
	Status           string     `json:"status"`
	RevokedAt        *time.Time `json:"revoked_at"`
	RevocationReason *string    `json:"revocation_reason"`
	// ShareName: the public page shows the learner's name.
	ShareName  bool            `json:"share_name"`
	Credential json.RawMessage `json:"credential"`
}

// BadgeList is one page of a learner's badges, the earliest awarded first.
type BadgeList struct {
	Badges     []Badge `json:"badges"`
	NextCursor *string `json:"next_cursor"`
}

// Badges answers GET /api/v1/users/{id}/badges?from=&to=: one page of the badges the
// learner was awarded from one day to another, for the learner, their coaches and their
// organisation's administrators.
func (h *Handler) Badges(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	from, to, err := dateRange(c)
	if err != nil {
		return err
	}
	p, err := page(c, "badges")
	if err != nil {
		return err
	}
	list, err := h.badges.ForUser(ctx(c), a.Learner.ID, badges.ListFilter{From: from, To: to, Page: p.Page})
	if err != nil {
		return storeErr(err)
	}
	list, next := nextPage(p, list)
	lang := web.CurrentLocale(c).Lang
	out := BadgeList{Badges: make([]Badge, 0, len(list)), NextCursor: next}
	for _, b := range list {
		out.Badges = append(out.Badges, toBadge(b, lang))
	}
	return sendList(c, out)
}

// RevokeBadge answers POST /api/v1/badges/{id}/revoke: an administrator of the badge's
// organisation revokes it, with a reason the learner is shown and that is never
// published. A badge revoked before is a conflict (409); a badge of an erased learner is
// not found.
func (h *Handler) RevokeBadge(c *fiber.Ctx) error {
	b, err := h.badges.Badge(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	if b.UserID == "" {
		return fmt.Errorf("badge %s of an erased learner: %w", b.ID, errs.ErrNotFound)
	}
	if err := authorize(c, identity.Manage, identity.OrganisationResource(b.OrganisationID)); err != nil {
		return err
	}
	var in badges.RevokeInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	if err := h.badges.Revoke(ctx(c), b.ID, web.CurrentUser(c).ID, in); err != nil {
		return err
	}
	if b, err = h.badges.Badge(ctx(c), b.ID); err != nil {
		return err
	}
	return c.JSON(toBadge(b, web.CurrentLocale(c).Lang))
}

// toBadge is a badge as the API shows it, named in lang.
func toBadge(b badges.Badge, lang string) Badge {
	item := Badge{ID: b.ID, Module: b.Achievement, Name: b.Name.In(lang), URL: b.URL, AwardedAt: b.AwardedAt,
		IssuedAt: b.IssuedAt, Status: "active", RevokedAt: b.RevokedAt, ShareName: b.ShareName,
		Credential: b.Credential}
	if b.Revoked() {
		item.Status, item.RevocationReason = "revoked", &b.RevocationReason
	}
	return item
}
