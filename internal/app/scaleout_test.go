package app_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/loadtest"
)

// TestTwoInstancesShareEverything runs two servers on one PostgreSQL database: a session
// made on one works on the other, a form rendered by one is accepted by the other (the
// CSRF key lives in the database), and learners whose every request alternates between
// the instances lose nothing.
func TestTwoInstancesShareEverything(t *testing.T) {
	if os.Getenv(dbtest.PostgresURLEnv) == "" {
		t.Skipf("%s is not set", dbtest.PostgresURLEnv)
	}
	servers := apptest.Instances(t, db.Postgres, 2)
	a, b := servers[0].Listen(), servers[1].Listen()

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(u string) string {
		resp, err := client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		return apptest.Body(resp)
	}
	token := csrfPattern.FindStringSubmatch(get(a + "/login"))[1]
	resp, err := client.PostForm(b+"/login", url.Values{"_csrf": {token}, "email": {"learner1@acme.example"}, "password": {apptest.DemoPassword}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in on B with a form from A: %v %v", resp.StatusCode, err)
	}
	if body := get(a + "/home"); !strings.Contains(body, "La pregunta de esta semana") {
		t.Fatal("the session made on B does not work on A")
	}

	ctx := context.Background()
	pop, err := loadtest.Populate(ctx, servers[0].App.Identity(), 8, 1)
	if err != nil {
		t.Fatal(err)
	}
	def, err := servers[0].App.Assessment().Definition(ctx, builtInInstrument(t, servers[0], "networking-self"))
	if err != nil {
		t.Fatal(err)
	}
	stats, out, _ := loadtest.Run(ctx, loadtest.Config{BaseURLs: []string{a, b}, Learners: pop.Learners, Coaches: pop.Coaches,
		CohortID: pop.Cohort.ID, Instrument: "networking-self", Definition: def, Concurrency: 4, Seed: 5})
	if n := stats.Errors(); n != 0 {
		t.Fatalf("%d requests failed across instances", n)
	}
	res, err := loadtest.Check(ctx, servers[1].App.DB(), def, out)
	if err != nil || !res.OK() || res.Submitted != 8 {
		t.Fatalf("check across instances: %+v %v", res, err)
	}
}
