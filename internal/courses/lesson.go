package courses

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// LessonPage is one lesson to read, with its neighbours and the learner's completion.
type LessonPage struct {
	Module ModuleRef
	// Lesson carries the title, minutes and body in every language; use Lesson.Body(lang)
	// for the sanitised HTML.
	Lesson      Lesson
	Position    int // 1-based place in the module
	Count       int // lessons in the module
	CompletedAt *time.Time
	Prev, Next  *LessonRef // nil at the ends
	QuizSlug    string     // the module's quiz, to offer after the last lesson; "" if none
}

// Done reports whether the learner completed the lesson.
func (p LessonPage) Done() bool { return p.CompletedAt != nil }

// ModuleRef names a module.
type ModuleRef struct {
	Slug  string
	Title Text
}

// LessonRef names a lesson.
type LessonRef struct {
	Slug  string
	Title Text
}

// Lesson returns an active lesson of an active module, with its previous and next lessons
// and whether userID completed it. Unknown or retired slugs give errs.ErrNotFound.
func (s *Store) Lesson(ctx context.Context, userID, moduleSlug, lessonSlug string) (LessonPage, error) {
	tx := s.conn(ctx)
	m, err := activeModule(tx, moduleSlug)
	if err != nil {
		return LessonPage{}, err
	}
	st, err := s.moduleState(tx, userID, m, false)
	if err != nil {
		return LessonPage{}, err
	}
	i := st.lessonIndex(lessonSlug)
	if i < 0 {
		return LessonPage{}, fmt.Errorf("lesson %s/%s: %w", moduleSlug, lessonSlug, errs.ErrNotFound)
	}
	var row lessonRow
	if err := tx.Where("id = ?", st.lessons[i].ID).Take(&row).Error; err != nil {
		return LessonPage{}, notFound(err, "lesson "+lessonSlug)
	}
	page := LessonPage{
		Module:   ModuleRef{Slug: m.Slug, Title: m.Title},
		Lesson:   Lesson{Slug: row.Slug, Title: row.Title, Minutes: row.Minutes, Markdown: row.BodyMarkdown, HTML: row.BodyHTML},
		Position: i + 1, Count: len(st.lessons),
	}
	if t, ok := st.done[row.ID]; ok {
		page.CompletedAt = &t
	}
	if i > 0 {
		page.Prev = &LessonRef{Slug: st.lessons[i-1].Slug, Title: st.lessons[i-1].Title}
	}
	if i+1 < len(st.lessons) {
		page.Next = &LessonRef{Slug: st.lessons[i+1].Slug, Title: st.lessons[i+1].Title}
	}
	if st.quiz != nil {
		page.QuizSlug = st.quiz.Slug
	}
	return page, nil
}

func (st moduleState) lessonIndex(slug string) int {
	for i, l := range st.lessons {
		if l.Slug == slug {
			return i
		}
	}
	return -1
}

// CompleteLesson records that userID completed a lesson; doing it again changes nothing.
// When this completes the module (every lesson done and the quiz already passed), the
// module completion is recorded too. It returns the learner's progress in the module.
func (s *Store) CompleteLesson(ctx context.Context, userID, moduleSlug, lessonSlug string) (ModuleProgress, error) {
	var progress ModuleProgress
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		m, err := activeModule(tx, moduleSlug)
		if err != nil {
			return err
		}
		var l lessonRow
		err = tx.Select("id", "slug", "title").Where("module_id = ? AND slug = ? AND retired_at IS NULL", m.ID, lessonSlug).Take(&l).Error
		if err != nil {
			return notFound(err, "lesson "+moduleSlug+"/"+lessonSlug)
		}
		now := s.clock()
		res := tx.Exec(`INSERT INTO lesson_completions (user_id, lesson_id, completed_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id, lesson_id) DO NOTHING`, userID, l.ID, now)
		if res.Error != nil {
			return userError(res.Error, userID)
		}
		if res.RowsAffected == 1 {
			if err := s.activity.Record(tx, lessonCompleted(userID, m, l, now)); err != nil {
				return err
			}
		}
		if _, err := s.maybeCompleteModule(tx, userID, m, now); err != nil {
			return err
		}
		st, err := s.moduleState(tx, userID, m, false)
		progress = st.progress()
		return err
	})
	return progress, err
}

// userError reports a write that failed because the user does not exist as not found.
func userError(err error, userID string) error {
	if errors.Is(err, gorm.ErrForeignKeyViolated) {
		return fmt.Errorf("user %s: %w", userID, errs.ErrNotFound)
	}
	return err
}
