package api

import (
	"encoding/json"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/badges"
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
		item := Badge{ID: b.ID, Module: b.Achievement, Name: b.Name.In(lang), URL: b.URL, AwardedAt: b.AwardedAt,
			IssuedAt: b.IssuedAt, Status: "active", RevokedAt: b.RevokedAt, ShareName: b.ShareName,
			Credential: b.Credential}
		if b.Revoked() {
			item.Status, item.RevocationReason = "revoked", &b.RevocationReason
		}
		out.Badges = append(out.Badges, item)
	}
	return sendList(c, out)
}
