package reports

import (
	"context"
	"io"
	"strconv"

	"github.com/academy-platform/academy/internal/csvsafe"
)

// ProgressCSV writes the scope's learners' progress through the modules: one row per
// learner (by name) with the overall progress (0–100), modules completed, lessons done,
// quizzes passed, the day of the latest course activity, and then one column per active
// module (in catalogue order) with the learner's progress in it (0–100). lang is the
// header's language ("es" or "en"; "" is Spanish). errs.ErrNotFound for an unknown
// organisation or a cohort outside it.
func (s Sources) ProgressCSV(ctx context.Context, w io.Writer, sc Scope, lang string) error {
	e, err := newCSVExport(w, lang)
	if err != nil {
		return err
	}
	sl, err := s.learnersIn(ctx, sc)
	if err != nil {
		return err
	}
	rep, err := s.Courses.LearnerReport(ctx, userIDs(sl.learners))
	if err != nil {
		return err
	}
	cols := e.texts("csv.progress", "csv.modules_completed", "csv.modules", "csv.lessons_done", "csv.lessons",
		"csv.quizzes_passed", "csv.quizzes", "csv.last_activity")
	for _, m := range rep.Modules {
		cols = append(cols, csvsafe.Text(e.msg.T("csv.module_progress", "module", Text(m.Title).In(e.lang))))
	}
	if err := e.header(cols...); err != nil {
		return err
	}
	for i, u := range sl.learners {
		row := rep.Rows[i] // one row per learner asked for, in order
		o := row.Overall
		cells := append(sl.person(u), strconv.Itoa(o.Percent), strconv.Itoa(o.ModulesCompleted), strconv.Itoa(o.Modules),
			strconv.Itoa(o.LessonsDone), strconv.Itoa(o.Lessons), strconv.Itoa(o.QuizzesPassed), strconv.Itoa(o.Quizzes),
			csvDate(row.LastActivity))
		for _, p := range row.Modules {
			cells = append(cells, strconv.Itoa(p.Percent))
		}
		if err := e.w.Write(cells); err != nil {
			return err
		}
	}
	return e.finish()
}
