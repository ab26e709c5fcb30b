package courses

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// LearningRecord is a learner's course history, for the download of their own data: the
// lessons and modules they completed and every quiz attempt with the options they chose.
// It never holds a quiz's answer key.
type LearningRecord struct {
	LessonsCompleted []LessonRecord      `json:"lessons_completed"`
	ModulesCompleted []ModuleRecord      `json:"modules_completed"`
	QuizAttempts     []QuizAttemptRecord `json:"quiz_attempts"`
}

// LessonRecord is one lesson the learner completed.
type LessonRecord struct {
	Module      string    `json:"module"`
	Lesson      string    `json:"lesson"`
	Title       Text      `json:"title"`
	CompletedAt time.Time `json:"completed_at"`
}

// ModuleRecord is one module the learner completed.
type ModuleRecord struct {
	Module      string    `json:"module"`
	Title       Text      `json:"title"`
	CompletedAt time.Time `json:"completed_at"`
}

// QuizAttemptRecord is one attempt at a quiz: which version, when, the result once
// submitted, and the answers given.
type QuizAttemptRecord struct {
	ID          string             `json:"id"`
	Quiz        string             `json:"quiz"`
	Version     int                `json:"version"`
	Title       Text               `json:"title,omitempty"`
	Number      int                `json:"number"`
	StartedAt   time.Time          `json:"started_at"`
	SubmittedAt *time.Time         `json:"submitted_at,omitempty"`
	Score       *float64           `json:"score,omitempty"`
	Passed      bool               `json:"passed"`
	Answers     []QuizAnswerRecord `json:"answers"`
}

// QuizAnswerRecord is the learner's answer to one question: the question and the options
// they chose, as the quiz version worded them.
type QuizAnswerRecord struct {
	Question   string         `json:"question"`
	Text       Text           `json:"text,omitempty"`
	Chosen     []ChosenOption `json:"chosen"`
	AnsweredAt time.Time      `json:"answered_at"`
}

// ChosenOption is one option the learner chose.
type ChosenOption struct {
	ID   string `json:"id"`
	Text Text   `json:"text,omitempty"`
}

// ExportUser returns the learner's course history in a fixed number of queries (one more
// per 500 quiz attempts), whatever its size. The caller checks that the reader is the
// learner.
func (s *Store) ExportUser(ctx context.Context, userID string) (LearningRecord, error) {
	out := LearningRecord{LessonsCompleted: []LessonRecord{}, ModulesCompleted: []ModuleRecord{}, QuizAttempts: []QuizAttemptRecord{}}
	var lessons []struct {
		Module      string
		Lesson      string
		Title       Text
		CompletedAt time.Time
	}
	err := s.conn(ctx).Table("lesson_completions c").
		Select("m.slug AS module, l.slug AS lesson, l.title, c.completed_at").
		Joins("JOIN lessons l ON l.id = c.lesson_id").Joins("JOIN modules m ON m.id = l.module_id").
		Where("c.user_id = ?", userID).Order("c.completed_at, m.slug, l.slug").Scan(&lessons).Error
	if err != nil {
		return out, fmt.Errorf("export lessons: %w", err)
	}
	for _, l := range lessons {
		out.LessonsCompleted = append(out.LessonsCompleted, LessonRecord{Module: l.Module, Lesson: l.Lesson, Title: l.Title,
			CompletedAt: l.CompletedAt.UTC()})
	}
	var modules []struct {
		Module      string
		Title       Text
		CompletedAt time.Time
	}
	err = s.conn(ctx).Table("module_completions c").Select("m.slug AS module, m.title, c.completed_at").
		Joins("JOIN modules m ON m.id = c.module_id").Where("c.user_id = ?", userID).
		Order("c.completed_at, m.slug").Scan(&modules).Error
	if err != nil {
		return out, fmt.Errorf("export modules: %w", err)
	}
	for _, m := range modules {
		out.ModulesCompleted = append(out.ModulesCompleted, ModuleRecord{Module: m.Module, Title: m.Title, CompletedAt: m.CompletedAt.UTC()})
	}
	out.QuizAttempts, err = s.exportAttempts(ctx, userID)
	return out, err
}

// exportAttempts reads the learner's quiz attempts with their versions and answers.
func (s *Store) exportAttempts(ctx context.Context, userID string) ([]QuizAttemptRecord, error) {
	var attempts []struct {
		Attempt attemptRow `gorm:"embedded"`
		Slug    string
	}
	err := s.conn(ctx).Table("quiz_attempts a").Select("a.*, q.slug").Joins("JOIN quizzes q ON q.id = a.quiz_id").
		Where("a.user_id = ?", userID).Order("a.started_at, a.id").Scan(&attempts).Error
	if err != nil {
		return nil, fmt.Errorf("export quiz attempts: %w", err)
	}
	var versionIDs, attemptIDs []string
	for _, a := range attempts {
		versionIDs = append(versionIDs, a.Attempt.QuizVersionID)
		attemptIDs = append(attemptIDs, a.Attempt.ID)
	}
	versions := map[string]quizVersionRow{}
	if len(versionIDs) > 0 {
		var rows []quizVersionRow
		if err := s.conn(ctx).Where("id IN ?", slices.Compact(slices.Sorted(slices.Values(versionIDs)))).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("export quiz versions: %w", err)
		}
		for _, v := range rows {
			versions[v.ID] = v
		}
	}
	answers := map[string]map[string]answerRow{}
	for chunk := range slices.Chunk(attemptIDs, 500) {
		var rows []answerRow
		if err := s.conn(ctx).Where("attempt_id IN ?", chunk).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("export quiz answers: %w", err)
		}
		for _, r := range rows {
			if answers[r.AttemptID] == nil {
				answers[r.AttemptID] = map[string]answerRow{}
			}
			answers[r.AttemptID][r.QuestionID] = r
		}
	}
	out := make([]QuizAttemptRecord, 0, len(attempts))
	for _, x := range attempts {
		a, v := x.Attempt, versions[x.Attempt.QuizVersionID]
		rec := QuizAttemptRecord{ID: a.ID, Quiz: x.Slug, Version: v.Version, Title: v.Title, Number: a.Number,
			StartedAt: a.StartedAt.UTC(), Score: a.Score, Passed: a.Passed, Answers: []QuizAnswerRecord{}}
		if a.SubmittedAt != nil {
			t := a.SubmittedAt.UTC()
			rec.SubmittedAt = &t
		}
		quiz := v.quiz(x.Slug)
		for _, o := range a.QuestionOrder {
			ans, ok := answers[a.ID][o.Question]
			if !ok {
				continue
			}
			q, _ := quiz.question(o.Question)
			r := QuizAnswerRecord{Question: o.Question, Text: q.Text, Chosen: []ChosenOption{}, AnsweredAt: ans.AnsweredAt.UTC()}
			for _, id := range ans.OptionIDs {
				opt, _ := q.option(id)
				r.Chosen = append(r.Chosen, ChosenOption{ID: id, Text: opt.Text})
			}
			rec.Answers = append(rec.Answers, r)
		}
		out = append(out, rec)
	}
	return out, nil
}
