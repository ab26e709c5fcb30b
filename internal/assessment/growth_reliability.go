package assessment

import "context"

// GrowthReliability returns the reliability the reliable change index rests on, in Growth
// and ScoreHistories: Psychometrics of the instrument version over all its submitted
// attempts (no organisation), recomputed only when those attempts change.
func (s *Store) GrowthReliability(ctx context.Context, instrumentID string) (Reliability, error) {
	return s.currentReliability(ctx, instrumentID)
}
