package assessment

import (
	"context"
	"fmt"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/errs"
)

// NotScoredTooFewAnswers is the reason a dimension has no score: fewer answers than
// DimensionResult.Required.
const NotScoredTooFewAnswers = "too_few_answers"

// Result is the scored outcome of a submitted attempt.
type Result struct {
	Attempt    Attempt           `json:"attempt"`
	Instrument Instrument        `json:"instrument"`
	Dimensions []DimensionResult `json:"dimensions"`
}

// DimensionResult is one dimension of a Result.
type DimensionResult struct {
	Slug        string          `json:"slug"`
	Name        instrument.Text `json:"name"`
	Description instrument.Text `json:"description,omitempty"`
	// Items, Answered and Required: the dimension's items, how many were answered and how
	// many a score needs.
	Items    int `json:"items"`
	Answered int `json:"answered"`
	Required int `json:"required"`
	// Mean (item scale) and Score (0–100) are nil when the dimension is not scored; then
	// NotScored says why (NotScoredTooFewAnswers) and Band is nil.
	Mean      *float64    `json:"mean"`
	Score     *float64    `json:"score"`
	Band      *BandResult `json:"band"`
	NotScored string      `json:"not_scored,omitempty"`
	// Actions are the dimension's suggested actions.
	Actions []instrument.Text `json:"actions,omitempty"`
}

// BandResult is the band a score falls in, with its texts.
type BandResult struct {
	Index    int             `json:"index"`
	Min      float64         `json:"min"`
	Label    instrument.Text `json:"label"`
	Feedback instrument.Text `json:"feedback,omitempty"`
}

// Results returns the scores of a submitted attempt, per dimension in the instrument's
// order, with the band label and feedback, or the reason a dimension is not scored.
// errs.ErrConflict while the attempt is open. It does not check who may see the attempt.
func (s *Store) Results(ctx context.Context, attemptID string) (Result, error) {
	tx := s.conn(ctx)
	a, err := s.attempt(tx, attemptID, "")
	if err != nil {
		return Result{}, err
	}
	if !a.Submitted() {
		return Result{}, fmt.Errorf("attempt %s is not submitted yet: %w", a.ID, errs.ErrConflict)
	}
	inst, err := s.Instrument(ctx, a.InstrumentID)
	if err != nil {
		return Result{}, err
	}
	def, err := s.definition(tx, a.InstrumentID)
	if err != nil {
		return Result{}, err
	}
	var rows []scoreRow
	if err := tx.Where("attempt_id = ?", a.ID).Find(&rows).Error; err != nil {
		return Result{}, err
	}
	byDim := make(map[string]scoreRow, len(rows))
	for _, r := range rows {
		byDim[r.Dimension] = r
	}
	res := Result{Attempt: a, Instrument: inst}
	for _, dim := range def.Dimensions {
		r, ok := byDim[dim.Slug]
		if !ok {
			return Result{}, fmt.Errorf("attempt %s has no score row for %s", a.ID, dim.Slug)
		}
		res.Dimensions = append(res.Dimensions, dimensionResult(dim, r))
	}
	return res, nil
}

func dimensionResult(dim instrument.Dimension, r scoreRow) DimensionResult {
	d := DimensionResult{
		Slug: dim.Slug, Name: dim.Name, Description: dim.Description, Actions: dim.Actions,
		Items: r.NItems, Answered: r.NAnswered, Required: scoring.Required(r.NItems),
		Mean: r.Mean, Score: r.Score,
	}
	if r.Score == nil || r.Band == nil || *r.Band < 0 || *r.Band >= len(dim.Bands) {
		d.Mean, d.Score = nil, nil
		d.NotScored = NotScoredTooFewAnswers
		return d
	}
	b := dim.Bands[*r.Band]
	d.Band = &BandResult{Index: *r.Band, Min: b.Min, Label: b.Label, Feedback: b.Feedback}
	return d
}
