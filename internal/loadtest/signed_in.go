package loadtest

import (
	"context"
	"net/http"
	"time"

	"github.com/academy-platform/academy/internal/identity"
)

// newTransport keeps enough idle connections for concurrency clients.
func newTransport(concurrency int) *http.Transport {
	return &http.Transport{MaxIdleConns: 4 * concurrency, MaxIdleConnsPerHost: 4 * concurrency, IdleConnTimeout: time.Minute}
}

// signedIn returns a browser for each account with a session made directly in the
// database: the measured steps then do not wait behind password hashing, which a real
// class does over minutes, not in the same second.
func signedIn(ctx context.Context, ids *identity.Store, cfg Config, accounts []Account, transport http.RoundTripper, stats *Stats) ([]*browser, error) {
	browsers := make([]*browser, 0, len(accounts))
	for _, acc := range accounts {
		u, err := ids.UserByEmail(ctx, acc.Email)
		if err != nil {
			return nil, err
		}
		token, _, err := ids.StartSession(ctx, u.ID, identity.ClientInfo{IP: "127.0.0.1", UserAgent: "academy-loadtest"})
		if err != nil {
			return nil, err
		}
		b := newBrowser(cfg.bases(), transport, stats)
		for _, base := range cfg.bases() {
			if err := b.setSession(base, token); err != nil {
				return nil, err
			}
		}
		browsers = append(browsers, b)
	}
	return browsers, nil
}
