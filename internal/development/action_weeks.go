package development

import (
	"context"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/development/weekly"
)

// MaxWeeks is the longest weekly view ActionWeeks returns.
const MaxWeeks = 104

// WeeklyView is the action log counted by ISO week, with the logging streak.
type WeeklyView struct {
	// Weeks are the last n ISO weeks, oldest first, this week last.
	Weeks  []weekly.Week `json:"weeks"`
	Streak weekly.Streak `json:"streak"`
}

// ActionWeeks counts the learner's entries per ISO week and per dimension and type over
// the last n weeks (1 to MaxWeeks), and computes the current and longest streak of weeks
// with at least one entry (see package weekly: a week still running does not break a
// streak). Two queries. The caller checks who may see the learner's log.
func (s *Store) ActionWeeks(ctx context.Context, learnerID string, n int) (WeeklyView, error) {
	n = min(max(n, 1), MaxWeeks)
	today := s.today()
	since := weekly.Monday(today).AddDate(0, 0, -7*(n-1))
	var rows []actionRow
	err := s.conn(ctx).Select("on_date", "kind", "dimensions").
		Where("learner_id = ? AND on_date >= ?", learnerID, since).Find(&rows).Error
	if err != nil {
		return WeeklyView{}, fmt.Errorf("action weeks: %w", err)
	}
	entries := make([]weekly.Entry, len(rows))
	for i, r := range rows {
		entries[i] = weekly.Entry{Day: r.OnDate.UTC(), Kind: r.Kind, Dimensions: r.Dimensions}
	}
	var days []time.Time
	err = s.conn(ctx).Model(&actionRow{}).Distinct("on_date").
		Where("learner_id = ?", learnerID).Pluck("on_date", &days).Error
	if err != nil {
		return WeeklyView{}, fmt.Errorf("action streak: %w", err)
	}
	return WeeklyView{Weeks: weekly.Weeks(entries, today, n), Streak: weekly.StreakOf(days, today)}, nil
}
