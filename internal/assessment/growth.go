package assessment

import (
	"context"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/assessment/psychometrics"
	"github.com/academy-platform/academy/internal/errs"
)

// Growth compares a submitted attempt with its user's earlier ones.
type Growth struct {
	AttemptID string `json:"attempt_id"`
	// Earlier has one entry per earlier submitted attempt, newest first.
	Earlier []Comparison `json:"earlier"`
	// Reliability holds, per dimension slug, the alpha and SD used for the RCI.
	Reliability map[string]RCIBasis `json:"reliability"`
}

// RCIBasis is what the reliable change index of a dimension rests on: the current alpha
// of the dimension and the SD of its 0–100 score (the SD of the mean item score scaled by
// 100/(max − min)), with the number of complete cases behind them. Nil when not available.
type RCIBasis struct {
	N     int      `json:"n"`
	Alpha *float64 `json:"alpha"`
	SD    *float64 `json:"sd"`
}

// Comparison is the change from one earlier attempt to the current one.
type Comparison struct {
	AttemptID   string            `json:"attempt_id"`
	SubmittedAt time.Time         `json:"submitted_at"`
	Dimensions  []DimensionChange `json:"dimensions"`
}

// DimensionChange is the change of one dimension's 0–100 score. Change is After − Before
// when both are scored. RCI is the Jacobson–Truax reliable change index
// (psychometrics.ReliableChange) and Reliable is |RCI| > 1.96; RCI is nil when the scores
// or the dimension's reliability are not available, and NotReliableReason says which.
type DimensionChange struct {
	Slug     string   `json:"slug"`
	Before   *float64 `json:"before"`
	After    *float64 `json:"after"`
	Change   *float64 `json:"change"`
	RCI      *float64 `json:"rci"`
	Reliable bool     `json:"reliable"`
	// NoRCI is "not_scored" (a score is missing) or "no_reliability" (alpha or SD unknown,
	// e.g. too few complete attempts); "" when RCI is set.
	NoRCI string `json:"no_rci,omitempty"`
}

// Reasons a DimensionChange has no RCI.
const (
	NoRCINotScored     = "not_scored"
	NoRCINoReliability = "no_reliability"
)

// Growth compares a submitted attempt with every earlier submitted attempt of the same
// user on the same instrument, limited to versions whose content is identical (same
// hash), so changed items never mix. The RCI uses the dimension's current alpha and SD
// over all submitted attempts of the attempt's version (Psychometrics with no
// organisation); use GrowthWith to pass a Reliability computed already. Anonymous imported
// attempts have no earlier attempts. errs.ErrConflict while the attempt is open.
func (s *Store) Growth(ctx context.Context, attemptID string) (Growth, error) {
	a, err := s.Attempt(ctx, attemptID)
	if err != nil {
		return Growth{}, err
	}
	rel, err := s.currentReliability(ctx, a.InstrumentID)
	if err != nil {
		return Growth{}, err
	}
	return s.GrowthWith(ctx, attemptID, rel)
}

// reliabilityStamp identifies the set of submitted attempts a Reliability was computed
// over: any new, imported or removed attempt changes it.
type reliabilityStamp struct {
	N    int64
	Last *time.Time
}

type cachedReliability struct {
	stamp     reliabilityStamp
	rel       Reliability
	checkedAt time.Time
}

// currentReliability is Psychometrics over all submitted attempts of the instrument
// version, recomputed only when those attempts changed: results pages ask for it on every
// view, and computing it reads every answer. Within Config.ReliabilityRefresh of the last
// check the cached value is used as it is (one more attempt among hundreds moves alpha in
// the third decimal at most); then the set of attempts is checked again.
func (s *Store) currentReliability(ctx context.Context, instrumentID string) (Reliability, error) {
	now := s.now()
	c, cached := s.reliability.Load(instrumentID)
	if cached && now.Sub(c.(cachedReliability).checkedAt) < s.cfg.ReliabilityRefresh {
		return c.(cachedReliability).rel, nil
	}
	var stamp reliabilityStamp
	err := s.conn(ctx).Model(&Attempt{}).Select("COUNT(*) AS n, MAX(submitted_at) AS last").
		Where("instrument_id = ? AND submitted_at IS NOT NULL", instrumentID).Scan(&stamp).Error
	if err != nil {
		return Reliability{}, err
	}
	if cached {
		if prev := c.(cachedReliability); prev.stamp.N == stamp.N && timesEqual(prev.stamp.Last, stamp.Last) {
			prev.checkedAt = now
			s.reliability.Store(instrumentID, prev)
			return prev.rel, nil
		}
	}
	rel, err := s.Psychometrics(ctx, instrumentID, "")
	if err != nil {
		return Reliability{}, err
	}
	s.reliability.Store(instrumentID, cachedReliability{stamp: stamp, rel: rel, checkedAt: now})
	return rel, nil
}

