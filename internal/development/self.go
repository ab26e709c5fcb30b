package development

import (
	"context"

	"github.com/academy-platform/academy/internal/assessment"
)

// latestSelf returns the results of the learner's latest submitted self-assessment; ok is
// false when there is none.
func (s *Store) latestSelf(ctx context.Context, learnerID string) (res assessment.Result, ok bool, err error) {
	attempts, err := s.assess.Attempts(ctx, learnerID)
	if err != nil {
		return res, false, err
	}
	var latest *assessment.Attempt
	for i, a := range attempts {
		if a.InstrumentKey != s.cfg.SelfInstrument || !a.Submitted() {
			continue
		}
		if latest == nil || a.SubmittedAt.After(*latest.SubmittedAt) {
			latest = &attempts[i]
		}
	}
	if latest == nil {
		return res, false, nil
	}
	res, err = s.assess.Results(ctx, latest.ID)
	return res, err == nil, err
}
