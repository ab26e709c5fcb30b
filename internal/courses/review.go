package courses

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Review is a submitted attempt as the learner saw it, with their answers, their score,
// the feedback on the options they chose and, when the quiz's review setting allows, the
// correct answers.
type Review struct {
	AttemptID   string    `json:"attempt_id"`
	QuizSlug    string    `json:"quiz_slug"`
	QuizTitle   Text      `json:"quiz_title"`
	ModuleSlug  string    `json:"module_slug"`
	Version     int       `json:"version"`
	Number      int       `json:"number"`
	StartedAt   time.Time `json:"started_at"`
	SubmittedAt time.Time `json:"submitted_at"`
	Score       float64   `json:"score"`
	Passed      bool      `json:"passed"`
	PassMark    int       `json:"pass_mark"`
	// ShowAnswers reports whether the correct answers are included.
	ShowAnswers bool             `json:"show_answers"`
	Questions   []ReviewQuestion `json:"questions"`
}

// ReviewQuestion is a question of a reviewed attempt, in the attempt's order.
type ReviewQuestion struct {
	ID       string         `json:"id"`
	Type     QuestionType   `json:"type"`
	Scenario Text           `json:"scenario,omitempty"`
	Text     Text           `json:"text"`
	Score    float64        `json:"score"` // what the answer earned, 0–1
	Options  []ReviewOption `json:"options"`
}

// ReviewOption is an option of a reviewed question, in the attempt's order.
type ReviewOption struct {
	ID       string `json:"id"`
	Text     Text   `json:"text"`
	Selected bool   `json:"selected"`
	// Feedback is given for the options the learner chose, nil for the others.
	Feedback Text `json:"feedback,omitempty"`
	// Correct is set only when ShowAnswers is true.
	Correct *bool `json:"correct,omitempty"`
}

// Review returns userID's submitted attempt for review. The correct answers are included
// according to the review setting of the quiz's latest version: always; never; or
// after_pass_or_last_attempt, once the learner has passed the quiz (any submitted attempt
// passed) or has no attempts left. Another learner's attempt gives errs.ErrNotFound; an
// open attempt gives ErrAttemptOpen.
func (s *Store) Review(ctx context.Context, userID, attemptID string) (Review, error) {
	tx := s.conn(ctx)
	a, err := userAttempt(tx, userID, attemptID, false)
	if err != nil {
		return Review{}, err
	}
	if a.SubmittedAt == nil {
		return Review{}, fmt.Errorf("attempt %s: %w", attemptID, ErrAttemptOpen)
	}
	v, quiz, err := attemptVersion(tx, a)
	if err != nil {
		return Review{}, err
	}
	answers, err := attemptAnswers(tx, a.ID)
	if err != nil {
		return Review{}, err
	}
	show, err := showAnswers(tx, userID, quiz)
	if err != nil {
		return Review{}, err
	}
	r := Review{AttemptID: a.ID, QuizSlug: quiz.Slug, QuizTitle: v.Title, Version: v.Version, Number: a.Number,
		StartedAt: a.StartedAt.UTC(), SubmittedAt: a.SubmittedAt.UTC(), Passed: a.Passed, PassMark: v.PassMark,
		ShowAnswers: show}
	if a.Score != nil {
		r.Score = *a.Score
	}
	if r.ModuleSlug, err = moduleSlug(tx, quiz.ModuleID); err != nil {
		return Review{}, err
	}
	content := v.quiz(quiz.Slug)
	for _, oq := range a.QuestionOrder {
		if q, ok := content.question(oq.Question); ok {
			r.Questions = append(r.Questions, reviewQuestion(q, oq.Options, answers[q.ID], show))
		}
	}
	return r, nil
}

func reviewQuestion(q Question, order, chosen []string, show bool) ReviewQuestion {
	rq := ReviewQuestion{ID: q.ID, Type: q.Type, Scenario: q.Scenario, Text: q.Text, Score: ScoreQuestion(q, chosen)}
	for _, id := range order {
		o, ok := q.option(id)
		if !ok {
			continue
		}
		ro := ReviewOption{ID: o.ID, Text: o.Text}
		for _, c := range chosen {
			if c == o.ID {
				ro.Selected, ro.Feedback = true, o.Feedback
			}
		}
		if show {
			correct := o.Correct
			ro.Correct = &correct
		}
		rq.Options = append(rq.Options, ro)
	}
	return rq
}

// showAnswers applies the quiz's review setting to the learner's attempts.
func showAnswers(tx *gorm.DB, userID string, quiz quizRow) (bool, error) {
	latest, err := latestVersion(tx, quiz, false)
	if err != nil {
		return false, err
	}
	switch latest.Review {
	case ReviewAlways:
		return true, nil
	case ReviewAfterPassOrLastAttempt:
	default:
		return false, nil
	}
	var attempts []attemptRow
	if err := tx.Select("number, submitted_at, passed").Where("user_id = ? AND quiz_id = ?", userID, quiz.ID).
		Find(&attempts).Error; err != nil {
		return false, err
	}
	open := false
	for _, a := range attempts {
		if a.SubmittedAt != nil && a.Passed {
			return true, nil
		}
		open = open || a.SubmittedAt == nil
	}
	return !open && attemptsLeft(latest.MaxAttempts, len(attempts)) == 0, nil
}