func timesEqual(a, b *time.Time) bool {
	return (a == nil) == (b == nil) && (a == nil || a.Equal(*b))
}

// GrowthWith is Growth with the reliability supplied by the caller; it must be the
// Psychometrics of the attempt's instrument version.
func (s *Store) GrowthWith(ctx context.Context, attemptID string, rel Reliability) (Growth, error) {
	tx := s.conn(ctx)
	a, err := s.attempt(tx, attemptID, "")
	if err != nil {
		return Growth{}, err
	}
	if !a.Submitted() {
		return Growth{}, fmt.Errorf("attempt %s is not submitted yet: %w", a.ID, errs.ErrConflict)
	}
	if rel.InstrumentID != a.InstrumentID {
		return Growth{}, fmt.Errorf("growth of attempt %s needs the reliability of instrument %s, not %q",
			a.ID, a.InstrumentID, rel.InstrumentID)
	}
	def, err := s.definition(tx, a.InstrumentID)
	if err != nil {
		return Growth{}, err
	}
	g := Growth{AttemptID: a.ID, Earlier: []Comparison{}, Reliability: rciBases(rel)}
	if a.UserID == nil {
		return g, nil
	}
	var earlier []Attempt
	err = tx.Where("user_id = ? AND submitted_at IS NOT NULL AND id <> ?", *a.UserID, a.ID).
		Where("(submitted_at < ? OR (submitted_at = ? AND id < ?))", *a.SubmittedAt, *a.SubmittedAt, a.ID).
		Where(`instrument_id IN (SELECT o.id FROM instruments o JOIN instruments c ON c.id = ?
			WHERE o.key = c.key AND o.hash = c.hash AND COALESCE(o.organisation_id, '') = COALESCE(c.organisation_id, ''))`, a.InstrumentID).
		Order("submitted_at DESC, id DESC").Find(&earlier).Error
	if err != nil {
		return Growth{}, err
	}
	ids := []string{a.ID}
	for _, e := range earlier {
		ids = append(ids, e.ID)
	}
	scores, err := s.scoresOf(tx, ids)
	if err != nil {
		return Growth{}, err
	}
	for _, e := range earlier {
		c := Comparison{AttemptID: e.ID, SubmittedAt: e.SubmittedAt.UTC()}
		for _, dim := range def.Dimensions {
			c.Dimensions = append(c.Dimensions,
				change(dim.Slug, scores[e.ID][dim.Slug].Score, scores[a.ID][dim.Slug].Score, g.Reliability[dim.Slug]))
		}
		g.Earlier = append(g.Earlier, c)
	}
	return g, nil
}

// rciBases takes each dimension's alpha and score SD from a reliability analysis.
func rciBases(rel Reliability) map[string]RCIBasis {
	out := map[string]RCIBasis{}
	for _, d := range rel.Dimensions {
		b := RCIBasis{N: d.N, Alpha: d.Alpha}
		if d.SD != nil {
			sd := *d.SD * 100 / float64(rel.ScaleMax-rel.ScaleMin)
			b.SD = &sd
		}
		out[d.Slug] = b
	}
	return out
}

func change(slug string, before, after *float64, b RCIBasis) DimensionChange {
	c := DimensionChange{Slug: slug, Before: before, After: after}
	if before == nil || after == nil {
		c.NoRCI = NoRCINotScored
		return c
	}
	diff := *after - *before
	c.Change = &diff
	// The index is undefined without variance or with alpha ≥ 1 (no measurement error).
	if b.Alpha == nil || b.SD == nil || *b.SD <= 0 || *b.Alpha >= 1 {
		c.NoRCI = NoRCINoReliability
		return c
	}
	rci, reliable := psychometrics.ReliableChange(*before, *after, *b.SD, *b.Alpha)
	c.RCI, c.Reliable = &rci, reliable
	return c
}
