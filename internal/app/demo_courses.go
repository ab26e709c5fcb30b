package app

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/seed"
)

// loadDemoCourses gives the demo learners a course history: learner n has completed n mod 5
// modules (lessons read, quiz passed) over the last months and started the next one,
// except every sixth learner, who has not started at all, so coaches see who needs
// attention. Completions are recorded with rec, as the app records them (a badge for each
// completed module).
func loadDemoCourses(ctx context.Context, gdb *gorm.DB, rec activity.Recorder, learners map[int]string, now time.Time) error {
	sub, err := fs.Sub(seed.Files, "courses")
	if err != nil {
		return err
	}
	content, err := courses.Load(sub)
	if err != nil {
		return err
	}
	for n, userID := range learners {
		if n%6 == 0 {
			continue
		}
		at := now.Add(-time.Duration(110-n*3) * 24 * time.Hour)
		clock := func() time.Time { return at }
		st := courses.NewStore(gdb, courses.WithClock(clock), courses.WithActivity(rec))
		done := n % 5
		for i, m := range content.Modules[:min(done+1, len(content.Modules))] {
			lessons := m.Lessons
			if i == done { // the module in progress: the first lesson only
				lessons = lessons[:1]
			}
			for _, l := range lessons {
				if _, err := st.CompleteLesson(ctx, userID, m.Slug, l.Slug); err != nil {
					return fmt.Errorf("demo lesson %s: %w", l.Slug, err)
				}
				at = at.Add(26 * time.Hour)
			}
			if i == done || m.Quiz.Slug == "" {
				continue
			}
			if err := passQuiz(ctx, st, userID, m); err != nil {
				return err
			}
			at = at.Add(3 * 24 * time.Hour)
		}
	}
	return nil
}

// passQuiz answers every question of the module's quiz right and submits.
func passQuiz(ctx context.Context, st *courses.Store, userID string, m courses.Module) error {
	a, err := st.StartAttempt(ctx, userID, m.Quiz.Slug)
	if err != nil {
		return err
	}
	for _, q := range m.Quiz.Questions {
		var right []string
		for _, o := range q.Options {
			if o.Correct {
				right = append(right, o.ID)
			}
		}
		if err := st.SaveAnswer(ctx, userID, a.ID, q.ID, right); err != nil {
			return err
		}
	}
	_, err = st.Submit(ctx, userID, a.ID)
	return err
}
