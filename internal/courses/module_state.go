package courses

import (
	"time"

	"gorm.io/gorm"
)

// moduleState is everything about one module and one learner.
type moduleState struct {
	module      moduleRow
	lessons     []lessonRow          // active, in order, without bodies
	done        map[string]time.Time // lesson id → completed at
	quiz        *quizRow             // the active quiz, if any
	version     *quizVersionRow      // its latest version (questions only if asked for)
	attempts    []attemptRow         // the learner's attempts on the quiz, by number
	versions    map[string]int       // quiz version id → version number
	answeredAt  *time.Time           // the learner's latest saved answer on the quiz
	completedAt *time.Time
}

// moduleState reads a module's lessons and quiz and userID's progress in them.
func (s *Store) moduleState(tx *gorm.DB, userID string, m moduleRow, withQuestions bool) (moduleState, error) {
	st := moduleState{module: m, done: map[string]time.Time{}}
	err := tx.Select("id, module_id, slug, position, title, minutes").
		Where("module_id = ? AND retired_at IS NULL", m.ID).Order("position").Find(&st.lessons).Error
	if err != nil {
		return st, err
	}
	var done []lessonCompletion
	err = tx.Table("lesson_completions c").Select("c.lesson_id, c.completed_at").
		Joins("JOIN lessons l ON l.id = c.lesson_id").
		Where("c.user_id = ? AND l.module_id = ? AND l.retired_at IS NULL", userID, m.ID).Scan(&done).Error
	if err != nil {
		return st, err
	}
	for _, d := range done {
		st.done[d.LessonID] = d.CompletedAt.UTC()
	}
	var mc []moduleCompletion
	if err := tx.Where("user_id = ? AND module_id = ?", userID, m.ID).Find(&mc).Error; err != nil {
		return st, err
	}
	if len(mc) == 1 {
		t := mc[0].CompletedAt.UTC()
		st.completedAt = &t
	}
	return st, s.readQuizState(tx, userID, &st, withQuestions)
}

// readQuizState adds the module's active quiz, its latest version and the learner's
// attempts.
func (s *Store) readQuizState(tx *gorm.DB, userID string, st *moduleState, withQuestions bool) error {
	var quizzes []quizRow
	if err := tx.Where("module_id = ? AND retired_at IS NULL", st.module.ID).Limit(1).Find(&quizzes).Error; err != nil {
		return err
	}
	if len(quizzes) == 0 {
		return nil
	}
	st.quiz = &quizzes[0]
	v, err := latestVersion(tx, *st.quiz, withQuestions)
	if err != nil {
		return err
	}
	st.version = &v
	var versions []struct {
		ID      string
		Version int
	}
	if err := tx.Table("quiz_versions").Select("id, version").Where("quiz_id = ?", st.quiz.ID).Scan(&versions).Error; err != nil {
		return err
	}
	st.versions = map[string]int{}
	for _, v := range versions {
		st.versions[v.ID] = v.Version
	}
	var answered struct{ Last *time.Time }
	err = tx.Table("quiz_answers a").Select("MAX(a.answered_at) AS last").
		Joins("JOIN quiz_attempts t ON t.id = a.attempt_id").
		Where("t.user_id = ? AND t.quiz_id = ?", userID, st.quiz.ID).Scan(&answered).Error
	if err != nil {
		return err
	}
	st.answeredAt = utcPtr(answered.Last)
	return tx.Where("user_id = ? AND quiz_id = ?", userID, st.quiz.ID).Order("number").Find(&st.attempts).Error
}

// latestVersion reads a quiz's latest version, with or without its questions.
func latestVersion(tx *gorm.DB, q quizRow, withQuestions bool) (quizVersionRow, error) {
	var v quizVersionRow
	query := tx.Where("quiz_id = ? AND version = ?", q.ID, q.LatestVersion)
	if !withQuestions {
		query = query.Omit("questions")
	}
	if err := query.Take(&v).Error; err != nil {
		return v, notFound(err, "quiz "+q.Slug+" latest version")
	}
	return v, nil
}

// progress computes the learner's progress in the module.
func (st moduleState) progress() ModuleProgress {
	last := st.answeredAt
	for _, t := range st.done {
		last = later(last, &t)
	}
	for _, a := range st.attempts {
		last = later(last, &a.StartedAt)
		last = later(last, a.SubmittedAt)
	}
	var result QuizResult
	if st.version != nil {
		result = grade(st.version.Grading, scoresOf(st.attempts))
	}
	return progressOf(len(st.lessons), len(st.done), st.quiz != nil, result, st.completedAt, last)
}

// quizSummary describes the quiz and the learner's attempts.
func (st moduleState) quizSummary() *QuizSummary {
	v := st.version
	q := &QuizSummary{Slug: st.quiz.Slug, Version: v.Version, Title: v.Title, Questions: len(v.Questions),
		PassMark: v.PassMark, MaxAttempts: v.MaxAttempts, Grading: v.Grading, Review: v.Review,
		AttemptsLeft: attemptsLeft(v.MaxAttempts, len(st.attempts)), Result: st.progress().Quiz}
	for _, a := range st.attempts {
		q.Attempts = append(q.Attempts, AttemptSummary{ID: a.ID, Number: a.Number, Version: st.versions[a.QuizVersionID],
			StartedAt: a.StartedAt.UTC(), SubmittedAt: utcPtr(a.SubmittedAt), Score: a.Score, Passed: a.Passed})
		if a.SubmittedAt == nil {
			q.OpenAttemptID = a.ID
		}
	}
	return q
}

// attemptsLeft is how many attempts remain after started ones, or -1 when unlimited.
func attemptsLeft(maxAttempts, started int) int {
	if maxAttempts == 0 {
		return -1
	}
	return max(0, maxAttempts-started)
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
