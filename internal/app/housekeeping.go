package app

import (
	"context"
	"time"
)

// housekeepingEvery is how often expired sessions, stale sign-in failures and expired
// report ZIPs are removed.
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
}
