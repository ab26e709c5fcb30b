package courses

import (
	"slices"
	"time"

	"gorm.io/gorm"
)

// snapshot is the active catalogue and the progress of a set of learners in it, read in a
// fixed number of queries (the catalogue itself usually from the content cache) whatever the number of modules (and, up to chunkSize, of
// learners).
type snapshot struct {
	// modules, lessons and quizzes come from the content cache: read only.
	modules   []moduleRow // active, in catalogue order
	lessons   map[string]lessonTotals
	quizzes   map[string]quizSettings // active quiz by module id
	done      map[userModule]int
	attempts  map[userModule][]attemptScore // submitted, by attempt number
	started   map[userModule]int            // attempts started, open ones included
	activity  map[userModule]time.Time
	completed map[userModule]time.Time
}

// userModule keys per-learner, per-module values.
type userModule struct{ user, module string }

type lessonTotals struct {
	ModuleID string
	Lessons  int
	Minutes  int
}

// quizSettings is an active quiz with the settings of its latest version.
type quizSettings struct {
	ID          string
	Slug        string
	ModuleID    string
	Version     int
	Title       Text
	PassMark    int
	MaxAttempts int
	Grading     Grading
	Review      ReviewPolicy
}

// chunkSize bounds the learner ids bound into one query (well under the parameter limits
// of SQLite and PostgreSQL).
const chunkSize = 500

// snapshot reads the catalogue and the progress of userIDs.
func (s *Store) snapshot(tx *gorm.DB, userIDs []string) (*snapshot, error) {
	content, err := s.content.get(s.now(), func() (*catalogueContent, error) { return readCatalogue(tx) })
	if err != nil {
		return nil, err
	}
	sn := &snapshot{modules: content.modules, lessons: content.lessons, quizzes: content.quizzes,
		done: map[userModule]int{}, attempts: map[userModule][]attemptScore{}, started: map[userModule]int{},
		activity: map[userModule]time.Time{}, completed: map[userModule]time.Time{}}
	for chunk := range slices.Chunk(userIDs, chunkSize) {
		if err := sn.readLearners(tx, chunk); err != nil {
			return nil, err
		}
	}
	return sn, nil
}

// activeQuizzes returns every active quiz with its latest version's settings.
func activeQuizzes(tx *gorm.DB) ([]quizSettings, error) {
	var out []quizSettings
	err := tx.Table("quizzes q").
		Select("q.id, q.slug, q.module_id, v.version, v.title, v.pass_mark, v.max_attempts, v.grading, v.review").
		Joins("JOIN quiz_versions v ON v.quiz_id = q.id AND v.version = q.latest_version").
		Where("q.retired_at IS NULL").Scan(&out).Error
	return out, err
}

// readLearners adds the progress of one chunk of learners.
func (sn *snapshot) readLearners(tx *gorm.DB, userIDs []string) error {
	var done []struct {
		UserID, ModuleID string
		Done             int
		Last             time.Time
	}
	err := tx.Table("lesson_completions c").
		Select("c.user_id, l.module_id, COUNT(*) AS done, MAX(c.completed_at) AS last").
		Joins("JOIN lessons l ON l.id = c.lesson_id").
		Where("l.retired_at IS NULL AND c.user_id IN ?", userIDs).
		Group("c.user_id, l.module_id").Scan(&done).Error
	if err != nil {
		return err
	}
	for _, d := range done {
		k := userModule{d.UserID, d.ModuleID}
		sn.done[k] = d.Done
		sn.touch(k, d.Last)
	}
	var attempts []struct {
		UserID, ModuleID string
		Number           int
		Score            *float64
		Passed           bool
		StartedAt        time.Time
		SubmittedAt      *time.Time
	}
	err = tx.Table("quiz_attempts t").
		Select("t.user_id, q.module_id, t.number, t.score, t.passed, t.started_at, t.submitted_at").
		Joins("JOIN quizzes q ON q.id = t.quiz_id").
		Where("q.retired_at IS NULL AND t.user_id IN ?", userIDs).
		Order("t.user_id, t.number").Scan(&attempts).Error
	if err != nil {
		return err
	}
	for _, a := range attempts {
		k := userModule{a.UserID, a.ModuleID}
		sn.started[k]++
		sn.touch(k, a.StartedAt)
		if a.SubmittedAt != nil {
			sn.attempts[k] = append(sn.attempts[k], attemptScore{a.Number, a.Score, a.Passed, a.SubmittedAt})
			sn.touch(k, *a.SubmittedAt)
		}
	}
	var answered []struct {
		UserID, ModuleID string
		Last             time.Time
	}
	err = tx.Table("quiz_answers a").
		Select("t.user_id, q.module_id, MAX(a.answered_at) AS last").
		Joins("JOIN quiz_attempts t ON t.id = a.attempt_id").
		Joins("JOIN quizzes q ON q.id = t.quiz_id").
		Where("q.retired_at IS NULL AND t.user_id IN ?", userIDs).
		Group("t.user_id, q.module_id").Scan(&answered).Error
	if err != nil {
		return err
	}
	for _, a := range answered {
		sn.touch(userModule{a.UserID, a.ModuleID}, a.Last)
	}
	var completions []moduleCompletion
	if err := tx.Where("user_id IN ?", userIDs).Find(&completions).Error; err != nil {
		return err
	}
	for _, c := range completions {
		sn.completed[userModule{c.UserID, c.ModuleID}] = c.CompletedAt
	}
	return nil
}

// touch records activity at t.
func (sn *snapshot) touch(k userModule, t time.Time) {
	if t.After(sn.activity[k]) {
		sn.activity[k] = t.UTC()
	}
}

// progress returns userID's progress in a module.
func (sn *snapshot) progress(userID, moduleID string) ModuleProgress {
	k := userModule{userID, moduleID}
	q, hasQuiz := sn.quizzes[moduleID]
	var completedAt, last *time.Time
	if t, ok := sn.completed[k]; ok {
		t = t.UTC()
		completedAt = &t
	}
	if t, ok := sn.activity[k]; ok {
		last = &t
	}
	return progressOf(sn.lessons[moduleID].Lessons, sn.done[k], hasQuiz, grade(q.Grading, sn.attempts[k]), completedAt, last)
}

// info describes a module for lists.
func (sn *snapshot) info(m moduleRow) ModuleInfo {
	return ModuleInfo{Slug: m.Slug, Position: m.Position, Dimensions: m.Dimensions, Title: m.Title,
		Summary: m.Summary, Lessons: sn.lessons[m.ID].Lessons, Minutes: sn.lessons[m.ID].Minutes,
		QuizSlug: sn.quizzes[m.ID].Slug}
}
