package reports

import (
	"context"
	"io"
	"strconv"

	"github.com/academy-platform/academy/internal/development"
)

// ActionsCSV writes the scope's learners' development activity, counted: one row per
// learner (by name) with the number of action-log entries, one column per action type,
// the day of the latest entry, the weeks with an entry among the last 13 ISO weeks, the
// follow-ups after events done and open, and the goals of the development plan still
// open and reached. It needs Sources.Development. lang is the header's language ("es" or
// "en"; "" is Spanish). errs.ErrNotFound for an unknown organisation or a cohort outside
// it.
func (s Sources) ActionsCSV(ctx context.Context, w io.Writer, sc Scope, lang string) error {
	if s.Development == nil {
		return errNoDevelopment
	}
	e, err := newCSVExport(w, lang)
	if err != nil {
		return err
	}
	sl, err := s.learnersIn(ctx, sc)
	if err != nil {
		return err
	}
	counts, err := s.Development.ActivityCounts(ctx, userIDs(sl.learners), actionWeeks)
	if err != nil {
		return err
	}
	cols := e.texts("csv.actions")
	for _, t := range development.ActionTypes() {
		cols = append(cols, e.msg.T("actions.type."+string(t)))
	}
	cols = append(cols, e.msg.T("csv.last_action"), e.msg.T("csv.active_weeks", "weeks", strconv.Itoa(actionWeeks)))
	cols = append(cols, e.texts("csv.follow_ups_done", "csv.follow_ups_open", "csv.goals_open", "csv.goals_done")...)
	if err := e.header(cols...); err != nil {
		return err
	}
	for i, u := range sl.learners {
		c := counts[i] // one per learner asked for, in order
		row := append(sl.person(u), strconv.Itoa(c.Actions))
		for _, t := range development.ActionTypes() {
			row = append(row, strconv.Itoa(c.ByType[t]))
		}
		open := c.Goals[development.GoalPlanned] + c.Goals[development.GoalInProgress]
		row = append(row, csvDate(c.LastAction), strconv.Itoa(c.ActiveWeeks), strconv.Itoa(c.FollowUpsDone),
			strconv.Itoa(c.FollowUpsOpen), strconv.Itoa(open), strconv.Itoa(c.Goals[development.GoalDone]))
		if err := e.w.Write(row); err != nil {
			return err
		}
	}
	return e.finish()
}
