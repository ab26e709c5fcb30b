package development

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// Reasons a learner needs attention.
const (
	ReasonInactive         = "inactive"                    // no activity for the given number of days
	ReasonGoalsOverdue     = "goals_overdue"               // open goals past their due day
	ReasonNoSelfAssessment = "self_assessment_not_started" // no self-assessment attempt at all
)

// Attention is why one learner needs their coach's attention.
type Attention struct {
	UserID string `json:"user_id"`
	// LastActivity is the latest of: lesson completed, quiz attempt started, answered or
	// submitted, assessment attempt started, answered or submitted, action logged, goal
	// written or changed, footprint check, event attendance; nil if none ever.
	LastActivity          *time.Time `json:"last_activity"`
	OverdueGoals          int        `json:"overdue_goals"`
	SelfAssessmentStarted bool       `json:"self_assessment_started"`
	Reasons               []string   `json:"reasons"`
}

// attentionChunk is how many learners one round of queries covers.
const attentionChunk = 500

// NeedsAttention returns, in the order given, the learners among userIDs (a cohort's
// members) who need attention: no activity for inactiveDays days or more (never active
// counts), open goals past their due day, or no self-assessment started. It runs a fixed
// number of queries per 500 learners. The caller checks who may see the cohort.
func (s *Store) NeedsAttention(ctx context.Context, userIDs []string, inactiveDays int) ([]Attention, error) {
	var out []Attention
	cutoff := s.now().AddDate(0, 0, -inactiveDays)
	today := s.today()
	for chunk := range slices.Chunk(slices.Compact(slices.Sorted(slices.Values(userIDs))), attentionChunk) {
		last, err := s.lastActivity(ctx, chunk)
		if err != nil {
			return nil, err
		}
		overdue, err := s.overdueGoals(ctx, chunk, today)
		if err != nil {
			return nil, err
		}
		started, err := s.selfStarted(ctx, chunk)
		if err != nil {
			return nil, err
		}
		for _, id := range chunk {
			a := Attention{UserID: id, OverdueGoals: overdue[id], SelfAssessmentStarted: started[id]}
			if t, ok := last[id]; ok {
				a.LastActivity = &t
			}
			if a.LastActivity == nil || a.LastActivity.Before(cutoff) {
				a.Reasons = append(a.Reasons, ReasonInactive)
			}
			if a.OverdueGoals > 0 {
				a.Reasons = append(a.Reasons, ReasonGoalsOverdue)
			}
			if !a.SelfAssessmentStarted {
				a.Reasons = append(a.Reasons, ReasonNoSelfAssessment)
			}
			if len(a.Reasons) > 0 {
				out = append(out, a)
			}
		}
	}
	order := make(map[string]int, len(userIDs))
	for i, id := range slices.Backward(userIDs) {
		order[id] = i
	}
	slices.SortStableFunc(out, func(a, b Attention) int { return order[a.UserID] - order[b.UserID] })
	return out, nil
}

// lastActivity combines course activity (courses.Store.LastActivity) with assessment and
// development activity, read in one query.
func (s *Store) lastActivity(ctx context.Context, userIDs []string) (map[string]time.Time, error) {
	out, err := s.courses.LastActivity(ctx, userIDs)
	if err != nil {
		return nil, fmt.Errorf("last activity: %w", err)
	}
	var rows []struct {
		UserID string
		Last   time.Time
	}
	err = s.conn(ctx).Raw(`SELECT user_id, MAX(at) AS last FROM (
		SELECT a.user_id AS user_id, x.answered_at AS at FROM assessment_answers x
			JOIN assessment_attempts a ON a.id = x.attempt_id WHERE a.user_id IN @ids
		UNION ALL SELECT user_id, COALESCE(submitted_at, started_at) FROM assessment_attempts WHERE user_id IN @ids
		UNION ALL SELECT learner_id, created_at FROM action_entries WHERE learner_id IN @ids
		UNION ALL SELECT learner_id, updated_at FROM development_goals WHERE learner_id IN @ids
		UNION ALL SELECT learner_id, created_at FROM footprint_checks WHERE learner_id IN @ids
		UNION ALL SELECT user_id, updated_at FROM event_attendees WHERE user_id IN @ids
	) t GROUP BY user_id`, map[string]any{"ids": userIDs}).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("last activity: %w", err)
	}
	for _, r := range rows {
		if t := r.Last.UTC(); t.After(out[r.UserID]) {
			out[r.UserID] = t
		}
	}
	return out, nil
}

// overdueGoals counts each learner's open goals due before today.
func (s *Store) overdueGoals(ctx context.Context, userIDs []string, today time.Time) (map[string]int, error) {
	var rows []struct {
		LearnerID string
		N         int
	}
	err := s.conn(ctx).Model(&goalRow{}).Select("learner_id, COUNT(*) AS n").
		Where("learner_id IN ? AND status IN ? AND due_on < ?", userIDs, []string{string(GoalPlanned), string(GoalInProgress)}, today).
		Group("learner_id").Scan(&rows).Error
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.LearnerID] = r.N
	}
	if err != nil {
		return nil, fmt.Errorf("overdue goals: %w", err)
	}
	return out, nil
}

// selfStarted reports which learners have any attempt on the self-assessment.
func (s *Store) selfStarted(ctx context.Context, userIDs []string) (map[string]bool, error) {
	var ids []string
	err := s.conn(ctx).Table("assessment_attempts").Distinct("user_id").
		Where("user_id IN ? AND instrument_key = ?", userIDs, s.cfg.SelfInstrument).Pluck("user_id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("self-assessment started: %w", err)
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
