package courses

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ModuleInfo describes a module in lists.
type ModuleInfo struct {
	Slug       string
	Position   int
	Dimensions []string // competency-model dimension slugs
	Title      Text
	Summary    Text
	Lessons    int    // number of lessons
	Minutes    int    // estimated time of all lessons
	QuizSlug   string // "" if the module has no active quiz
}

// CatalogueEntry is a module with one learner's progress in it.
type CatalogueEntry struct {
	Module   ModuleInfo
	Progress ModuleProgress
}

// Catalogue lists the active modules in order with userID's progress in each, in a fixed
// number of queries.
func (s *Store) Catalogue(ctx context.Context, userID string) ([]CatalogueEntry, error) {
	entries, _, err := s.CatalogueAndProgress(ctx, userID)
	return entries, err
}

// CatalogueAndProgress returns what Catalogue and Progress return, from one read: the
// learner's home page needs both.
func (s *Store) CatalogueAndProgress(ctx context.Context, userID string) ([]CatalogueEntry, Overall, error) {
	sn, err := s.snapshot(s.conn(ctx), []string{userID})
	if err != nil {
		return nil, Overall{}, fmt.Errorf("catalogue: %w", err)
	}
	out := make([]CatalogueEntry, 0, len(sn.modules))
	for _, m := range sn.modules {
		out = append(out, CatalogueEntry{Module: sn.info(m), Progress: sn.progress(userID, m.ID)})
	}
	return out, sn.overall(userID), nil
}

// ModulePage is a module with its lessons, its quiz and one learner's state in them.
type ModulePage struct {
	Module   ModuleInfo
	Lessons  []LessonSummary // in reading order
	Quiz     *QuizSummary    // nil when the module has no active quiz
	Progress ModuleProgress
}

// LessonSummary is a lesson in a module's list, with the learner's completion.
type LessonSummary struct {
	Slug        string
	Position    int // 1-based
	Title       Text
	Minutes     int
	CompletedAt *time.Time
}

// Done reports whether the learner completed the lesson.
func (l LessonSummary) Done() bool { return l.CompletedAt != nil }

// QuizSummary is a module's quiz (its latest version) with one learner's attempts.
type QuizSummary struct {
	Slug        string
	Version     int
	Title       Text
	Questions   int
	PassMark    int
	MaxAttempts int // 0 = unlimited
	Grading     Grading
	Review      ReviewPolicy
	// Attempts lists the learner's attempts, open and submitted, by number.
	Attempts []AttemptSummary
	// AttemptsLeft is how many more attempts the learner may start, or -1 for unlimited.
	AttemptsLeft int
	// OpenAttemptID is the attempt in progress, or "".
	OpenAttemptID string
	Result        QuizResult
}

// CanStart reports whether StartAttempt would succeed: an attempt is open (it resumes) or
// the limit allows another.
func (q QuizSummary) CanStart() bool { return q.OpenAttemptID != "" || q.AttemptsLeft != 0 }

// AttemptSummary is one attempt in a list.
type AttemptSummary struct {
	ID          string
	Number      int
	Version     int // the quiz version it was taken on
	StartedAt   time.Time
	SubmittedAt *time.Time // nil while open
	Score       *float64   // nil while open
	Passed      bool
}

// Module returns the active module with the given slug and userID's state in it, in a
// fixed number of queries.
func (s *Store) Module(ctx context.Context, userID, moduleSlug string) (ModulePage, error) {
	tx := s.conn(ctx)
	m, err := activeModule(tx, moduleSlug)
	if err != nil {
		return ModulePage{}, err
	}
	st, err := s.moduleState(tx, userID, m, true)
	if err != nil {
		return ModulePage{}, err
	}
	page := ModulePage{Progress: st.progress()}
	page.Module = ModuleInfo{Slug: m.Slug, Position: m.Position, Dimensions: m.Dimensions, Title: m.Title,
		Summary: m.Summary, Lessons: len(st.lessons)}
	for i, l := range st.lessons {
		page.Module.Minutes += l.Minutes
		ls := LessonSummary{Slug: l.Slug, Position: i + 1, Title: l.Title, Minutes: l.Minutes}
		if t, ok := st.done[l.ID]; ok {
			ls.CompletedAt = &t
		}
		page.Lessons = append(page.Lessons, ls)
	}
	if st.quiz != nil {
		page.Module.QuizSlug = st.quiz.Slug
		page.Quiz = st.quizSummary()
	}
	return page, nil
}

// activeModule finds an active module by slug.
func activeModule(tx *gorm.DB, slug string) (moduleRow, error) {
	var m moduleRow
	err := tx.Where("slug = ? AND retired_at IS NULL", slug).Take(&m).Error
	if err != nil {
		return m, notFound(err, "module "+slug)
	}
	return m, nil
}
