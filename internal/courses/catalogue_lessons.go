package courses

import (
	"context"
	"fmt"
	"time"
)

// CatalogueLessons returns the active lessons of every active module (or only of the
// modules named in slugs, when given), keyed by module slug, in reading order, with
// userID's completions: what a catalogue that lists lessons (the API's) needs besides
// Catalogue. It runs two queries whatever the number of modules.
func (s *Store) CatalogueLessons(ctx context.Context, userID string, slugs ...string) (map[string][]LessonSummary, error) {
	tx := s.conn(ctx)
	var rows []struct {
		ID, ModuleSlug, Slug string
		Title                Text
		Minutes              int
	}
	q := tx.Table("lessons l").Select("l.id, m.slug AS module_slug, l.slug, l.title, l.minutes").
		Joins("JOIN modules m ON m.id = l.module_id").
		Where("l.retired_at IS NULL AND m.retired_at IS NULL")
	if len(slugs) > 0 {
		q = q.Where("m.slug IN ?", slugs)
	}
	err := q.Order("m.position, m.slug, l.position").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("catalogue lessons: %w", err)
	}
	var done []lessonCompletion
	q = tx.Table("lesson_completions c").Select("c.lesson_id, c.completed_at").
		Joins("JOIN lessons l ON l.id = c.lesson_id").
		Where("c.user_id = ? AND l.retired_at IS NULL", userID)
	if len(slugs) > 0 {
		q = q.Where("l.module_id IN (SELECT id FROM modules WHERE slug IN ?)", slugs)
	}
	err = q.Scan(&done).Error
	if err != nil {
		return nil, fmt.Errorf("catalogue lessons: %w", err)
	}
	completed := make(map[string]time.Time, len(done))
	for _, d := range done {
		completed[d.LessonID] = d.CompletedAt.UTC()
	}
	out := map[string][]LessonSummary{}
	for _, r := range rows {
		l := LessonSummary{Slug: r.Slug, Position: len(out[r.ModuleSlug]) + 1, Title: r.Title, Minutes: r.Minutes}
		if t, ok := completed[r.ID]; ok {
			l.CompletedAt = &t
		}
		out[r.ModuleSlug] = append(out[r.ModuleSlug], l)
	}
	return out, nil
}
