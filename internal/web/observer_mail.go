package web

import (
	"context"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/mail"
)

// ObserverURL is the link an observer opens to answer, /o/{token}, on baseURL.
func ObserverURL(baseURL, token string) string { return baseURL + "/o/" + token }

// SendObserverInvitation emails an observer their link, in the observer's language: who
// asks (learnerName), how the answers are used (only as anonymous group averages) and when
// the link expires. The pages and the API both send it through here.
func (s *Site) SendObserverInvitation(ctx context.Context, sender mail.Sender, baseURL, learnerName string, link development.ObserverLink) error {
	inv := link.Invitation
	lo := s.Catalog.Locale(inv.Language)
	return sender.Send(ctx, mail.Message{
		To:      inv.Email,
		Subject: lo.T("mail.observer.subject", "Learner", learnerName),
		Body: lo.T("mail.observer.body", "Learner", learnerName, "Link", ObserverURL(baseURL, link.Token),
			"Expires", lo.Date(inv.ExpiresAt)),
	})
}
