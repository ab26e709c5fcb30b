package app_test

import (
	"context"
	"log/slog"
	"os"
	"regexp"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
)

// csrfOf returns the CSRF token the client's browser would put in forms.
func csrfOf(t *testing.T, c *apptest.Client) string {
	t.Helper()
	token := c.CSRF()
	if token == "" {
		t.Fatal("no CSRF token on the client's pages")
	}
	return token
}

func orgID(t *testing.T, s *apptest.Server, slug string) string {
	t.Helper()
	org, err := s.App.Identity().OrganisationBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return org.ID
}

func userID(t *testing.T, s *apptest.Server, email string) string {
	t.Helper()
	u, err := s.App.Identity().UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func cohortID(t *testing.T, s *apptest.Server, name string) string {
	t.Helper()
	var id string
	if err := s.App.DB().Raw("SELECT id FROM cohorts WHERE name = ?", name).Scan(&id).Error; err != nil || id == "" {
		t.Fatalf("cohort %q: %v", name, err)
	}
	return id
}

func countRows(t *testing.T, s *apptest.Server, table, where string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := s.App.DB().Table(table).Where(where, args...).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// submittedAttempt makes the person answer every item of the self-assessment (all 4s,
// first option for scenarios) and submit; it returns the attempt id.
func submittedAttempt(t *testing.T, s *apptest.Server, email string) string {
	t.Helper()
	ctx := context.Background()
	u, err := s.App.Identity().UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	st := s.App.Assessment()
	a, err := st.Start(ctx, u.ID, u.OrgID(), "networking-self")
	if err != nil {
		t.Fatal(err)
	}
	answerAll(t, s, email, a.ID)
	if err := st.Submit(ctx, u.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// answerAll answers every item of the person's attempt: 4 on statements, the first option
// of scenarios.
func answerAll(t *testing.T, s *apptest.Server, email, attemptID string) {
	t.Helper()
	ctx := context.Background()
	st := s.App.Assessment()
	u, err := s.App.Identity().UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.Attempt(ctx, attemptID)
	if err != nil {
		t.Fatal(err)
	}
	def, err := st.Definition(ctx, a.InstrumentID)
	if err != nil {
		t.Fatal(err)
	}
	four, first := 4, 0
	for _, it := range def.Items {
		value, option := &four, (*int)(nil)
		if len(it.Options) > 0 {
			value, option = nil, &first
		}
		if err := st.SaveAnswer(ctx, u.ID, a.ID, it.ID, value, option); err != nil {
			t.Fatal(err)
		}
	}
}

// customInstrument adds testdata/customer-framework.yaml as the organisation's own
// instrument and returns its id.
func customInstrument(t *testing.T, s *apptest.Server, orgSlug string) string {
	t.Helper()
	data, err := os.ReadFile("testdata/customer-framework.yaml")
	if err != nil {
		t.Fatal(err)
	}
	id, _, _, err := s.App.Assessment().AddInstrument(context.Background(), data, "customer-framework.yaml", orgID(t, s, orgSlug))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// builtInInstrument returns the id of the latest version of a built-in instrument.
func builtInInstrument(t *testing.T, s *apptest.Server, key string) string {
	t.Helper()
	list, err := s.App.Assessment().Instruments(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range list {
		if i.Key == key {
			return i.ID
		}
	}
	t.Fatalf("no built-in instrument %s", key)
	return ""
}

// openQuizAttempt starts the person's attempt on the giving-first quiz.
func openQuizAttempt(t *testing.T, s *apptest.Server, email string) string {
	t.Helper()
	a, err := s.App.Courses().StartAttempt(context.Background(), userID(t, s, email), "giving-first-quiz")
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

var csrfPattern = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
