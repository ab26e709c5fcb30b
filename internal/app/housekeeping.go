package app

import (
	"context"
	"time"
)

// housekeepingEvery is how often expired sessions, stale sign-in failures, expired report
// ZIPs and spent invitation links are removed.
const housekeepingEvery = 30 * time.Minute

// housekeeping removes expired rows until ctx ends. Every instance runs it; the deletes
// are idempotent, so several instances doing it at once is harmless.
func (a *App) housekeeping(ctx context.Context) {
	t := time.NewTicker(housekeepingEvery)
	defer t.Stop()
	for {
		a.tidy(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (a *App) tidy(ctx context.Context) {
	if n, err := a.ids.DeleteExpiredSessions(ctx); err != nil {
		a.log.Warn("delete expired sessions", "err", err)
	} else if n > 0 {
		a.log.Info("deleted expired sessions", "count", n)
	}
	if _, err := a.ids.DeleteStaleLoginFailures(ctx); err != nil {
		a.log.Warn("delete stale sign-in failures", "err", err)
	}
	if n, err := a.delivery.Jobs.Tidy(ctx); err != nil {
		a.log.Warn("delete expired report ZIPs", "err", err)
	} else if n > 0 {
		a.log.Info("deleted expired report ZIPs", "count", n)
	}
	// Invitation links that no longer work, kept for ACADEMY_INVITATION_RETENTION.
	if n, err := a.ids.DeleteSpentInvitations(ctx, a.cfg.InvitationRetention); err != nil {
		a.log.Warn("delete spent invitations", "err", err)
	} else if n > 0 {
		a.log.Info("deleted spent invitations", "count", n)
	}
	if n, err := a.dev.DeleteSpentObserverInvitations(ctx, a.cfg.InvitationRetention); err != nil {
		a.log.Warn("delete spent observer invitations", "err", err)
	} else if n > 0 {
		a.log.Info("deleted spent observer invitations", "count", n)
	}
}
