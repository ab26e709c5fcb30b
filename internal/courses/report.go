package courses

import (
	"context"
	"fmt"
	"time"
)

// The reporting queries take the learners to report on: the caller decides, with the
// identity policy, whose progress the reader may see. They run a fixed number of queries
// per 500 learners, whatever the number of modules.

// LearnerReport is a learners × modules table.
type LearnerReport struct {
	Modules []ModuleInfo // the active modules, in catalogue order: the columns
	Rows    []LearnerRow // one per learner, in the order asked for (repeats removed)
}

// LearnerRow is one learner's line of a LearnerReport.
type LearnerRow struct {
	UserID string
	// Modules holds the learner's progress in each module, in the order of
	// LearnerReport.Modules; Quiz.Best is the best quiz score.
	Modules      []ModuleProgress
	Overall      Overall
	LastActivity *time.Time
}

// LearnerReport returns the progress of userIDs in every active module.
func (s *Store) LearnerReport(ctx context.Context, userIDs []string) (LearnerReport, error) {
	userIDs = uniq(userIDs)
	sn, err := s.snapshot(s.conn(ctx), userIDs)
	if err != nil {
		return LearnerReport{}, fmt.Errorf("learner report: %w", err)
	}
	var r LearnerReport
	for _, m := range sn.modules {
		r.Modules = append(r.Modules, sn.info(m))
	}
	for _, u := range userIDs {
		row := LearnerRow{UserID: u, Overall: sn.overall(u)}
		for _, m := range sn.modules {
			row.Modules = append(row.Modules, sn.progress(u, m.ID))
		}
		row.LastActivity = row.Overall.LastActivity
		r.Rows = append(r.Rows, row)
	}
	return r, nil
}

// ModuleCompletionStat is how far a group of learners got in one module.
type ModuleCompletionStat struct {
	Module    ModuleInfo
	Learners  int     // learners asked about
	Started   int     // learners who did anything in the module
	Completed int     // learners who completed it
	Rate      float64 // Completed / Learners, 0–1 (0 without learners)
}

// CompletionByModule returns, for each active module, how many of userIDs started and
// completed it.
func (s *Store) CompletionByModule(ctx context.Context, userIDs []string) ([]ModuleCompletionStat, error) {
	userIDs = uniq(userIDs)
	sn, err := s.snapshot(s.conn(ctx), userIDs)
	if err != nil {
		return nil, fmt.Errorf("completion by module: %w", err)
	}
	out := make([]ModuleCompletionStat, 0, len(sn.modules))
	for _, m := range sn.modules {
		st := ModuleCompletionStat{Module: sn.info(m), Learners: len(userIDs)}
		for _, u := range userIDs {
			p := sn.progress(u, m.ID)
			if p.Started() {
				st.Started++
			}
			if p.Completed() {
				st.Completed++
			}
		}
		if st.Learners > 0 {
			st.Rate = float64(st.Completed) / float64(st.Learners)
		}
		out = append(out, st)
	}
	return out, nil
}

// LastActivity returns each learner's latest course activity (lesson completed, attempt
// started, answer saved or attempt submitted). Learners without any are absent.
func (s *Store) LastActivity(ctx context.Context, userIDs []string) (map[string]time.Time, error) {
	userIDs = uniq(userIDs)
	sn, err := s.snapshot(s.conn(ctx), userIDs)
	if err != nil {
		return nil, fmt.Errorf("last activity: %w", err)
	}
	out := map[string]time.Time{}
	for _, u := range userIDs {
		if t := sn.overall(u).LastActivity; t != nil {
			out[u] = *t
		}
	}
	return out, nil
}

// overall sums a learner's progress over the active modules.
func (sn *snapshot) overall(userID string) Overall {
	var o Overall
	var done, total int
	for _, m := range sn.modules {
		p := sn.progress(userID, m.ID)
		_, hasQuiz := sn.quizzes[m.ID]
		steps := p.LessonsTotal
		if hasQuiz {
			steps++
			o.Quizzes++
		}
		o.Modules++
		o.Lessons += p.LessonsTotal
		o.LessonsDone += p.LessonsDone
		if p.Quiz.Passed {
			o.QuizzesPassed++
		}
		total += steps
		switch {
		case p.Completed():
			o.ModulesCompleted++
			done += steps
		case p.Quiz.Passed:
			done += p.LessonsDone + 1
		default:
			done += p.LessonsDone
		}
		o.LastActivity = later(o.LastActivity, p.LastActivity)
	}
	if total > 0 {
		o.Percent = 100 * done / total
	}
	return o
}
