package development

import (
	"context"
	"fmt"
	"slices"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/development/threesixty"
)

// Feedback360 is what may be shown of a learner's 360 feedback: aggregates only. With
// fewer than MinObservers answered observers, no observer result at all is included. No
// field identifies an observer or holds one observer's answers or scores.
type Feedback360 struct {
	LearnerID string `json:"learner_id"`
	// SelfAttemptID is the latest submitted self-assessment the self scores come from; ""
	// when there is none.
	SelfAttemptID string `json:"self_attempt_id"`
	// Invited counts invitations not withdrawn; Answered those answered.
	Invited      int  `json:"invited"`
	Answered     int  `json:"answered"`
	MinObservers int  `json:"min_observers"`
	Shown        bool `json:"shown"` // observer results are included
	// Dimensions are in the self-assessment's order.
	Dimensions      []Dimension360 `json:"dimensions"`
	BlindSpots      []Gap          `json:"blind_spots"`
	HiddenStrengths []Gap          `json:"hidden_strengths"`
}

// Dimension360 compares self and observers on one dimension.
type Dimension360 struct {
	Slug string          `json:"slug"`
	Name instrument.Text `json:"name"`
	// Self is the self-assessment score (0–100); nil when not scored.
	Self *float64 `json:"self"`
	// Observers is the observers' mean and the relationship groups that may be shown; its
	// Mean is nil when fewer than MinObservers observers scored the dimension.
	Observers threesixty.Summary `json:"observers"`
	// Gap is Self − Observers.Mean when both are known; Kind says whether it is a blind spot
	// or a hidden strength.
	Gap  *float64        `json:"gap"`
	Kind threesixty.Kind `json:"kind"`
}

// Gap is a blind spot or a hidden strength with the observer items behind it.
type Gap struct {
	Slug   string          `json:"slug"`
	Name   instrument.Text `json:"name"`
	Kind   threesixty.Kind `json:"kind"`
	Self   float64         `json:"self"`
	Others float64         `json:"others"`
	Gap    float64         `json:"gap"` // Self − Others
	// Items are the dimension's observer items with the observers' mean item score, in
	// form order; items answered by fewer than MinObservers observers are left out.
	Items []ItemMean `json:"items"`
}

// ItemMean is the observers' mean score on one item, on the form's scale (reverse-keyed
// items recoded), over N observers (at least MinObservers).
type ItemMean struct {
	ItemID string          `json:"item_id"`
	Text   instrument.Text `json:"text"`
	N      int             `json:"n"`
	Mean   float64         `json:"mean"`
}

// Feedback360 returns the learner's 360 results: per dimension, the latest self score
// beside the observers' mean and relationship groups under the anonymity rules of package
// threesixty, and the blind spots and hidden strengths. It runs a fixed number of queries.
// The caller checks who may see the learner's results.
func (s *Store) Feedback360(ctx context.Context, learnerID string) (Feedback360, error) {
	self, hasSelf, err := s.latestSelf(ctx, learnerID)
	if err != nil {
		return Feedback360{}, fmt.Errorf("360 feedback: %w", err)
	}
	return s.feedback360(ctx, learnerID, self, hasSelf)
}

// feedback360 is Feedback360 over self results read already.
func (s *Store) feedback360(ctx context.Context, learnerID string, self assessment.Result, hasSelf bool) (Feedback360, error) {
	out := Feedback360{LearnerID: learnerID, MinObservers: threesixty.MinObservers}
	var counts []struct {
		Status string
		N      int
	}
	err := s.conn(ctx).Model(&invitationRow{}).Select("status, COUNT(*) AS n").
		Where("learner_id = ? AND status <> ?", learnerID, ObserverWithdrawn).Group("status").Scan(&counts).Error
	if err != nil {
		return out, fmt.Errorf("360 feedback: %w", err)
	}
	for _, c := range counts {
		out.Invited += c.N
		if c.Status == string(ObserverAnswered) {
			out.Answered = c.N
		}
	}
	out.Shown = out.Answered >= threesixty.MinObservers
	var obs observerData
	if out.Shown {
		var err error
		if obs, err = s.loadObserverData(ctx, learnerID); err != nil {
			return out, fmt.Errorf("360 feedback: %w", err)
		}
	}
	if hasSelf {
		out.SelfAttemptID = self.Attempt.ID
	}
	out.Dimensions = compare(self.Dimensions, obs)
	for _, d := range out.Dimensions {
		if d.Kind == threesixty.NoGap {
			continue
		}
		g := Gap{Slug: d.Slug, Name: d.Name, Kind: d.Kind, Self: *d.Self, Others: *d.Observers.Mean, Gap: *d.Gap,
			Items: obs.itemMeans(d.Slug)}
		if d.Kind == threesixty.BlindSpot {
			out.BlindSpots = append(out.BlindSpots, g)
		} else {
			out.HiddenStrengths = append(out.HiddenStrengths, g)
		}
	}
	return out, nil
}

// compare lines up self results and observer aggregates per dimension: the self
// dimensions first, in their order, then any the observer form adds.
func compare(self []assessment.DimensionResult, obs observerData) []Dimension360 {
	var out []Dimension360
	for _, d := range self {
		out = append(out, Dimension360{Slug: d.Slug, Name: d.Name, Self: d.Score})
	}
	if obs.def != nil {
		for _, d := range obs.def.Dimensions {
			if !slices.ContainsFunc(out, func(x Dimension360) bool { return x.Slug == d.Slug }) {
				out = append(out, Dimension360{Slug: d.Slug, Name: d.Name})
			}
		}
	}
	for i := range out {
		d := &out[i]
		d.Observers = threesixty.Summarise(obs.ratings[d.Slug])
		if d.Self != nil && d.Observers.Mean != nil {
			gap := *d.Self - *d.Observers.Mean
			d.Gap = &gap
			d.Kind = threesixty.Classify(*d.Self, *d.Observers.Mean)
		}
	}
	return out
}
