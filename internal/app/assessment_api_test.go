package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/academy-platform/academy/internal/api"
	"github.com/academy-platform/academy/internal/app/apptest"
)

func TestAssessmentThroughTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		token := s.Token("learner5@acme.example")
		jsonH := []string{"Content-Type", "application/json", "Accept-Language", "en"}
		resp, body := s.API(token, http.MethodPost, "/api/v1/assessments", strings.NewReader(`{"instrument":"networking-self"}`), jsonH...)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("start: %d %s", resp.StatusCode, body)
		}
		var a api.Attempt
		if err := json.Unmarshal(body, &a); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(body), "weight") || strings.Contains(string(body), "reverse") {
			t.Fatal("the attempt leaks the scoring key")
		}
		if resp, body := s.API(token, http.MethodPost, "/api/v1/assessments", strings.NewReader(`{"instrument":"networking-self"}`), jsonH...); resp.StatusCode != http.StatusOK || !strings.Contains(string(body), a.ID) {
			t.Fatalf("resume: %d", resp.StatusCode)
		}
		for _, bad := range []struct {
			body, ct string
			want     int
		}{
			{`{"instrument":"networking-self"`, "application/json", 422},
			{`{"instrument":"networking-self","extra":1}`, "application/json", 422},
			{`{"instrument":""}`, "application/json", 422},
			{`{"instrument":"no-such-thing"}`, "application/json", 422},
			{`instrument=networking-self`, "application/x-www-form-urlencoded", 415},
		} {
			if resp, body := s.API(token, http.MethodPost, "/api/v1/assessments", strings.NewReader(bad.body), "Content-Type", bad.ct); resp.StatusCode != bad.want {
				t.Errorf("start with %q: %d, want %d: %s", bad.body, resp.StatusCode, bad.want, body)
			}
		}
		put := func(item, body string) (*http.Response, []byte) {
			return s.API(token, http.MethodPut, "/api/v1/assessments/"+a.ID+"/answers/"+item, strings.NewReader(body), jsonH...)
		}
		if resp, body := put("gf1", `{"value":7}`); resp.StatusCode != 422 || !strings.Contains(string(body), "outside what is allowed") {
			t.Fatalf("out of range: %d %s", resp.StatusCode, body)
		}
		if resp, _ := put("gf1", `{"option":1}`); resp.StatusCode != 422 {
			t.Fatalf("option on a statement: %d", resp.StatusCode)
		}
		if resp, _ := put("zz9", `{"value":3}`); resp.StatusCode != 422 {
			t.Fatalf("unknown item: %d", resp.StatusCode)
		}
		for _, it := range a.Items {
			body := fmt.Sprintf(`{"value":%d}`, 3+len(it.ID)%3)
			if it.Type == "sjt" {
				body = `{"option":2}`
			}
			if resp, b := put(it.ID, body); resp.StatusCode != http.StatusOK {
				t.Fatalf("answer %s: %d %s", it.ID, resp.StatusCode, b)
			}
		}
		if resp, b := put(a.Items[0].ID, `{"value":3}`); resp.StatusCode != http.StatusOK || !strings.Contains(string(b), fmt.Sprintf(`"answered":%d`, len(a.Items))) {
			t.Fatalf("the same answer twice is stored once: %s", b)
		}
		// Another learner cannot touch it.
		other := s.Token("learner6@acme.example")
		if resp, _ := s.API(other, http.MethodPut, "/api/v1/assessments/"+a.ID+"/answers/gf1", strings.NewReader(`{"value":3}`), jsonH...); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another learner answers: %d", resp.StatusCode)
		}
		// Concurrent submits score once.
		var wg sync.WaitGroup
		codes := make([]int, 4)
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, _ := s.API(token, http.MethodPost, "/api/v1/assessments/"+a.ID+"/submit", nil)
				codes[i] = resp.StatusCode
			}()
		}
		wg.Wait()
		for _, c := range codes {
			if c != http.StatusOK {
				t.Fatalf("concurrent submits answered %v", codes)
			}
		}
		if n := countRows(t, s, "assessment_dimension_scores", "attempt_id = ?", a.ID); n != 8 {
			t.Fatalf("%d score rows after concurrent submits", n)
		}
		if resp, _ := put("gf1", `{"value":3}`); resp.StatusCode != http.StatusConflict {
			t.Fatalf("answer after submit: %d", resp.StatusCode)
		}
		for who, want := range map[string]int{"learner5@acme.example": 200, "coach@acme.example": 200, "admin@acme.example": 200,
			"learner6@acme.example": 404, "admin@globex.example": 404} {
			if resp, _ := s.API(s.Token(who), http.MethodGet, "/api/v1/assessments/"+a.ID+"/results", nil); resp.StatusCode != want {
				t.Errorf("%s reads the results: %d, want %d", who, resp.StatusCode, want)
			}
		}
	})
}
