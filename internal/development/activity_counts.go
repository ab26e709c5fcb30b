package development

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/academy-platform/academy/internal/development/weekly"
)

// ActivityCounts is one learner's development activity, counted, for reports and exports
// over many learners: the action log per type, recent weeks with an entry, follow-ups and
// goals.
type ActivityCounts struct {
	LearnerID string `json:"learner_id"`
	// Actions counts every entry of the action log; ByType per action type (types without
	// entries are absent).
	Actions int                `json:"actions"`
	ByType  map[ActionType]int `json:"by_type"`
	// LastAction is the day of the latest entry; nil when there is none.
	LastAction *time.Time `json:"last_action"`
	// ActiveWeeks counts, of the last Weeks ISO weeks (this one included), those with at
	// least one entry.
	ActiveWeeks int `json:"active_weeks"`
	Weeks       int `json:"weeks"`
	// FollowUpsDone and FollowUpsOpen count the follow-up reminders after events.
	FollowUpsDone int `json:"follow_ups_done"`
	FollowUpsOpen int `json:"follow_ups_open"`
	// Goals counts the development plan's goals per status (statuses without goals are
	// absent).
	Goals map[GoalStatus]int `json:"goals"`
}

// ActivityCounts counts the development activity of each of learnerIDs, in the order
// given (repeats removed), over the last weeks ISO weeks for ActiveWeeks (1 to MaxWeeks).
// It runs four queries per 500 learners. The caller checks who may see these learners.
func (s *Store) ActivityCounts(ctx context.Context, learnerIDs []string, weeks int) ([]ActivityCounts, error) {
	weeks = min(max(weeks, 1), MaxWeeks)
	today := s.today()
	since := weekly.Monday(today).AddDate(0, 0, -7*(weeks-1))
	out := make([]ActivityCounts, 0, len(learnerIDs))
	seen := make(map[string]bool, len(learnerIDs))
	var ids []string
	for _, id := range learnerIDs {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
			out = append(out, ActivityCounts{LearnerID: id, Weeks: weeks, ByType: map[ActionType]int{}, Goals: map[GoalStatus]int{}})
		}
	}
	index := make(map[string]*ActivityCounts, len(ids))
	for i := range out {
		index[out[i].LearnerID] = &out[i]
	}
	for chunk := range slices.Chunk(slices.Sorted(slices.Values(ids)), 500) {
		if err := s.countActions(ctx, chunk, index); err != nil {
			return nil, err
		}
		if err := s.countActiveWeeks(ctx, chunk, since, today, index); err != nil {
			return nil, err
		}
		if err := s.countFollowUps(ctx, chunk, index); err != nil {
			return nil, err
		}
		if err := s.countGoals(ctx, chunk, index); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// countActions counts the entries per learner and type, with the latest day.
func (s *Store) countActions(ctx context.Context, ids []string, index map[string]*ActivityCounts) error {
	var rows []struct {
		LearnerID string
		Kind      string
		N         int
		Last      time.Time
	}
	err := s.conn(ctx).Model(&actionRow{}).Select("learner_id, kind, COUNT(*) AS n, MAX(on_date) AS last").
		Where("learner_id IN ?", ids).Group("learner_id, kind").Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("action counts: %w", err)
	}
	for _, r := range rows {
		c := index[r.LearnerID]
		c.Actions += r.N
		c.ByType[ActionType(r.Kind)] += r.N
		if last := Day(r.Last.UTC()); c.LastAction == nil || last.After(*c.LastAction) {
			c.LastAction = &last
		}
	}
	return nil
}

// countActiveWeeks counts the weeks since the Monday since with at least one entry.
func (s *Store) countActiveWeeks(ctx context.Context, ids []string, since, today time.Time, index map[string]*ActivityCounts) error {
	var rows []struct {
		LearnerID string
		OnDate    time.Time
	}
	err := s.conn(ctx).Model(&actionRow{}).Distinct("learner_id", "on_date").
		Where("learner_id IN ? AND on_date >= ?", ids, since).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("active weeks: %w", err)
	}
	days := map[string][]weekly.Entry{}
	for _, r := range rows {
		days[r.LearnerID] = append(days[r.LearnerID], weekly.Entry{Day: r.OnDate.UTC()})
	}
	for id, entries := range days {
		c := index[id]
		for _, w := range weekly.Weeks(entries, today, c.Weeks) {
			if w.Total > 0 {
				c.ActiveWeeks++
			}
		}
	}
	return nil
}

// countFollowUps counts the done and open follow-ups per learner.
func (s *Store) countFollowUps(ctx context.Context, ids []string, index map[string]*ActivityCounts) error {
	var rows []struct {
		LearnerID string
		Total     int
		Open      int
	}
	err := s.conn(ctx).Model(&followUpRow{}).
		Select("learner_id, COUNT(*) AS total, SUM(CASE WHEN done_at IS NULL THEN 1 ELSE 0 END) AS open").
		Where("learner_id IN ?", ids).Group("learner_id").Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("follow-up counts: %w", err)
	}
	for _, r := range rows {
		c := index[r.LearnerID]
		c.FollowUpsOpen, c.FollowUpsDone = r.Open, r.Total-r.Open
	}
	return nil
}

// countGoals counts the goals per learner and status.
func (s *Store) countGoals(ctx context.Context, ids []string, index map[string]*ActivityCounts) error {
	var rows []struct {
		LearnerID string
		Status    string
		N         int
	}
	err := s.conn(ctx).Model(&goalRow{}).Select("learner_id, status, COUNT(*) AS n").
		Where("learner_id IN ?", ids).Group("learner_id, status").Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("goal counts: %w", err)
	}
	for _, r := range rows {
		index[r.LearnerID].Goals[GoalStatus(r.Status)] += r.N
	}
	return nil
}
