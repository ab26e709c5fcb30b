package courses

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ModuleProgress is one learner's progress in one module. Retired lessons are not counted.
type ModuleProgress struct {
	LessonsDone  int
	LessonsTotal int
	Quiz         QuizResult
	// Percent is 100 once the module is completed. Before that, each lesson and the quiz
	// are one step each: 100 × (lessons done + 1 if the quiz is passed) / (lessons + 1),
	// rounded down.
	Percent int
	// CompletedAt is when the learner completed the module: all lessons done and the quiz
	// passed. A completion is a historical fact: lessons added later do not undo it.
	CompletedAt *time.Time
	// LastActivity is the learner's latest lesson completion, attempt start, answer or
	// submission in this module; nil if none.
	LastActivity *time.Time
}

// Completed reports whether the module is completed.
func (p ModuleProgress) Completed() bool { return p.CompletedAt != nil }

// Started reports whether the learner has done anything in the module.
func (p ModuleProgress) Started() bool { return p.LastActivity != nil || p.CompletedAt != nil }

// QuizResult is a learner's result in a quiz over all their submitted attempts.
type QuizResult struct {
	Attempts int // submitted attempts
	// Score is the quiz result, 0–100, by the quiz's grading method (the highest or the last
	// submitted attempt); nil before the first submission.
	Score *float64
	// Best is the highest score of any submitted attempt; nil before the first submission.
	Best *float64
	// Passed is the pass flag of the attempt that gives Score.
	Passed bool
}

// Overall is a learner's progress over the whole catalogue.
type Overall struct {
	Modules, ModulesCompleted int
	Lessons, LessonsDone      int
	Quizzes, QuizzesPassed    int
	// Percent counts every lesson and quiz as one step (a completed module counts all of
	// its steps): 100 × steps done / steps, rounded down.
	Percent      int
	LastActivity *time.Time
}

// Progress returns a learner's overall progress, in a fixed number of queries.
func (s *Store) Progress(ctx context.Context, userID string) (Overall, error) {
	sn, err := s.snapshot(s.conn(ctx), []string{userID})
	if err != nil {
		return Overall{}, fmt.Errorf("progress: %w", err)
	}
	return sn.overall(userID), nil
}

// progressOf computes a module's progress from its parts.
func progressOf(total, done int, hasQuiz bool, quiz QuizResult, completedAt, last *time.Time) ModuleProgress {
	p := ModuleProgress{LessonsDone: done, LessonsTotal: total, Quiz: quiz, CompletedAt: completedAt,
		LastActivity: later(last, completedAt)}
	steps, stepsDone := total, done
	if hasQuiz {
		steps++
		if quiz.Passed {
			stepsDone++
		}
	}
	switch {
	case completedAt != nil:
		p.Percent = 100
	case steps > 0:
		p.Percent = min(100*stepsDone/steps, 99)
	}
	return p
}

// later returns the later of two optional times.
func later(a, b *time.Time) *time.Time {
	switch {
	case a == nil:
		return b
	case b == nil || a.After(*b):
		return a
	default:
		return b
	}
}

// maybeCompleteModule records that userID completed the module at the time of the event
// that completed it, if all its lessons are done and its quiz is passed. It is idempotent
// and safe under concurrency; the completion is recorded as activity only by the call that
// stores it.
func (s *Store) maybeCompleteModule(tx *gorm.DB, userID string, module moduleRow, at time.Time) (bool, error) {
	st, err := s.moduleState(tx, userID, module, false)
	if err != nil {
		return false, err
	}
	if st.completedAt != nil {
		return true, nil
	}
	p := st.progress()
	if p.LessonsDone < p.LessonsTotal || (st.quiz != nil && !p.Quiz.Passed) {
		return false, nil
	}
	res := tx.Exec(`INSERT INTO module_completions (user_id, module_id, completed_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id, module_id) DO NOTHING`, userID, module.ID, at)
	if res.Error != nil {
		return false, res.Error
	}
	if res.RowsAffected == 1 {
		if err := s.activity.Record(tx, moduleCompleted(userID, module, at)); err != nil {
			return false, err
		}
	}
	return true, nil
}
