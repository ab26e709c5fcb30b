package assessment

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
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
		_, _, err := s.saveAnswer(tx, userID, attemptID, itemID, given(value, option))
		return err
	})
}

// SaveChoice saves one answer given as a single number, as a form sends it: a point of
// the scale for a Likert item, the 0-based option index for an SJT item. It lets a client
// that does not know the item's type save without reading the attempt first; otherwise
// it is SaveAnswer, with the same errors.
func (s *Store) SaveChoice(ctx context.Context, userID, attemptID, itemID string, choice int) error {
	return s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		_, _, err := s.saveAnswer(tx, userID, attemptID, itemID, func(def *instrument.Definition) (*int, *int, error) {
			it, ok := def.Item(itemID)
			if !ok {
				return nil, nil, errs.Invalid("item", scoring.CodeUnknownItem, itemID)
			}
			if it.Type == instrument.SJT {
				return nil, &choice, nil
			}
			return &choice, nil, nil
		})
		return err
	})
}

// answerOf gives the value and option to store for an item of def.
type answerOf func(def *instrument.Definition) (value, option *int, err error)

// given is the answerOf of a value and option known beforehand.
func given(value, option *int) answerOf {
	return func(*instrument.Definition) (*int, *int, error) { return value, option, nil }
}

// SaveAnswerProgress saves one answer as SaveAnswer does and returns the attempt's progress
// after it, from the same transaction: what an autosaving client shows next.
func (s *Store) SaveAnswerProgress(ctx context.Context, userID, attemptID, itemID string, value, option *int) (Progress, error) {
	var p Progress
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		id, def, err := s.saveAnswer(tx, userID, attemptID, itemID, given(value, option))
		if err != nil {
			return err
		}
		p, err = s.progress(tx, id, def)
		return err
	})
	return p, err
}

// saveAnswer stores (or, with neither value nor option, clears) one answer in tx, holding
// the attempt's row lock. On success it sends two statements: the locking update that
// also returns the attempt's instrument, and the upsert (or delete) of the answer; the
// definition comes from the cache.
func (s *Store) saveAnswer(tx *gorm.DB, userID, attemptID, itemID string, answer answerOf) (string, *instrument.Definition, error) {
	instrumentID, err := s.openAttempt(tx, userID, attemptID)
	if err != nil {
		return "", nil, err
	}
	def, err := s.definition(tx, instrumentID)
	if err != nil {
		return "", nil, err
	}
	value, option, err := answer(def)
	if err != nil {
		return "", nil, err
	}
	if value == nil && option == nil {
		if _, ok := def.Item(itemID); !ok {
			return "", nil, errs.Invalid("item", scoring.CodeUnknownItem, itemID)
		}
		return attemptID, def, tx.Where("attempt_id = ? AND item_id = ?", attemptID, itemID).Delete(&answerRow{}).Error
	}
	if _, err := scoring.Check(def, itemID, scoring.Answer{Value: value, Option: option}); err != nil {
		return "", nil, err
	}
	row := answerRow{AttemptID: attemptID, ItemID: itemID, Value: value, OptionIndex: option, AnsweredAt: s.now()}
	return attemptID, def, tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "attempt_id"}, {Name: "item_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"value", "option_index", "answered_at"}),
	}).Create(&row).Error
}

// openAttempt locks the user's open attempt against a concurrent Submit until tx ends and
// returns its instrument row id, in one statement: a no-op update of the open attempt
// (PostgreSQL takes the row lock; SQLite transactions lock the database) that returns
// what the save needs. Only when it touches no row does a second query tell why:
// errs.ErrNotFound when the attempt does not exist or is someone else's,
// errs.ErrConflict when it is already submitted. An error leaves the validation or
// write undone, so nothing is stored.
func (s *Store) openAttempt(tx *gorm.DB, userID, attemptID string) (string, error) {
	if !identity.ValidID(attemptID) || !identity.ValidID(userID) {
		return "", fmt.Errorf("attempt %q: %w", attemptID, errs.ErrNotFound)
	}
	var locked []string
	err := tx.Raw("UPDATE assessment_attempts SET status = ? WHERE id = ? AND user_id = ? AND submitted_at IS NULL RETURNING instrument_id",
		string(StatusOpen), attemptID, userID).Scan(&locked).Error
	if err != nil {
		return "", err
	}
	if len(locked) == 1 {
		return locked[0], nil
	}
	a, err := s.attempt(tx, attemptID, userID)
	if err != nil {
		return "", err
	}
	return "", fmt.Errorf("attempt %s is already submitted: %w", a.ID, errs.ErrConflict)
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
