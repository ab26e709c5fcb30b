package courses

import (
	"math"
	"slices"
	"time"
)

// ScoreQuestion returns the score, 0–1, that the chosen option ids earn on q.
//
// Single, truefalse and scenario questions earn 1 when exactly the one correct option is
// chosen, else 0. Multiple-answer questions earn partial credit as Moodle does:
// max(0, (correct chosen − wrong chosen) / correct options). Unknown ids are ignored.
func ScoreQuestion(q Question, chosen []string) float64 {
	right, wrong := 0, 0
	for _, id := range uniq(chosen) {
		o, ok := q.option(id)
		switch {
		case !ok:
		case o.Correct:
			right++
		default:
			wrong++
		}
	}
	if q.Type.SingleAnswer() {
		if right == 1 && wrong == 0 {
			return 1
		}
		return 0
	}
	total := q.correctCount()
	if total == 0 {
		return 0
	}
	return max(0, float64(right-wrong)/float64(total))
}

// ScoreAttempt returns an attempt's score, 0–100: 100 × the sum of the question scores /
// the number of questions, rounded to two decimals. answers maps question ids to the
// chosen option ids; unanswered questions score 0.
func ScoreAttempt(questions []Question, answers map[string][]string) float64 {
	if len(questions) == 0 {
		return 0
	}
	sum := 0.0
	for _, q := range questions {
		sum += ScoreQuestion(q, answers[q.ID])
	}
	return roundScore(100 * sum / float64(len(questions)))
}

// Passed reports whether score reaches passMark.
func Passed(score float64, passMark int) bool { return score >= float64(passMark) }

func roundScore(x float64) float64 { return math.Round(x*100) / 100 }

// attemptScore is what grading needs of a submitted attempt.
type attemptScore struct {
	Number      int
	Score       *float64
	Passed      bool
	SubmittedAt *time.Time
}

// grade returns the quiz result of a learner's submitted attempts (in attempt order):
// the highest-scoring attempt (the earliest among equals) or the last one.
func grade(g Grading, attempts []attemptScore) QuizResult {
	r := QuizResult{Attempts: len(attempts)}
	if len(attempts) == 0 {
		return r
	}
	best := attempts[0]
	for _, a := range attempts[1:] {
		if score(a) > score(best) {
			best = a
		}
	}
	chosen := best
	if g == GradingLast {
		chosen = attempts[len(attempts)-1]
	}
	b, c := score(best), score(chosen)
	r.Best, r.Score, r.Passed = &b, &c, chosen.Passed
	return r
}

func score(a attemptScore) float64 {
	if a.Score == nil {
		return 0
	}
	return *a.Score
}

// uniq returns ids without repeats, in first-seen order.
func uniq(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
