package courses

import (
	"database/sql/driver"
	"encoding/json"
	"time"
)

// Rows of the course tables. Only the Store reads and writes them.

type moduleRow struct {
	ID         string
	Slug       string
	Position   int
	Dimensions stringList
	Title      Text
	Summary    Text
	RetiredAt  *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

func (moduleRow) TableName() string { return "modules" }

type lessonRow struct {
	ID           string
	ModuleID     string
	Slug         string
	Position     int
	Title        Text
	Minutes      int
	BodyMarkdown Text `gorm:"column:body_markdown"`
	BodyHTML     Text `gorm:"column:body_html"`
	RetiredAt    *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (lessonRow) TableName() string { return "lessons" }

type quizRow struct {
	ID            string
	Slug          string
	ModuleID      string
	LatestVersion int
	RetiredAt     *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

func (quizRow) TableName() string { return "quizzes" }

type quizVersionRow struct {
	ID          string
	QuizID      string
	Version     int
	Title       Text
	PassMark    int
	MaxAttempts int
	Grading     Grading
	Review      ReviewPolicy
	Questions   questionList
	ContentHash string
	CreatedAt   time.Time
}

func (quizVersionRow) TableName() string { return "quiz_versions" }

// quiz returns the version as the Quiz it was made from.
func (v quizVersionRow) quiz(slug string) Quiz {
	return Quiz{Slug: slug, Title: v.Title, PassMark: v.PassMark, MaxAttempts: v.MaxAttempts,
		Grading: v.Grading, Review: v.Review, Questions: v.Questions}
}

type lessonCompletion struct {
	UserID      string
	LessonID    string
	CompletedAt time.Time
}

func (lessonCompletion) TableName() string { return "lesson_completions" }

type moduleCompletion struct {
	UserID      string
	ModuleID    string
	CompletedAt time.Time
}

func (moduleCompletion) TableName() string { return "module_completions" }

type attemptRow struct {
	ID            string
	QuizID        string
	QuizVersionID string
	UserID        string
	Number        int
	StartedAt     time.Time
	SubmittedAt   *time.Time
	QuestionOrder attemptOrder
	Score         *float64
	Passed        bool
}

func (attemptRow) TableName() string { return "quiz_attempts" }

type answerRow struct {
	AttemptID  string
	QuestionID string
	OptionIDs  stringList `gorm:"column:option_ids"`
	AnsweredAt time.Time
}

func (answerRow) TableName() string { return "quiz_answers" }

// questionList is a quiz version's questions with the answer key, stored as JSON.
type questionList []Question

func (l questionList) Value() (driver.Value, error) {
	b, err := json.Marshal([]Question(l))
	return string(b), err
}

func (l *questionList) Scan(src any) error { return scanJSON(src, l) }

// attemptOrder is the order an attempt shows its questions and options in.
type attemptOrder []orderedQuestion

type orderedQuestion struct {
	Question string   `json:"question"`
	Options  []string `json:"options"`
}

func (o attemptOrder) Value() (driver.Value, error) {
	b, err := json.Marshal([]orderedQuestion(o))
	return string(b), err
}

func (o *attemptOrder) Scan(src any) error { return scanJSON(src, o) }
