package assessment

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/errs"
)

// Submit makes the user's attempt final and stores its dimension scores, in one
// transaction. It succeeds exactly once per attempt, also when called concurrently: the
// attempt is claimed by a conditional update (… WHERE submitted_at IS NULL) and every
// other call gets errs.ErrConflict. Someone else's attempt is errs.ErrNotFound. An attempt
// with few answers can be submitted; the dimensions without enough answers get no score.
// The submission is recorded as activity (Config.Activity) in the same transaction.
func (s *Store) Submit(ctx context.Context, userID, attemptID string) error {
	return s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := s.attempt(tx, attemptID, userID)
		if err != nil {
			return err
		}
		now := s.now()
		res := tx.Model(&Attempt{}).Where("id = ? AND submitted_at IS NULL", a.ID).
			Updates(map[string]any{"submitted_at": now, "status": StatusSubmitted})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("attempt %s is already submitted: %w", a.ID, errs.ErrConflict)
		}
		def, err := s.definition(tx, a.InstrumentID)
		if err != nil {
			return err
		}
		answers, err := s.answers(tx, a.ID)
		if err != nil {
			return err
		}
		rows, err := scoreRows(scoring.NewScorer(def), a.ID, answers)
		if err != nil {
			return err
		}
		if err := tx.Create(&rows).Error; err != nil {
			return err
		}
		return s.cfg.Activity.Record(tx, assessmentCompleted(userID, a.ID, def, rows, now))
	})
}

// scoreRows scores one attempt's answers into the rows to store. Online submissions and
// imports both score through it.
func scoreRows(scorer *scoring.Scorer, attemptID string, answers map[string]scoring.Answer) ([]scoreRow, error) {
	scores, err := scorer.Score(answers)
	if err != nil {
		return nil, fmt.Errorf("score attempt %s: %w", attemptID, err)
	}
	rows := make([]scoreRow, len(scores))
	for i, d := range scores {
		rows[i] = scoreRow{AttemptID: attemptID, Dimension: d.Dimension, NItems: d.Items, NAnswered: d.Answered,
			Mean: d.Mean, Score: d.Score}
		if d.Scored() {
			band := d.Band
			rows[i].Band = &band
		}
	}
	return rows, nil
}
