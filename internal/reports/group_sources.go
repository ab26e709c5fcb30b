package reports

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// sourcesError is an error of the Sources' set-up.
type sourcesError string

func (e sourcesError) Error() string { return string(e) }

// errNoDevelopment: the group reports and the actions export read the development store.
const errNoDevelopment = sourcesError("reports: Sources.Development is not set")

// participationWeeks is how many recent ISO weeks count for "logs actions" in the
// participation figures.
const participationWeeks = 4

// learnerFacts is what the group reports and exports know of one learner.
type learnerFacts struct {
	user         identity.User
	training     Overall
	lastActivity *time.Time
	// history is nil without a submitted self-assessment.
	history  *assessment.ScoreHistory
	scores   []GroupScore // in the instrument's order
	activity development.ActivityCounts
}

// groupFacts reads what the group reports need of learners, in a fixed number of queries
// whatever their number: latest self-assessment scores and change since the first
// comparable one, progress through the modules and counts of development activity. The
// instrument is the one most of their latest attempts were taken on, else the newest
// version visible to the organisation.
func (s Sources) groupFacts(ctx context.Context, orgID string, learners []identity.User) (*GroupInstrument, []learnerFacts, error) {
	if s.Development == nil {
		return nil, nil, errNoDevelopment
	}
	ids := userIDs(learners)
	histories, err := s.Assessments.ScoreHistories(ctx, ids, DefaultInstrument)
	if err != nil {
		return nil, nil, err
	}
	versions, err := s.instrumentsOf(ctx, histories)
	if err != nil {
		return nil, nil, err
	}
	inst, err := s.groupInstrument(ctx, orgID, histories, versions)
	if err != nil {
		return nil, nil, err
	}
	progress, err := s.Courses.LearnerReport(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	activity, err := s.Development.ActivityCounts(ctx, ids, participationWeeks)
	if err != nil {
		return nil, nil, err
	}
	facts := make([]learnerFacts, len(learners))
	for i, u := range learners {
		f := learnerFacts{user: u, activity: development.ActivityCounts{LearnerID: u.ID}}
		if h, ok := histories[u.ID]; ok {
			f.history = &h
		}
		if inst != nil {
			var scores map[string]float64
			if f.history != nil {
				scores = f.history.Scores
			}
			f.scores = groupScores(inst, scores)
		}
		facts[i] = f
	}
	// LearnerReport and ActivityCounts keep the order asked for, with repeats removed.
	at := make(map[string]int, len(facts))
	for i, f := range facts {
		at[f.user.ID] = i
	}
	for _, row := range progress.Rows {
		o := row.Overall
		f := &facts[at[row.UserID]]
		f.training = Overall{Modules: o.Modules, ModulesCompleted: o.ModulesCompleted, Lessons: o.Lessons,
			LessonsDone: o.LessonsDone, Quizzes: o.Quizzes, QuizzesPassed: o.QuizzesPassed, Percent: o.Percent}
		f.lastActivity = utc(row.LastActivity)
	}
	for _, a := range activity {
		facts[at[a.LearnerID]].activity = a
	}
	return inst, facts, nil
}

// instrumentsOf reads each instrument version the latest attempts were taken on: one
// query per version, and there are a handful.
func (s Sources) instrumentsOf(ctx context.Context, histories map[string]assessment.ScoreHistory) (map[string]assessment.Instrument, error) {
	out := map[string]assessment.Instrument{}
	for _, h := range histories {
		id := h.Latest.InstrumentID
		if _, ok := out[id]; ok {
			continue
		}
		inst, err := s.Assessments.Instrument(ctx, id)
		if err != nil {
			return nil, err
		}
		out[id] = inst
	}
	return out, nil
}

// groupInstrument picks the self-assessment version most of the latest attempts were
// taken on (the newer version on a tie), or the newest version visible to the
// organisation when nobody has taken it; nil when there is none.
func (s Sources) groupInstrument(ctx context.Context, orgID string, histories map[string]assessment.ScoreHistory,
	versions map[string]assessment.Instrument) (*GroupInstrument, error) {
	count := map[string]int{}
	for _, h := range histories {
		count[h.Latest.InstrumentID]++
	}
	var best assessment.Instrument
	bestN := 0
	for id, n := range count {
		inst := versions[id]
		if n > bestN || n == bestN && (inst.Version > best.Version || inst.Version == best.Version && inst.ID > best.ID) {
			best, bestN = inst, n
		}
	}
	if bestN == 0 {
		list, err := s.Assessments.InstrumentVersions(ctx, orgID, DefaultInstrument)
		if errors.Is(err, errs.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		best = list[0]
	}
	def, err := s.Assessments.Definition(ctx, best.ID)
	if err != nil {
		return nil, fmt.Errorf("instrument %s: %w", best.ID, err)
	}
	out := &GroupInstrument{ID: best.ID, Key: best.Key, Title: Text(best.Title), Version: best.Version,
		ScaleMin: def.Scale.Min, ScaleMax: def.Scale.Max}
	for _, d := range def.Dimensions {
		info := DimensionInfo{Slug: d.Slug, Name: Text(d.Name)}
		for _, b := range d.Bands {
			info.Bands = append(info.Bands, BandDef{Min: b.Min, Label: Text(b.Label)})
		}
		out.Dimensions = append(out.Dimensions, info)
	}
	return out, nil
}

// participation counts what the learners have done.
func participation(facts []learnerFacts) Participation {
	p := Participation{Learners: len(facts), ActionWeeks: participationWeeks}
	total := 0
	for _, f := range facts {
		if f.history != nil {
			p.Assessed++
			if f.history.Change != nil {
				p.Reassessed++
			}
		}
		if f.training.Percent > 0 || f.training.LessonsDone > 0 || f.lastActivity != nil {
			p.TrainingStarted++
		}
		if f.training.Modules > 0 && f.training.ModulesCompleted == f.training.Modules {
			p.TrainingCompleted++
		}
		total += f.training.Percent
		if len(f.activity.Goals) > 0 {
			p.WithGoals++
		}
		if f.activity.ActiveWeeks > 0 {
			p.Logging++
		}
	}
	if len(facts) > 0 {
		p.AverageProgress = float64(total) / float64(len(facts))
	}
	return p
}

// learnersOnly keeps the people with the learner role.
func learnersOnly(people []identity.User) []identity.User {
	var out []identity.User
	for _, u := range people {
		if u.Role == identity.RoleLearner {
			out = append(out, u)
		}
	}
	return out
}

// changes lists the people's comparisons, nil for those without one.
func changes(facts []learnerFacts) []*assessment.Comparison {
	out := make([]*assessment.Comparison, len(facts))
	for i, f := range facts {
		if f.history != nil {
			out[i] = f.history.Change
		}
	}
	return out
}

// scoresOf lists the people's scores.
func scoresOf(facts []learnerFacts) [][]GroupScore {
	out := make([][]GroupScore, len(facts))
	for i, f := range facts {
		out[i] = f.scores
	}
	return out
}

// userIDs lists the people's ids.
func userIDs(people []identity.User) []string {
	out := make([]string, len(people))
	for i, u := range people {
		out[i] = u.ID
	}
	return out
}
