package app_test

import (
	"context"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// BenchmarkLearnerHome serves a signed-in learner's home page in-process (fasthttp's
// handler, no network), on SQLite and, when configured, PostgreSQL: the server-side cost of
// the dashboard the load tool compares with a Fiber hello world.
func BenchmarkLearnerHome(b *testing.B) {
	for _, kind := range dbtest.Kinds() {
		b.Run(string(kind), func(b *testing.B) {
			s := apptest.New(b, kind)
			ctx := context.Background()
			u, err := s.App.Identity().UserByEmail(ctx, "learner1@acme.example")
			if err != nil {
				b.Fatal(err)
			}
			token, _, err := s.App.Identity().StartSession(ctx, u.ID, identity.ClientInfo{IP: "127.0.0.1", UserAgent: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			handler := s.App.Handler().Handler()
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				var rc fasthttp.RequestCtx
				for pb.Next() {
					rc.Request.Reset()
					rc.Response.Reset()
					rc.Request.SetRequestURI("/home")
					rc.Request.Header.SetMethod(fasthttp.MethodGet)
					rc.Request.Header.SetCookie(web.SessionCookie, token)
					rc.Request.Header.Set("Accept-Language", "es")
					handler(&rc)
					if rc.Response.StatusCode() != fasthttp.StatusOK {
						b.Fatalf("status %d", rc.Response.StatusCode())
					}
				}
			})
		})
	}
}
