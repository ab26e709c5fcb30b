package loadtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/identity"
)

// Answers measures saving answers alone: Concurrency signed-in learners each start the
// self-assessment (not measured), then save answers one by one, going round the
// questionnaire, as fast as the server acknowledges them, for d. Each learner always gives
// an item the same answer, so the Outcome (what was acknowledged, nothing submitted) can be
// checked against the database as after a full run.
func Answers(ctx context.Context, ids *identity.Store, cfg Config, d time.Duration) (*Stats, *Outcome, error) {
	prep := NewStats()
	browsers, err := signedIn(ctx, ids, cfg, cfg.Learners[:min(len(cfg.Learners), cfg.Concurrency)], newTransport(cfg.Concurrency), prep)
	if err != nil {
		return nil, nil, err
	}
	paths := make([]string, len(browsers))
	for i, b := range browsers {
		if _, _, err := b.get("home", "/home", http.StatusOK); err != nil {
			return nil, nil, fmt.Errorf("learner %d: home: %w", i, err)
		}
		resp, _, err := b.post("start assessment", "/assessments", url.Values{"instrument": {cfg.Instrument}}, http.StatusSeeOther)
		if err != nil {
			return nil, nil, fmt.Errorf("learner %d: start: %w", i, err)
		}
		paths[i] = resp.Header.Get("Location")
	}
	stats := NewStats()
	out := &Outcome{Answers: map[string]map[string]int{}, Submitted: map[string]bool{}}
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for i, b := range browsers {
		b.stats = stats
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.Seed, uint64(i)))
			values := make([]int, len(cfg.Definition.Items))
			for j, it := range cfg.Definition.Items {
				values[j] = cfg.Definition.Scale.Min + rng.IntN(cfg.Definition.Scale.Points())
				if it.Type == instrument.SJT {
					values[j] = rng.IntN(len(it.Options))
				}
			}
			acked := map[string]int{}
			for j := 0; time.Now().Before(deadline); j = (j + 1) % len(values) {
				it := cfg.Definition.Items[j]
				path := paths[i] + "/answers/" + url.PathEscape(it.ID)
				if _, _, err := b.post("save answer", path, url.Values{"answer": {strconv.Itoa(values[j])}}, http.StatusNoContent); err == nil {
					acked[it.ID] = values[j]
				}
			}
			out.mu.Lock()
			out.Answers[strings.TrimPrefix(paths[i], "/assessments/")] = acked
			out.mu.Unlock()
		}()
	}
	wg.Wait()
	return stats, out, nil
}
