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
)

// Config says what to simulate.
type Config struct {
	// BaseURL is the server; with several instances behind no balancer, BaseURLs lists them
	// and every request goes to the next one in turn, so each person's session hops between
	// instances.
	BaseURL     string
	BaseURLs    []string
	Learners    []Account
	Coaches     []Account
	CohortID    string // the cohort the coaches open
	Instrument  string // instrument key the learners take
	Definition  *instrument.Definition
	Concurrency int // learners active at once
	Seed        uint64
}

// Account is someone the simulation signs in as.
type Account struct {
	Email, Password string
}

// Outcome is what the run acknowledged, for the database check: per attempt id, the
// answers the server acknowledged, and whether it acknowledged the submit.
type Outcome struct {
	mu        sync.Mutex
	Answers   map[string]map[string]int // attempt → item → value (Likert) or option index (SJT)
	Submitted map[string]bool
}

// Run simulates the learners (Concurrency at a time) while the coaches keep opening their
// cohort page and downloading its report, and returns the statistics and what was acknowledged.
func Run(ctx context.Context, cfg Config) (*Stats, *Outcome, time.Duration) {
	stats := NewStats()
	out := &Outcome{Answers: map[string]map[string]int{}, Submitted: map[string]bool{}}
	transport := newTransport(cfg.Concurrency)
	start := time.Now()
	coachCtx, stopCoaches := context.WithCancel(ctx)
	var coaches sync.WaitGroup
	for _, c := range cfg.Coaches {
		coaches.Add(1)
		go func() {
			defer coaches.Done()
			coachLoop(coachCtx, cfg, c, newBrowser(cfg.bases(), transport, stats))
		}()
	}
	work := make(chan int)
	var learners sync.WaitGroup
	for range max(1, cfg.Concurrency) {
		learners.Add(1)
		go func() {
			defer learners.Done()
			for i := range work {
				rng := rand.New(rand.NewPCG(cfg.Seed, uint64(i)))
				learnerFlow(cfg, cfg.Learners[i], newBrowser(cfg.bases(), transport, stats), rng, out)
			}
		}()
	}
	for i := range cfg.Learners {
		select {
		case work <- i:
		case <-ctx.Done():
		}
	}
	close(work)
	learners.Wait()
	wall := time.Since(start)
	stopCoaches()
	coaches.Wait()
	return stats, out, wall
}

// learnerFlow is one learner's visit: sign in, home, start the self-assessment, save every
// answer one by one, submit, read the results. It stops at the first failed step.
func learnerFlow(cfg Config, acc Account, b *browser, rng *rand.Rand, out *Outcome) {
	if b.signIn(acc.Email, acc.Password) != nil {
		return
	}
	if _, _, err := b.get("home", "/home", http.StatusOK); err != nil {
		return
	}
	resp, _, err := b.post("start assessment", "/assessments", url.Values{"instrument": {cfg.Instrument}}, http.StatusSeeOther)
	if err != nil {
		return
	}
	path := resp.Header.Get("Location")
	attempt := strings.TrimPrefix(path, "/assessments/")
	if _, _, err := b.get("questionnaire page", path, http.StatusOK); err != nil {
		return
	}
	acked := map[string]int{}
	for _, it := range cfg.Definition.Items {
		v := cfg.Definition.Scale.Min + rng.IntN(cfg.Definition.Scale.Points())
		if it.Type == instrument.SJT {
			v = rng.IntN(len(it.Options))
		}
		if _, _, err := b.post("save answer", path+"/answers/"+url.PathEscape(it.ID), url.Values{"answer": {strconv.Itoa(v)}}, http.StatusNoContent); err == nil {
			acked[it.ID] = v
		}
	}
	out.mu.Lock()
	out.Answers[attempt] = acked
	out.mu.Unlock()
	if _, _, err := b.post("submit", path+"/submit", url.Values{}, http.StatusSeeOther); err != nil {
		return
	}
	out.mu.Lock()
	out.Submitted[attempt] = true
	out.mu.Unlock()
	_, _, _ = b.get("results", path+"/results", http.StatusOK)
}

// coachLoop keeps opening the cohort page, and downloads the cohort report as PDF every
// fifth time, until ctx ends.
func coachLoop(ctx context.Context, cfg Config, acc Account, b *browser) {
	if b.signIn(acc.Email, acc.Password) != nil {
		return
	}
	for i := 0; ctx.Err() == nil; i++ {
		step, path := "coach cohort page", fmt.Sprintf("/cohorts/%s", cfg.CohortID)
		if i%5 == 4 {
			step, path = "coach cohort report PDF", fmt.Sprintf("/cohorts/%s/report.pdf", cfg.CohortID)
		}
		if _, _, err := b.get(step, path, http.StatusOK); err != nil {
			time.Sleep(100 * time.Millisecond)
		}
	}
}

func (c Config) bases() []string {
	if len(c.BaseURLs) > 0 {
		return c.BaseURLs
	}
	return []string{c.BaseURL}
}
