package assessment

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/errs"
)

// SaveAnswer records the user's answer to one item of their open attempt, replacing an
// earlier answer to it: value, a point of the Likert scale, for a Likert item; option, the
// 0-based index of the chosen option, for an SJT item. Both nil clears the answer. Saving
// the same answer again changes nothing but its time.
//
// Errors, with nothing stored: errs.ErrNotFound when the attempt does not exist or is
// someone else's; errs.ErrConflict when it is submitted; an *errs.ValidationError (see
// scoring.Check for fields and codes) for an unknown item, a value outside the scale, an
// option outside the item's options, a Likert item given an option or an SJT item a value.
func (s *Store) SaveAnswer(ctx context.Context, userID, attemptID, itemID string, value, option *int) error {
	return s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		_, _, err := s.saveAnswer(tx, userID, attemptID, itemID, value, option)
		return err
	})
}

// SaveAnswerProgress saves one answer as SaveAnswer does and returns the attempt's progress
// after it, from the same transaction: what an autosaving client shows next.
func (s *Store) SaveAnswerProgress(ctx context.Context, userID, attemptID, itemID string, value, option *int) (Progress, error) {
	var p Progress
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		a, def, err := s.saveAnswer(tx, userID, attemptID, itemID, value, option)
		if err != nil {
			return err
		}
		p, err = s.progress(tx, a.ID, def)
		return err
	})
	return p, err
}

// saveAnswer stores (or, with neither value nor option, clears) one answer in tx, holding
// the attempt's row lock.
func (s *Store) saveAnswer(tx *gorm.DB, userID, attemptID, itemID string, value, option *int) (Attempt, *instrument.Definition, error) {
	a, err := s.openAttempt(tx, userID, attemptID)
	if err != nil {
		return a, nil, err
	}
	def, err := s.definition(tx, a.InstrumentID)
	if err != nil {
		return a, nil, err
	}
	if value == nil && option == nil {
		if _, ok := def.Item(itemID); !ok {
			return a, nil, errs.Invalid("item", scoring.CodeUnknownItem, itemID)
		}
		return a, def, tx.Where("attempt_id = ? AND item_id = ?", a.ID, itemID).Delete(&answerRow{}).Error
	}
	if _, err := scoring.Check(def, itemID, scoring.Answer{Value: value, Option: option}); err != nil {
		return a, nil, err
	}
	row := answerRow{AttemptID: a.ID, ItemID: itemID, Value: value, OptionIndex: option, AnsweredAt: s.now()}
	return a, def, tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "attempt_id"}, {Name: "item_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"value", "option_index", "answered_at"}),
	}).Create(&row).Error
}

// openAttempt loads the user's attempt and locks it against a concurrent Submit until tx
// ends: errs.ErrNotFound for someone else's, errs.ErrConflict when already submitted.
func (s *Store) openAttempt(tx *gorm.DB, userID, attemptID string) (Attempt, error) {
	a, err := s.attempt(tx, attemptID, userID)
	if err != nil {
		return a, err
	}
	// A no-op update takes the row lock (PostgreSQL; SQLite transactions lock the database),
	// so Submit cannot score the attempt while this answer is being written.
	res := tx.Model(&Attempt{}).Where("id = ? AND submitted_at IS NULL", a.ID).Update("status", StatusOpen)
	if res.Error != nil {
		return a, res.Error
	}
	if res.RowsAffected == 0 {
		return a, fmt.Errorf("attempt %s is already submitted: %w", a.ID, errs.ErrConflict)
	}
	return a, nil
}

// Answers returns the user's answers on their attempt, by item id (errs.ErrNotFound for
// someone else's attempt).
func (s *Store) Answers(ctx context.Context, userID, attemptID string) (map[string]scoring.Answer, error) {
	a, err := s.attempt(s.conn(ctx), attemptID, userID)
	if err != nil {
		return nil, err
	}
	return s.answers(s.conn(ctx), a.ID)
}

// answers loads the answers of one attempt.
func (s *Store) answers(tx *gorm.DB, attemptID string) (map[string]scoring.Answer, error) {
	var rows []answerRow
	if err := tx.Where("attempt_id = ?", attemptID).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]scoring.Answer, len(rows))
	for _, r := range rows {
		out[r.ItemID] = scoring.Answer{Value: r.Value, Option: r.OptionIndex}
	}
	return out, nil
}

// Progress is how far an attempt has got.
type Progress struct {
	Answered int `json:"answered"`
	Total    int `json:"total"`
	// Dimensions has one entry per dimension, in the instrument's order.
	Dimensions []DimensionProgress `json:"dimensions"`
}

// DimensionProgress counts the answers of one dimension; Required is how many it needs
// for a score (see scoring.Required).
type DimensionProgress struct {
	Slug     string `json:"slug"`
	Answered int    `json:"answered"`
	Total    int    `json:"total"`
	Required int    `json:"required"`
}

// Progress counts the answered items of the user's attempt, overall and per dimension.
func (s *Store) Progress(ctx context.Context, userID, attemptID string) (Progress, error) {
	tx := s.conn(ctx)
	a, err := s.attempt(tx, attemptID, userID)
	if err != nil {
		return Progress{}, err
	}
	def, err := s.definition(tx, a.InstrumentID)
	if err != nil {
		return Progress{}, err
	}
	return s.progress(tx, a.ID, def)
}

// progress counts the answered items of an attempt on its definition.
func (s *Store) progress(tx *gorm.DB, attemptID string, def *instrument.Definition) (Progress, error) {
	var ids []string
	if err := tx.Model(&answerRow{}).Where("attempt_id = ?", attemptID).Pluck("item_id", &ids).Error; err != nil {
		return Progress{}, err
	}
	answered := map[string]bool{}
	for _, id := range ids {
		answered[id] = true
	}
	p := Progress{Total: len(def.Items)}
	for _, dim := range def.Dimensions {
		dp := DimensionProgress{Slug: dim.Slug}
		for _, it := range def.ItemsOf(dim.Slug) {
			dp.Total++
			if answered[it.ID] {
				dp.Answered++
			}
		}
		dp.Required = scoring.Required(dp.Total)
		p.Answered += dp.Answered
		p.Dimensions = append(p.Dimensions, dp)
	}
	return p, nil
}
