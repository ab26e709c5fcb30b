package courses

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// SubmitResult is the outcome of a submitted attempt.
type SubmitResult struct {
	AttemptID   string
	Number      int
	Score       float64 // 0–100, two decimals
	Passed      bool
	PassMark    int
	SubmittedAt time.Time
	// Quiz is the learner's quiz result after this submission, by the grading method.
	Quiz QuizResult
	// ModuleCompleted reports whether the module is completed (by this submission or
	// before).
	ModuleCompleted bool
}

// Submit closes userID's attempt and scores it (see ScoreAttempt; unanswered questions
// score 0), exactly once: a conditional UPDATE … WHERE submitted_at IS NULL claims the
// attempt, so of concurrent calls only one scores it. Submitting an already submitted
// attempt is not an error: every call returns the stored result, so a double click or a
// retried request is harmless. Another learner's attempt gives errs.ErrNotFound.
//
// When the attempt passes and every lesson of the module is done, the module completion is
// recorded in the same transaction.
func (s *Store) Submit(ctx context.Context, userID, attemptID string) (SubmitResult, error) {
	var res SubmitResult
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := userAttempt(tx, userID, attemptID, false)
		if err != nil {
			return err
		}
		now := s.clock()
		claim := tx.Model(&attemptRow{}).Where("id = ? AND submitted_at IS NULL", a.ID).Update("submitted_at", now)
		if claim.Error != nil {
			return claim.Error
		}
		if claim.RowsAffected == 1 {
			if err := s.score(tx, &a, now); err != nil {
				return err
			}
		} else if a, err = userAttempt(tx, userID, attemptID, false); err != nil {
			return err // submitted meanwhile: read the stored result
		}
		res, err = s.submitResult(tx, userID, a)
		return err
	})
	return res, err
}

// score computes and stores the score of a just-claimed attempt, records it as activity,
// and records the module completion if it passed.
func (s *Store) score(tx *gorm.DB, a *attemptRow, now time.Time) error {
	v, quiz, err := attemptVersion(tx, *a)
	if err != nil {
		return err
	}
	answers, err := attemptAnswers(tx, a.ID)
	if err != nil {
		return err
	}
	score := ScoreAttempt(v.Questions, answers)
	a.Score, a.Passed, a.SubmittedAt = &score, Passed(score, v.PassMark), &now
	err = tx.Model(&attemptRow{}).Where("id = ?", a.ID).
		Updates(map[string]any{"score": score, "passed": a.Passed}).Error
	if err != nil {
		return err
	}
	var m moduleRow
	if err := tx.Where("id = ?", quiz.ModuleID).Find(&m).Error; err != nil {
		return err
	}
	if err := s.activity.Record(tx, quizSubmitted(*a, quiz, v, m)); err != nil {
		return err
	}
	if !a.Passed || m.ID == "" || m.RetiredAt != nil {
		return nil
	}
	_, err = s.maybeCompleteModule(tx, a.UserID, m, now)
	return err
}

// submitResult describes a submitted attempt and the learner's standing after it.
func (s *Store) submitResult(tx *gorm.DB, userID string, a attemptRow) (SubmitResult, error) {
	v, quiz, err := attemptVersion(tx, a)
	if err != nil {
		return SubmitResult{}, err
	}
	res := SubmitResult{AttemptID: a.ID, Number: a.Number, Passed: a.Passed, PassMark: v.PassMark,
		SubmittedAt: a.SubmittedAt.UTC()}
	if a.Score != nil {
		res.Score = *a.Score
	}
	latest, err := latestVersion(tx, quiz, false)
	if err != nil {
		return res, err
	}
	var attempts []attemptRow
	err = tx.Where("user_id = ? AND quiz_id = ? AND submitted_at IS NOT NULL", userID, quiz.ID).
		Order("number").Find(&attempts).Error
	if err != nil {
		return res, err
	}
	res.Quiz = grade(latest.Grading, scoresOf(attempts))
	var n int64
	err = tx.Model(&moduleCompletion{}).Where("user_id = ? AND module_id = ?", userID, quiz.ModuleID).Count(&n).Error
	res.ModuleCompleted = n > 0
	return res, err
}

// scoresOf returns the grading view of submitted attempts.
func scoresOf(attempts []attemptRow) []attemptScore {
	out := make([]attemptScore, 0, len(attempts))
	for _, a := range attempts {
		if a.SubmittedAt != nil {
			out = append(out, attemptScore{a.Number, a.Score, a.Passed, a.SubmittedAt})
		}
	}
	return out
}
