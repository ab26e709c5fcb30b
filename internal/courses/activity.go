package courses

import (
	"time"

	"github.com/academy-platform/academy/internal/activity"
)

// The events the courses store records (see WithActivity). Event ids name the row that
// records the fact (a completion, an attempt), so a retried transaction records the same
// event again, never a second one. Lessons are named "module.lesson", as in the API.

func lessonCompleted(userID string, m moduleRow, l lessonRow, at time.Time) activity.Event {
	parent := moduleObject(m)
	return activity.Event{
		ID: string(activity.LessonCompleted) + ":" + userID + ":" + l.ID, Kind: activity.LessonCompleted,
		UserID: userID, At: at, Parent: &parent,
		Object: activity.Object{Type: "lesson", ID: m.Slug + "." + l.Slug, Name: l.Title},
	}
}

func moduleCompleted(userID string, m moduleRow, at time.Time) activity.Event {
	return activity.Event{
		ID: string(activity.ModuleCompleted) + ":" + userID + ":" + m.ID, Kind: activity.ModuleCompleted,
		UserID: userID, At: at, Object: moduleObject(m),
	}
}

// quizSubmitted is a scored attempt: its score (0–100) and whether it passed. m is the
// quiz's module, if it was found.
func quizSubmitted(a attemptRow, q quizRow, v quizVersionRow, m moduleRow) activity.Event {
	e := activity.Event{
		ID: string(activity.QuizSubmitted) + ":" + a.ID, Kind: activity.QuizSubmitted, UserID: a.UserID,
		Object: activity.Object{Type: "quiz", ID: q.Slug, Name: v.Title},
	}
	if a.SubmittedAt != nil {
		e.At = *a.SubmittedAt
	}
	if a.Score != nil {
		passed := a.Passed
		e.Score = &activity.Score{Raw: *a.Score, Min: 0, Max: 100, Scaled: *a.Score / 100, Passed: &passed}
	}
	if m.ID != "" {
		parent := moduleObject(m)
		e.Parent = &parent
	}
	return e
}

func moduleObject(m moduleRow) activity.Object {
	return activity.Object{Type: "module", ID: m.Slug, Name: m.Title}
}
