package courses

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/errs"
)

// SaveAnswer stores userID's answer to one question of an open attempt, replacing any
// earlier answer (autosave: saving the same answer again changes nothing but the time).
// It checks the answer against the attempt's quiz version and returns an
// *errs.ValidationError for an unknown question ("question": "invalid") or option
// ("options": "invalid"), or for a single, truefalse or scenario question not answered with
// exactly one option ("options": "oneof"). A multiple-answer question accepts any
// number of its options, none included. Another learner's attempt gives errs.ErrNotFound;
// a submitted attempt gives ErrAttemptSubmitted.
func (s *Store) SaveAnswer(ctx context.Context, userID, attemptID, questionID string, optionIDs []string) error {
	return s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := userAttempt(tx, userID, attemptID, true)
		if err != nil {
			return err
		}
		if a.SubmittedAt != nil {
			return fmt.Errorf("attempt %s: %w", attemptID, ErrAttemptSubmitted)
		}
		v, _, err := attemptVersion(tx, a)
		if err != nil {
			return err
		}
		chosen, err := checkAnswer(v.quiz(""), questionID, optionIDs)
		if err != nil {
			return err
		}
		row := answerRow{AttemptID: a.ID, QuestionID: questionID, OptionIDs: chosen, AnsweredAt: s.clock()}
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "attempt_id"}, {Name: "question_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"option_ids", "answered_at"}),
		}).Create(&row).Error
	})
}

// checkAnswer validates an answer and returns the chosen ids without repeats, sorted.
func checkAnswer(quiz Quiz, questionID string, optionIDs []string) ([]string, error) {
	q, ok := quiz.question(questionID)
	if !ok {
		return nil, errs.Invalid("question", "invalid", questionID)
	}
	chosen := uniq(optionIDs)
	for _, id := range chosen {
		if _, ok := q.option(id); !ok {
			return nil, errs.Invalid("options", "invalid", id)
		}
	}
	if q.Type.SingleAnswer() && len(chosen) != 1 {
		return nil, errs.Invalid("options", "oneof", "1")
	}
	slices.Sort(chosen)
	return chosen, nil
}
