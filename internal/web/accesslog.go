package web

import (
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
)

// AccessLog writes one structured line per request, after it is answered.
func (s *Site) AccessLog(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	if err != nil {
		// Let the error handler write the response now so the status below is the real one.
		if herr := c.App().ErrorHandler(c, err); herr != nil {
			_ = c.SendStatus(fiber.StatusInternalServerError)
		}
	}
	status := c.Response().StatusCode()
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	attrs := append(LogAttrs(c),
		slog.String("method", c.Method()), slog.String("path", c.Path()), slog.Int("status", status),
		slog.Duration("duration", time.Since(start)), slog.String("ip", c.IP()))
	s.Log.LogAttrs(c.UserContext(), level, "request", attrs...)
	return nil
}
