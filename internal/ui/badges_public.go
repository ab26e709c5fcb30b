package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

// The public side of badges: anyone holding a badge's link may check it, so these pages
// need no account and show nothing about the learner beyond their name, and that only when
// the learner chose to show it.

// ldJSON is the media type of the credentials, profiles and lists (JSON-LD).
const ldJSON = "application/ld+json"

// publicBadgePage is a badge's verification as anyone sees it.
type publicBadgePage struct {
	Badge badges.Badge
	Check badges.Verification
	// Learner is the learner's name, when they let the page show it.
	Learner string
}

// NegotiateBadge answers errors of GET /badges/{id} as JSON when the client asks for the
// credential rather than the page.
func (h *Handler) NegotiateBadge(c *fiber.Ctx) error {
	c.Vary(fiber.HeaderAccept)
	if wantsCredential(c) {
		return web.MarkAPI(c)
	}
	return c.Next()
}

func wantsCredential(c *fiber.Ctx) bool {
	return c.Accepts(fiber.MIMETextHTML, ldJSON, fiber.MIMEApplicationJSON, "application/vc") != fiber.MIMETextHTML
}

// Badge is a badge's public address (GET /badges/{id}): the verification result with the
// achievement, issuer and date for people, or the signed credential for software that asks
// for JSON (Accept: application/ld+json).
func (h *Handler) Badge(c *fiber.Ctx) error {
	if wantsCredential(c) {
		return h.sendCredential(c, false)
	}
	b, err := h.badges.Badge(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	check, err := h.badges.Verify(ctx(c), b.ID)
	if err != nil {
		return err
	}
	page := publicBadgePage{Badge: b, Check: check}
	if b.ShareName && b.UserID != "" && check.Status != badges.Invalid {
		if u, err := h.ids.User(ctx(c), b.UserID); err == nil {
			page.Learner = u.Name
		} else if !errors.Is(err, errs.ErrNotFound) {
			return err
		}
	}
	c.Set(fiber.HeaderLink, fmt.Sprintf(`<%s.json>; rel="alternate"; type="%s"`, b.URL, ldJSON))
	return h.site.Page(c, "badges/show", h.site.NewView(c, "badges.public_title", page))
}

// BadgeJSON downloads a badge's signed credential (GET /badges/{id}.json).
func (h *Handler) BadgeJSON(c *fiber.Ctx) error { return h.sendCredential(c, true) }

// sendCredential answers the badge's OpenBadgeCredential as issued, indented for people
// (the signature covers the canonical form, not the spacing). A badge whose learner was
// erased has none any more: 410.
func (h *Handler) sendCredential(c *fiber.Ctx, download bool) error {
	b, err := h.badges.Badge(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	if b.Credential == nil {
		return fmt.Errorf("credential of badge %s: %w", b.ID, errs.ErrGone)
	}
	if download {
		c.Attachment("academy-badge-" + b.Achievement + ".json")
	}
	return sendLD(c, b.Credential, "public, max-age=300")
}

// IssuerProfile is an organisation's issuer profile with its public keys (GET
// /orgs/{org}/issuer): what a badge's issuer and verification method dereference to.
func (h *Handler) IssuerProfile(c *fiber.Ctx) error {
	doc, err := h.badges.IssuerProfile(ctx(c), c.Params("org"))
	if err != nil {
		return err
	}
	return sendLD(c, doc, "public, max-age=300")
}

// BadgeStatusList is an organisation's revocation list (GET /orgs/{org}/badges/status), a
// signed Bitstring Status List credential.
func (h *Handler) BadgeStatusList(c *fiber.Ctx) error {
	doc, err := h.badges.StatusList(ctx(c), c.Params("org"))
	if err != nil {
		return err
	}
	return sendLD(c, doc, "public, max-age=60")
}

func sendLD(c *fiber.Ctx, doc []byte, cache string) error {
	var out bytes.Buffer
	if err := json.Indent(&out, doc, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	c.Set(fiber.HeaderContentType, ldJSON+"; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, cache)
	c.Set(fiber.HeaderAccessControlAllowOrigin, "*")
	return c.Send(out.Bytes())
}

// Competencies describes the competency model's dimensions (GET /competencies): where
// every badge's alignments point.
func (h *Handler) Competencies(c *fiber.Ctx) error {
	return h.site.Page(c, "badges/competencies", h.site.NewView(c, "competencies.title", h.badges.Catalogue().Dimensions))
}
