package loadtest

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
)

// Dashboard has signed-in learners (sessions made directly) open their home page as fast
// as they can for d, concurrency at a time, and returns the statistics (step "home").
func Dashboard(ctx context.Context, ids *identity.Store, cfg Config, d time.Duration) (*Stats, error) {
	transport := &http.Transport{MaxIdleConns: 4 * cfg.Concurrency, MaxIdleConnsPerHost: 4 * cfg.Concurrency, IdleConnTimeout: time.Minute}
	stats := NewStats()
	browsers := make([]*browser, 0, cfg.Concurrency)
	for _, acc := range cfg.Learners[:min(len(cfg.Learners), cfg.Concurrency)] {
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
	hammer(browsers, "/home", d)
	return stats, nil
}

// HelloWorld serves Fiber's smallest handler on a loopback port and hammers it like
// Dashboard: the baseline the dashboard is compared with on the same machine.
func HelloWorld(concurrency int, d time.Duration) (*Stats, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/home", func(c *fiber.Ctx) error { return c.SendString("Hello, World!") })
	go func() { _ = app.Listener(ln) }()
	defer func() { _ = app.Shutdown() }()
	transport := &http.Transport{MaxIdleConns: 4 * concurrency, MaxIdleConnsPerHost: 4 * concurrency}
	stats := NewStats()
	browsers := make([]*browser, concurrency)
	for i := range browsers {
		browsers[i] = newBrowser([]string{"http://" + ln.Addr().String()}, transport, stats)
	}
	hammer(browsers, "/home", d)
	return stats, nil
}

func hammer(browsers []*browser, path string, d time.Duration) {
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for _, b := range browsers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				_, _, _ = b.get("home", path, http.StatusOK)
			}
		}()
	}
	wg.Wait()
}
