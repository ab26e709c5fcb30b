package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// ObserverList is a learner's observer invitations, newest first: who was asked, how
// they know the learner and where each invitation stands. Never any answer.
type ObserverList struct {
	Invitations []development.ObserverInvitation `json:"invitations"`
	NextCursor  *string                          `json:"next_cursor"`
}

// ObserverSent is a new or resent invitation with its link, /o/{token}: it works until the
// observer submits, the invitation is withdrawn or resent, or it expires. Emailed says
// whether the email left the machine (false when no mail server is configured: then give
// the link to the observer yourself).
type ObserverSent struct {
	Invitation development.ObserverInvitation `json:"invitation"`
	Link       string                         `json:"link"`
	Emailed    bool                           `json:"emailed"`
}

// Observers answers GET /api/v1/users/{id}/observers: one page of the invitations.
func (h *Handler) Observers(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	p, err := page(c, "observers")
	if err != nil {
		return err
	}
	list, err := h.dev.ObserverInvitationList(ctx(c), a.Learner.ID, p.Page)
	if err != nil {
		return storeErr(err)
	}
	list, next := nextPage(p, list)
	return sendList(c, ObserverList{Invitations: nonNil(list), NextCursor: next})
}

// InviteObserver answers POST /api/v1/users/{id}/observers: the learner or their coach
// asks someone for 360 feedback; the observer gets the same email as from the pages.
func (h *Handler) InviteObserver(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	u := a.Learner
	var in development.ObserverInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	link, err := h.dev.InviteObserver(ctx(c), web.CurrentUser(c).ID, u.ID, in)
	if err != nil {
		return err
	}
	return h.sendObserverLink(c, u, link, http.StatusCreated)
}

// ResendObserver answers POST /api/v1/observers/{id}/resend: a new link and expiry for an
// invitation not yet answered or withdrawn; the old link stops working.
func (h *Handler) ResendObserver(c *fiber.Ctx) error {
	inv, u, err := h.observerInvitation(c)
	if err != nil {
		return err
	}
	link, err := h.dev.ResendObserver(ctx(c), web.CurrentUser(c).ID, u.ID, inv.ID)
	if err != nil {
		return err
	}
	return h.sendObserverLink(c, u, link, http.StatusOK)
}

// WithdrawObserver answers DELETE /api/v1/observers/{id}: the link stops working. An
// answered invitation cannot be withdrawn (409), so means never lose an observer.
func (h *Handler) WithdrawObserver(c *fiber.Ctx) error {
	inv, u, err := h.observerInvitation(c)
	if err != nil {
		return err
	}
	if err := h.dev.WithdrawObserver(ctx(c), u.ID, inv.ID); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

// observerInvitation loads the invitation named in the URL and its learner, if the caller
// may manage the learner's observers.
func (h *Handler) observerInvitation(c *fiber.Ctx) (development.ObserverInvitation, identity.User, error) {
	inv, err := h.dev.ObserverInvitation(ctx(c), c.Params("id"))
	if err != nil {
		return inv, identity.User{}, err
	}
	a, err := h.learnerFor(c, inv.LearnerID)
	return inv, a.Learner, err
}

// sendObserverLink emails the observer their link and answers with it.
func (h *Handler) sendObserverLink(c *fiber.Ctx, learner identity.User, link development.ObserverLink, status int) error {
	if err := h.site.SendObserverInvitation(ctx(c), h.mail, h.baseURL, learner.Name, link); err != nil {
		return err
	}
	return c.Status(status).JSON(ObserverSent{Invitation: link.Invitation,
		Link: web.ObserverURL(h.baseURL, link.Token), Emailed: h.mail.Delivers()})
}
