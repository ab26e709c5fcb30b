package loadtest

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/academy-platform/academy/internal/identity"
)

// ClassStart simulates a class told "open the self-assessment now": every learner already
// has a signed-in browser on their home page (sessions are made directly, so password
// hashing is not what is measured), then all of them start the assessment within window.
// The statistics have one step, "class start".
func ClassStart(ctx context.Context, ids *identity.Store, cfg Config, window time.Duration) (*Stats, error) {
	prep := NewStats()
	browsers, err := signedIn(ctx, ids, cfg, cfg.Learners, newTransport(cfg.Concurrency), prep)
	if err != nil {
		return nil, err
	}
	// Everyone opens their home page first (not measured): it gives the form token.
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, cfg.Concurrency))
	for _, b := range browsers {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			_, _, _ = b.get("home", "/home", http.StatusOK)
		}()
	}
	wg.Wait()
	// Then they start within the window, evenly spread.
	stats := NewStats()
	gap := window / time.Duration(len(browsers))
	start := time.Now()
	for i, b := range browsers {
		b.stats = stats
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Until(start.Add(time.Duration(i) * gap)))
			_, _, _ = b.post("class start", "/assessments", url.Values{"instrument": {cfg.Instrument}}, http.StatusSeeOther)
		}()
	}
	wg.Wait()
	return stats, nil
}
