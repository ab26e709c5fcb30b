package app_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// BenchmarkSaveAnswer saves answers through the JSON API in-process (no network), one
// learner per goroutine on their own open attempt: the server-side cost of the step the
// load tool compares with a bare INSERT.
func BenchmarkSaveAnswer(b *testing.B) {
	for _, kind := range dbtest.Kinds() {
		b.Run(string(kind), func(b *testing.B) {
			s := apptest.New(b, kind)
			ctx := context.Background()
			type learner struct{ token, attempt string }
			var learners []learner
			for i := 1; i <= 8; i++ {
				email := fmt.Sprintf("learner%d@acme.example", i)
				u, err := s.App.Identity().UserByEmail(ctx, email)
				if err != nil {
					b.Fatal(err)
				}
				a, err := s.App.Assessment().Start(ctx, u.ID, u.OrgID(), "networking-self")
				if err != nil {
					b.Fatal(err)
				}
				learners = append(learners, learner{s.Token(email), a.ID})
			}
			def, err := s.App.Assessment().Definition(ctx, mustAttempt(b, s, learners[0].attempt))
			if err != nil {
				b.Fatal(err)
			}
			var likert []string
			for _, it := range def.Items {
				if it.Type != "sjt" {
					likert = append(likert, it.ID)
				}
			}
			// The request the loop repeats, once through the contract check: the loop itself
			// calls the handler directly so that the check's cost stays out of the figures.
			if resp, body := s.API(learners[0].token, "PUT", "/api/v1/assessments/"+learners[0].attempt+"/answers/"+likert[0],
				strings.NewReader(`{"value":4}`), "Content-Type", "application/json"); resp.StatusCode != fasthttp.StatusOK {
				b.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			handler := s.App.Handler().Handler()
			var next atomic.Int64
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				l := learners[int(next.Add(1)-1)%len(learners)]
				var rc fasthttp.RequestCtx
				for i := 0; pb.Next(); i++ {
					rc.Request.Reset()
					rc.Response.Reset()
					rc.Request.SetRequestURI("/api/v1/assessments/" + l.attempt + "/answers/" + likert[i%len(likert)])
					rc.Request.Header.SetMethod(fasthttp.MethodPut)
					rc.Request.Header.Set("Authorization", "Bearer "+l.token)
					rc.Request.Header.SetContentType("application/json")
					rc.Request.SetBodyString(`{"value":4}`)
					handler(&rc)
					if rc.Response.StatusCode() != fasthttp.StatusOK {
						b.Fatalf("status %d: %s", rc.Response.StatusCode(), rc.Response.Body())
					}
				}
			})
		})
	}
}

func mustAttempt(b *testing.B, s *apptest.Server, id string) string {
	a, err := s.App.Assessment().Attempt(context.Background(), id)
	if err != nil {
		b.Fatal(err)
	}
	return a.InstrumentID
}
