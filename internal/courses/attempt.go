package courses

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/identity"
)

// StartAttempt returns userID's open attempt on the quiz if there is one (on the version
// it was started on); otherwise it starts a new attempt on the quiz's latest version, with
// the questions, and the options within each question, in a new random order that is
// stored with the attempt (truefalse options keep their True, False order). Attempts are
// counted per quiz, across versions, against the latest version's max_attempts; when none
// are left it returns ErrNoAttemptsLeft (an errs.ErrConflict). An unknown or retired quiz
// gives errs.ErrNotFound.
func (s *Store) StartAttempt(ctx context.Context, userID, quizSlug string) (AttemptView, error) {
	for try := 0; ; try++ {
		view, err := s.startAttempt(ctx, userID, quizSlug)
		// Two concurrent starts can both try to create the attempt; the loser finds the
		// winner's attempt on the next try.
		if errors.Is(err, gorm.ErrDuplicatedKey) && try < 3 {
			continue
		}
		return view, err
	}
}

func (s *Store) startAttempt(ctx context.Context, userID, quizSlug string) (AttemptView, error) {
	var view AttemptView
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		var quiz quizRow
		if err := tx.Where("slug = ? AND retired_at IS NULL", quizSlug).Take(&quiz).Error; err != nil {
			return notFound(err, "quiz "+quizSlug)
		}
		var attempts []attemptRow
		if err := tx.Where("user_id = ? AND quiz_id = ?", userID, quiz.ID).Order("number").Find(&attempts).Error; err != nil {
			return err
		}
		for _, a := range attempts {
			if a.SubmittedAt == nil {
				var err error
				view, err = s.attemptView(tx, a)
				return err
			}
		}
		v, err := latestVersion(tx, quiz, true)
		if err != nil {
			return err
		}
		if attemptsLeft(v.MaxAttempts, len(attempts)) == 0 {
			return fmt.Errorf("quiz %s: %w", quizSlug, ErrNoAttemptsLeft)
		}
		a := attemptRow{ID: identity.NewID(), QuizID: quiz.ID, QuizVersionID: v.ID, UserID: userID,
			Number: len(attempts) + 1, StartedAt: s.clock(), QuestionOrder: s.newOrder(v.Questions)}
		if err := tx.Create(&a).Error; err != nil {
			return userError(err, userID)
		}
		view = buildView(a, quiz.Slug, v, nil)
		view.ModuleSlug, err = moduleSlug(tx, quiz.ModuleID)
		return err
	})
	if err != nil {
		return AttemptView{}, err
	}
	return view, nil
}

// newOrder shuffles the questions and the options within each (except truefalse).
func (s *Store) newOrder(questions []Question) attemptOrder {
	order := make(attemptOrder, 0, len(questions))
	for _, qi := range s.permutation(len(questions)) {
		q := questions[qi]
		ids := make([]string, len(q.Options))
		perm := s.permutation(len(q.Options))
		for i := range q.Options {
			if q.Type == QuestionTrueFalse {
				perm[i] = i
			}
			ids[i] = q.Options[perm[i]].ID
		}
		order = append(order, orderedQuestion{Question: q.ID, Options: ids})
	}
	return order
}

// Attempt returns userID's open attempt for answering. Another learner's attempt gives
// errs.ErrNotFound; a submitted one gives ErrAttemptSubmitted (show its Review instead).
func (s *Store) Attempt(ctx context.Context, userID, attemptID string) (AttemptView, error) {
	tx := s.conn(ctx)
	a, err := userAttempt(tx, userID, attemptID, false)
	if err != nil {
		return AttemptView{}, err
	}
	if a.SubmittedAt != nil {
		return AttemptView{}, fmt.Errorf("attempt %s: %w", attemptID, ErrAttemptSubmitted)
	}
	return s.attemptView(tx, a)
}

// attemptView builds the view of an attempt with its saved answers.
func (s *Store) attemptView(tx *gorm.DB, a attemptRow) (AttemptView, error) {
	v, quiz, err := attemptVersion(tx, a)
	if err != nil {
		return AttemptView{}, err
	}
	answers, err := attemptAnswers(tx, a.ID)
	if err != nil {
		return AttemptView{}, err
	}
	view := buildView(a, quiz.Slug, v, answers)
	view.ModuleSlug, err = moduleSlug(tx, quiz.ModuleID)
	return view, err
}

// userAttempt reads an attempt of userID; forUpdate locks its row until the transaction
// ends (PostgreSQL; SQLite transactions already exclude each other).
func userAttempt(tx *gorm.DB, userID, attemptID string, forUpdate bool) (attemptRow, error) {
	var a attemptRow
	q := tx.Where("id = ? AND user_id = ?", attemptID, userID)
	if forUpdate {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Take(&a).Error; err != nil {
		return a, notFound(err, "attempt "+attemptID)
	}
	return a, nil
}

// attemptVersion reads the quiz version an attempt was started on, and its quiz.
func attemptVersion(tx *gorm.DB, a attemptRow) (quizVersionRow, quizRow, error) {
	var v quizVersionRow
	var q quizRow
	if err := tx.Where("id = ?", a.QuizVersionID).Take(&v).Error; err != nil {
		return v, q, notFound(err, "quiz version of attempt "+a.ID)
	}
	if err := tx.Where("id = ?", a.QuizID).Take(&q).Error; err != nil {
		return v, q, notFound(err, "quiz of attempt "+a.ID)
	}
	return v, q, nil
}

// attemptAnswers maps question ids to chosen option ids.
func attemptAnswers(tx *gorm.DB, attemptID string) (map[string][]string, error) {
	var rows []answerRow
	if err := tx.Where("attempt_id = ?", attemptID).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(rows))
	for _, r := range rows {
		out[r.QuestionID] = r.OptionIDs
	}
	return out, nil
}

// moduleSlug returns the slug of a module (retired or not).
func moduleSlug(tx *gorm.DB, moduleID string) (string, error) {
	var m moduleRow
	if err := tx.Select("slug").Where("id = ?", moduleID).Take(&m).Error; err != nil {
		return "", notFound(err, "module "+moduleID)
	}
	return m.Slug, nil
}
