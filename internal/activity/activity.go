// Package activity is the record of what a learner did that other parts of Academy react
// to: xAPI statements for a learning record store, Open Badges for completed modules.
//
// Domain stores (courses, assessment, development) call a Recorder inside the transaction
// that changes their own rows, so a reaction is written if and only if the change
// commits. The package imports no domain package; everything a Recorder needs travels in
// the Event.
package activity

import (
	"time"

	"gorm.io/gorm"
)

// Kind names what happened.
type Kind string

// The kinds of activity Academy records.
const (
	LessonCompleted     Kind = "lesson-completed"
	ModuleCompleted     Kind = "module-completed"
	QuizSubmitted       Kind = "quiz-submitted"
	AssessmentCompleted Kind = "assessment-completed"
	GoalSet             Kind = "goal-set"
	GoalAchieved        Kind = "goal-achieved"
	ActionLogged        Kind = "action-logged"
)

// Event is one thing a learner did. ID is stable for the event (a store's row ID and the
// kind make it unique), so a reaction can be made idempotent.
type Event struct {
	// ID identifies the event: the same event recorded twice has the same ID.
	ID     string
	Kind   Kind
	UserID string
	At     time.Time
	// Object is what the learner acted on.
	Object Object
	// Parent is the object's context (a lesson's module, a quiz's module), if any.
	Parent *Object
	// Score is set for quizzes and assessments.
	Score *Score
	// Dimensions holds per-dimension scores of an assessment (dimension key → score on
	// Academy's 0–100 reporting scale, as in Score.Raw).
	Dimensions map[string]float64
}

// Object is something a learner acts on, named in every language Academy has.
type Object struct {
	// Type is "lesson", "module", "quiz", "assessment", "goal" or "action".
	Type string
	// ID is stable across content reloads: a slug for content, a row ID for a learner's
	// own records.
	ID string
	// Name maps a language tag ("es", "en") to the object's name.
	Name map[string]string
}

// Score is a result on a scale. Scaled is Raw rescaled to 0…1.
type Score struct {
	Raw, Min, Max, Scaled float64
	// Passed is set for quizzes and other pass/fail results.
	Passed *bool
}

// Recorder reacts to events inside the caller's transaction tx. An error rolls the
// caller's change back.
type Recorder interface {
	Record(tx *gorm.DB, e Event) error
}

// Recorders records every event with each of its members in order.
type Recorders []Recorder

// Record implements Recorder.
func (rs Recorders) Record(tx *gorm.DB, e Event) error {
	for _, r := range rs {
		if r == nil {
			continue
		}
		if err := r.Record(tx, e); err != nil {
			return err
		}
	}
	return nil
}

// None records nothing. Stores use it when they were given no Recorder.
type None struct{}

// Record implements Recorder.
func (None) Record(*gorm.DB, Event) error { return nil }
