package assessment

import (
	"time"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/assessment/instrument"
)

// assessmentCompleted is the event of a submitted attempt: the instrument (by its stable
// key, named in its languages), the 0–100 score of every scored dimension, and as overall
// score the mean of those. Dimensions without enough answers are left out; with none
// scored there is no overall score. The id names the attempt, so it is recorded once.
func assessmentCompleted(userID, attemptID string, def *instrument.Definition, rows []scoreRow, at time.Time) activity.Event {
	e := activity.Event{
		ID: string(activity.AssessmentCompleted) + ":" + attemptID, Kind: activity.AssessmentCompleted,
		UserID: userID, At: at, Dimensions: map[string]float64{},
		Object: activity.Object{Type: "assessment", ID: def.ID, Name: def.Title},
	}
	var sum float64
	for _, r := range rows {
		if r.Score != nil {
			e.Dimensions[r.Dimension] = *r.Score
			sum += *r.Score
		}
	}
	if n := len(e.Dimensions); n > 0 {
		overall := sum / float64(n)
		e.Score = &activity.Score{Raw: overall, Min: 0, Max: 100, Scaled: overall / 100}
	}
	return e
}
