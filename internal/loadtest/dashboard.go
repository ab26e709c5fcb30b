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
	stats := NewStats()
	browsers, err := signedIn(ctx, ids, cfg, cfg.Learners[:min(len(cfg.Learners), cfg.Concurrency)], newTransport(cfg.Concurrency), stats)
	if err != nil {
		return nil, err
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
	transport, stats := newTransport(concurrency), NewStats()
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
