package development

import (
	"context"
	"fmt"
	"slices"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/errs"
)

// How many dimensions are recommended: always the two with most room to grow, and a third
// when it is a blind spot or its score is below ThirdBelow.
const (
	MinRecommendations = 2
	MaxRecommendations = 3
	ThirdBelow         = 60.0
)

// ErrNoSelfAssessment: the learner has no submitted self-assessment yet, so there is
// nothing to recommend from. It is an errs.ErrNotFound.
const ErrNoSelfAssessment = notFoundError("no submitted self-assessment")

// notFoundError is a sentinel error that is an errs.ErrNotFound.
type notFoundError string

func (e notFoundError) Error() string { return string(e) }
func (e notFoundError) Unwrap() error { return errs.ErrNotFound }

// Recommendations are the dimensions a learner is advised to work on next.
type Recommendations struct {
	SelfAttemptID string           `json:"self_attempt_id"`
	Items         []Recommendation `json:"items"`
}

// Recommendation is one dimension to work on, with what to do about it.
type Recommendation struct {
	Slug string          `json:"slug"`
	Name instrument.Text `json:"name"`
	// Score is the self score (0–100); Observers the observers' mean when 360 results may
	// be shown; BlindSpot marks a self score more than a third of the range above it.
	Score     float64  `json:"score"`
	Observers *float64 `json:"observers"`
	BlindSpot bool     `json:"blind_spot"`
	// Band is the self score's band with its feedback.
	Band *assessment.BandResult `json:"band"`
	// Actions are the instrument's concrete actions for the dimension, in every language.
	Actions []instrument.Text `json:"actions"`
	// Modules are the course modules that develop the dimension, with the learner's progress.
	Modules []courses.CatalogueEntry `json:"modules"`
}

// Recommendations picks, from the learner's latest self-assessment and their 360 feedback
// when it may be shown, the two or three dimensions with most room to grow, lowest first:
// a dimension ranks by its self score, or by the observers' mean when that is a blind spot
// (the lower, outside view counts); dimensions without a self score are never recommended.
// Ties keep the instrument's order. ErrNoSelfAssessment when there is no submitted
// self-assessment. The caller checks who may see the learner's results.
func (s *Store) Recommendations(ctx context.Context, learnerID string) (Recommendations, error) {
	self, ok, err := s.latestSelf(ctx, learnerID)
	if err != nil {
		return Recommendations{}, fmt.Errorf("recommendations: %w", err)
	}
	if !ok {
		return Recommendations{}, ErrNoSelfAssessment
	}
	fb, err := s.feedback360(ctx, learnerID, self, true)
	if err != nil {
		return Recommendations{}, fmt.Errorf("recommendations: %w", err)
	}
	catalogue, err := s.courses.Catalogue(ctx, learnerID)
	if err != nil {
		return Recommendations{}, fmt.Errorf("recommendations: %w", err)
	}
	out := Recommendations{SelfAttemptID: self.Attempt.ID}
	for _, c := range roomToGrow(fb.Dimensions) {
		d := self.Dimensions[slices.IndexFunc(self.Dimensions, func(r assessment.DimensionResult) bool { return r.Slug == c.Slug })]
		r := Recommendation{Slug: d.Slug, Name: d.Name, Score: *d.Score, Observers: c.Observers.Mean,
			BlindSpot: c.Kind == threesixty.BlindSpot, Band: d.Band, Actions: d.Actions}
		for _, e := range catalogue {
			if slices.Contains(e.Module.Dimensions, d.Slug) {
				r.Modules = append(r.Modules, e)
			}
		}
		out.Items = append(out.Items, r)
	}
	return out, nil
}

// roomToGrow orders the dimensions with a self score by room to grow and keeps two or
// three of them (see Recommendations).
func roomToGrow(dims []Dimension360) []Dimension360 {
	type ranked struct {
		d   Dimension360
		key float64
	}
	var cands []ranked
	for _, d := range dims {
		if d.Self == nil {
			continue
		}
		key := *d.Self
		if d.Kind == threesixty.BlindSpot {
			key = *d.Observers.Mean
		}
		cands = append(cands, ranked{d, key})
	}
	slices.SortStableFunc(cands, func(a, b ranked) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	var out []Dimension360
	for i, c := range cands {
		if i >= MaxRecommendations ||
			(i >= MinRecommendations && c.key >= ThirdBelow && c.d.Kind != threesixty.BlindSpot) {
			break
		}
		out = append(out, c.d)
	}
	return out
}
