package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type observersPage struct {
	Learner       identity.User
	IsSelf        bool
	Invitations   []development.ObserverInvitation
	Active        int // invitations not withdrawn
	Answered      int
	Relationships []threesixty.Relationship
	// Sent is the invitation just sent or resent; Link its link, shown once when email is
	// not delivered.
	Sent   *development.ObserverInvitation
	Resent bool
	Link   string
}

func (h *Handler) observersPage(c *fiber.Ctx, u identity.User) (*observersPage, error) {
	invs, err := h.dev.ObserverInvitations(ctx(c), u.ID)
	if err != nil {
		return nil, err
	}
	page := &observersPage{Learner: u, IsSelf: web.CurrentUser(c).ID == u.ID, Invitations: invs,
		Relationships: threesixty.Relationships()}
	for _, inv := range invs {
		switch inv.Status {
		case development.ObserverAnswered:
			page.Answered++
			page.Active++
		case development.ObserverInvited:
			page.Active++
		}
	}
	return page, nil
}

// observersView is the observers page with an empty invitation form in the learner's
// language.
func (h *Handler) observersView(c *fiber.Ctx, page *observersPage) *web.View {
	v := h.site.NewView(c, "observers.title", page)
	v.Form = &web.Form{Values: map[string]string{"language": page.Learner.Locale}}
	return v
}

// Observers lists the people asked for 360 feedback on a learner, where each invitation
// stands (never what anyone answered), with the form to invite one more.
func (h *Handler) Observers(c *fiber.Ctx) error {
	u, err := h.feedbackSubject(c)
	if err != nil {
		return err
	}
	page, err := h.observersPage(c, u)
	if err != nil {
		return err
	}
	return h.site.Page(c, "feedback/observers", h.observersView(c, page))
}

// InviteObserver invites one observer and emails them their link, in their language.
func (h *Handler) InviteObserver(c *fiber.Ctx) error {
	u, err := h.feedbackSubject(c)
	if err != nil {
		return err
	}
	in := development.ObserverInput{Email: c.FormValue("email"),
		Relationship: threesixty.Relationship(c.FormValue("relationship")), Language: c.FormValue("language")}
	link, err := h.dev.InviteObserver(ctx(c), web.CurrentUser(c).ID, u.ID, in)
	if err != nil {
		page, perr := h.observersPage(c, u)
		if perr != nil {
			return perr
		}
		lang := in.Language
		if lang == "" {
			lang = u.Locale
		}
		values := map[string]string{"email": in.Email, "relationship": string(in.Relationship), "language": lang}
		return h.site.FormPage(c, "feedback/observers", h.site.NewView(c, "observers.title", page), values, err)
	}
	return h.observerSent(c, u, link, false, fiber.StatusCreated)
}

// ResendObserver gives a pending or expired invitation a new link and emails it; the old
// link stops working.
func (h *Handler) ResendObserver(c *fiber.Ctx) error {
	u, err := h.feedbackSubject(c)
	if err != nil {
		return err
	}
	link, err := h.dev.ResendObserver(ctx(c), web.CurrentUser(c).ID, u.ID, c.Params("observer"))
	if err != nil {
		return err
	}
	return h.observerSent(c, u, link, true, fiber.StatusOK)
}

// observerSent emails an observer their link and shows the list with the invitation just
// sent. Without SMTP the page shows the link, once, for the learner to pass on.
func (h *Handler) observerSent(c *fiber.Ctx, u identity.User, link development.ObserverLink, resent bool, status int) error {
	if err := h.site.SendObserverInvitation(ctx(c), h.mail, h.baseURL, u.Name, link); err != nil {
		return err
	}
	page, err := h.observersPage(c, u)
	if err != nil {
		return err
	}
	page.Sent, page.Resent = &link.Invitation, resent
	if !h.mail.Delivers() {
		page.Link = web.ObserverURL(h.baseURL, link.Token)
	}
	return h.site.Renderer.Render(c, status, "feedback/observers", h.observersView(c, page))
}

// WithdrawObserver withdraws an invitation that has not been answered: its link stops
// working and its saved answers are deleted.
func (h *Handler) WithdrawObserver(c *fiber.Ctx) error {
	u, err := h.feedbackSubject(c)
	if err != nil {
		return err
	}
	if err := h.dev.WithdrawObserver(ctx(c), u.ID, c.Params("observer")); err != nil {
		return err
	}
	return redirectDone(c, "/people/"+u.ID+"/observers", "observer_withdrawn")
}
