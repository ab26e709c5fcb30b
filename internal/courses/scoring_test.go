package courses_test

import (
	"math"
	"testing"

	"github.com/academy-platform/academy/internal/courses"
)

func question(typ courses.QuestionType, correct string, n int) courses.Question {
	q := courses.Question{ID: "q", Type: typ}
	for i := range n {
		id := string(rune('a' + i))
		q.Options = append(q.Options, courses.Option{ID: id, Correct: containsStr(correct, id)})
	}
	return q
}

func TestScoreQuestion(t *testing.T) {
	single := question(courses.QuestionSingle, "b", 4)
	tf := question(courses.QuestionTrueFalse, "a", 2)
	scenario := question(courses.QuestionScenario, "c", 3)
	two := question(courses.QuestionMultiple, "ac", 4)    // 2 right of 4
	three := question(courses.QuestionMultiple, "abd", 5) // 3 right of 5
	cases := []struct {
		name   string
		q      courses.Question
		chosen []string
		want   float64
	}{
		{"single right", single, []string{"b"}, 1},
		{"single wrong", single, []string{"a"}, 0},
		{"single unanswered", single, nil, 0},
		{"single two chosen", single, []string{"a", "b"}, 0},
		{"truefalse right", tf, []string{"a"}, 1},
		{"truefalse wrong", tf, []string{"b"}, 0},
		{"scenario right", scenario, []string{"c"}, 1},
		{"multiple all right", two, []string{"a", "c"}, 1},
		{"multiple half", two, []string{"a"}, 0.5},
		{"multiple right and wrong cancel", two, []string{"a", "b"}, 0},
		{"multiple one wrong of three chosen", two, []string{"a", "c", "d"}, 0.5},
		{"multiple everything", two, []string{"a", "b", "c", "d"}, 0},
		{"multiple only wrong never negative", two, []string{"b", "d"}, 0},
		{"multiple none", two, nil, 0},
		{"multiple repeats count once", two, []string{"a", "a"}, 0.5},
		{"multiple unknown ids ignored", two, []string{"a", "z"}, 0.5},
		{"three right two chosen", three, []string{"a", "b"}, 2.0 / 3},
		{"three right two right one wrong", three, []string{"a", "b", "c"}, 1.0 / 3},
		{"three right all chosen", three, []string{"a", "b", "c", "d", "e"}, 1.0 / 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := courses.ScoreQuestion(c.q, c.chosen); math.Abs(got-c.want) > 1e-12 {
				t.Fatalf("score = %v, want %v", got, c.want)
			}
		})
	}
}

func TestScoreAttempt(t *testing.T) {
	qs := []courses.Question{
		question(courses.QuestionSingle, "a", 3),
		question(courses.QuestionMultiple, "ab", 4),
		question(courses.QuestionTrueFalse, "b", 2),
	}
	qs[1].ID, qs[2].ID = "q2", "q3"
	cases := []struct {
		name    string
		answers map[string][]string
		want    float64
	}{
		{"nothing", nil, 0},
		{"all right", map[string][]string{"q": {"a"}, "q2": {"a", "b"}, "q3": {"b"}}, 100},
		{"partial", map[string][]string{"q": {"a"}, "q2": {"a"}}, 50},
		{"two decimals", map[string][]string{"q": {"a"}}, 33.33},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := courses.ScoreAttempt(qs, c.answers); got != c.want {
				t.Fatalf("score = %v, want %v", got, c.want)
			}
		})
	}
	if !courses.Passed(70, 70) || courses.Passed(69.99, 70) {
		t.Fatal("Passed must compare score ≥ pass mark")
	}
}
