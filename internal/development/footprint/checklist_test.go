package footprint_test

import (
	"testing"

	"github.com/academy-platform/academy/internal/development/footprint"
	"github.com/academy-platform/academy/internal/errs"
)

func TestChecklist(t *testing.T) {
	total := 0
	seen := map[string]bool{}
	for _, q := range footprint.Checklist() {
		total += q.Weight
		if seen[q.ID] || q.Text["es"] == "" || q.Text["en"] == "" || (q.Kind == footprint.Count) != (q.Target > 0) {
			t.Errorf("question %+v", q)
		}
		seen[q.ID] = true
	}
	if n := len(seen); n < 5 || n > 6 || total != 100 {
		t.Fatalf("%d questions weighing %d, want 5–6 weighing 100", n, total)
	}
}

func answers(profile, updated, interactions, shared, conversations, helped int) footprint.Answers {
	return footprint.Answers{"profile_problems": profile, "profile_updated": updated, "interactions": interactions,
		"content_shared": shared, "conversations": conversations, "helped_online": helped}
}

func TestScore(t *testing.T) {
	cases := []struct {
		name string
		in   footprint.Answers
		want float64
	}{
		{"nothing", answers(0, 0, 0, 0, 0, 0), 0},
		{"everything at target", answers(1, 1, 8, 4, 3, 2), 100},
		{"more than the target earns no more", answers(1, 1, 80, 40, 30, 20), 100},
		{"profile only", answers(1, 1, 0, 0, 0, 0), 30},
		// 20 + 0 + 20·4/8 + 20·1/4 + 20·1/3 + 10·2/2 = 51.666… → 51.7
		{"partial, rounded to one decimal", answers(1, 0, 4, 1, 1, 2), 51.7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := footprint.Score(c.in)
			if err != nil || got != c.want {
				t.Fatalf("Score = %v, %v; want %v", got, err, c.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name        string
		in          footprint.Answers
		field, code string
	}{
		{"missing", footprint.Answers{"profile_problems": 1}, "interactions", "required"},
		{"yes/no out of range", answers(2, 0, 0, 0, 0, 0), "profile_problems", "out_of_range"},
		{"negative count", answers(0, 0, -1, 0, 0, 0), "interactions", "out_of_range"},
		{"huge count", answers(0, 0, 0, footprint.MaxCount+1, 0, 0), "content_shared", "out_of_range"},
		{"unknown question", func() footprint.Answers { a := answers(0, 0, 0, 0, 0, 0); a["followers"] = 3; return a }(), "followers", "unknown_question"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := footprint.Score(c.in)
			v, ok := errs.AsValidation(err)
			if !ok {
				t.Fatalf("error = %v, want a validation error", err)
			}
			if f, ok := v.Field(c.field); !ok || f.Code != c.code {
				t.Fatalf("error = %v, want %s: %s", err, c.field, c.code)
			}
		})
	}
}
