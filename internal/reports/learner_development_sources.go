package reports

import (
	"context"
	"time"

	"github.com/academy-platform/academy/internal/development"
)

// actionWeeks is how many ISO weeks (this one included) the action-log summary of the
// learner report covers: a quarter.
const actionWeeks = 13

// development fills the development sections from the development store: 360 feedback
// (aggregates only), the goals of the plan and a summary of the action log. Nothing is
// filled without a development store.
func (s Sources) development(ctx context.Context, learnerID string, today time.Time, data *LearnerReportData) error {
	if s.Development == nil {
		return nil
	}
	fb, err := s.Development.Feedback360(ctx, learnerID)
	if err != nil {
		return err
	}
	data.Feedback360 = feedback360Data(fb)
	goals, err := s.Development.Goals(ctx, learnerID)
	if err != nil {
		return err
	}
	for _, g := range goals {
		data.Goals = append(data.Goals, Goal{Dimension: g.Dimension, Title: g.Title, SuccessMeasure: g.SuccessMeasure,
			DueOn: g.DueOn, Status: string(g.Status)})
	}
	view, err := s.Development.ActionWeeks(ctx, learnerID, actionWeeks)
	if err != nil {
		return err
	}
	followUps, err := s.Development.FollowUps(ctx, learnerID, false)
	if err != nil {
		return err
	}
	data.Actions = actionSummary(view, followUps, today)
	return nil
}

// feedback360Data keeps what the report may show of the 360 feedback: nil when nobody
// was asked; only the counts while fewer than the minimum of observers have answered; the
// self and observer means per dimension, blind spots and hidden strengths after that.
func feedback360Data(fb development.Feedback360) *Feedback360 {
	if fb.Invited == 0 {
		return nil
	}
	out := &Feedback360{Invited: fb.Invited, Answered: fb.Answered, MinObservers: fb.MinObservers, Shown: fb.Shown}
	if !fb.Shown {
		return out
	}
	for _, d := range fb.Dimensions {
		out.Dimensions = append(out.Dimensions, Dimension360{Slug: d.Slug, Name: Text(d.Name), Self: d.Self, Others: d.Observers.Mean})
	}
	gaps := func(gs []development.Gap) []Gap360 {
		var out []Gap360
		for _, g := range gs {
			out = append(out, Gap360{Slug: g.Slug, Name: Text(g.Name), Self: g.Self, Others: g.Others})
		}
		return out
	}
	out.BlindSpots, out.HiddenStrengths = gaps(fb.BlindSpots), gaps(fb.HiddenStrengths)
	return out
}

// actionSummary counts the weekly view's entries per type, in display order, and the
// follow-ups. It is empty (the section is left out) for a learner who has never logged an
// action and has no follow-ups.
func actionSummary(view development.WeeklyView, followUps []development.FollowUp, today time.Time) ActionSummary {
	if view.Streak.Longest == 0 && len(followUps) == 0 || len(view.Weeks) == 0 {
		return ActionSummary{}
	}
	a := ActionSummary{From: view.Weeks[0].Start, To: development.Day(today), Weeks: len(view.Weeks)}
	byKind := map[string]int{}
	for _, w := range view.Weeks {
		a.Total += w.Total
		if w.Total > 0 {
			a.ActiveWeeks++
		}
		for k, n := range w.ByKind {
			byKind[k] += n
		}
	}
	if a.Total > 0 {
		for _, t := range development.ActionTypes() {
			a.ByType = append(a.ByType, ActionCount{Type: string(t), Count: byKind[string(t)]})
		}
	}
	for _, f := range followUps {
		if f.Done() {
			a.FollowUpsDone++
		} else {
			a.FollowUpsOpen++
		}
	}
	return a
}
