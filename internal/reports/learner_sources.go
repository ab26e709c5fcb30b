package reports

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
)

// DefaultInstrument is the self-assessment a learner report shows unless told otherwise.
const DefaultInstrument = "networking-self"

// Sources reads report data from the stores. It checks no rights: the caller decides,
// with the identity policy, whose reports the reader may have.
type Sources struct {
	People      *identity.Store
	Assessments *assessment.Store
	Courses     *courses.Store
	// Development fills the development sections of the learner report (which leaves them
	// out without it); the cohort and organisation reports and ActionsCSV need it.
	Development *development.Store
	// Now is the clock of the report date; nil means time.Now.
	Now func() time.Time
	// norms, when set (WithSharedNorms), places every report's scores in the same
	// reference-group data, read once.
	norms *assessment.NormsSnapshot
}

// WithSharedNorms returns Sources whose learner reports read each reference group's
// scores once and share them: for drawing the reports of a whole organisation or cohort
// at one time (a bulk ZIP), where reading the organisation's scores for every report would
// grow with the square of its size. Use the result for that one piece of work.
func (s Sources) WithSharedNorms() Sources {
	s.norms = s.Assessments.NormsSnapshot()
	return s
}

// now is the Sources' clock.
func (s Sources) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// LearnerOptions choose what a learner report shows.
type LearnerOptions struct {
	// InstrumentKey is the self-assessment to report on; "" means DefaultInstrument.
	InstrumentKey string
	// Group is the reference group of the percentiles: "organisation" (the default, also
	// for ""), "cohort" or "everyone".
	Group string
}

// LearnerReportData reads what the learner report of learnerID shows, in a fixed number
// of queries whatever the number of dimensions, attempts or modules: the person and their
// organisation, the latest submitted self-assessment on the instrument with its norms,
// measurement error and growth over earlier attempts, and their progress in every module.
// With a development store, the development sections too: 360 feedback (aggregates only,
// under the store's anonymity rules), the goals of the plan and a summary of the last
// weeks of the action log.
// errs.ErrNotFound when there is no such user.
func (s Sources) LearnerReportData(ctx context.Context, learnerID string, o LearnerOptions) (LearnerReportData, error) {
	user, err := s.People.User(ctx, learnerID)
	if err != nil {
		return LearnerReportData{}, err
	}
	data := LearnerReportData{GeneratedAt: s.now().UTC(), Learner: Person{Name: user.Name, Email: user.Email}}
	if user.OrganisationID != nil {
		org, err := s.People.Organisation(ctx, *user.OrganisationID)
		if err != nil {
			return LearnerReportData{}, err
		}
		data.Organisation.Name, data.Organisation.Zone = org.Name, org.Location()
	}
	if err := s.assessment(ctx, user, o, &data); err != nil {
		return LearnerReportData{}, fmt.Errorf("learner report of %s: %w", learnerID, err)
	}
	if data.Training, err = s.training(ctx, user.ID); err != nil {
		return LearnerReportData{}, fmt.Errorf("learner report of %s: %w", learnerID, err)
	}
	if err := s.development(ctx, user.ID, data.GeneratedAt, &data); err != nil {
		return LearnerReportData{}, fmt.Errorf("learner report of %s: %w", learnerID, err)
	}
	return data, nil
}

// assessment fills the latest submitted attempt's results, norms and growth.
func (s Sources) assessment(ctx context.Context, user identity.User, o LearnerOptions, data *LearnerReportData) error {
	key := o.InstrumentKey
	if key == "" {
		key = DefaultInstrument
	}
	attempts, err := s.Assessments.Attempts(ctx, user.ID)
	if err != nil {
		return err
	}
	var latest *assessment.Attempt
	for i, a := range attempts {
		if a.InstrumentKey == key && a.Submitted() && (latest == nil || a.SubmittedAt.After(*latest.SubmittedAt)) {
			latest = &attempts[i]
		}
	}
	if latest == nil {
		return nil
	}
	res, err := s.Assessments.Results(ctx, latest.ID)
	if err != nil {
		return err
	}
	def, err := s.Assessments.Definition(ctx, latest.InstrumentID)
	if err != nil {
		return err
	}
	group, groupName, err := assessment.GroupNamed(o.Group, *latest, func(userID string) ([]string, error) {
		return s.People.CohortPeers(ctx, userID)
	})
	if err != nil {
		return err
	}
	normsOf := s.Assessments.Norms
	if s.norms != nil {
		normsOf = s.norms.Norms
	}
	norms, err := normsOf(ctx, latest.ID, group)
	if err != nil {
		return err
	}
	growth, err := s.Assessments.Growth(ctx, latest.ID)
	if err != nil {
		return err
	}
	data.Assessment = assessmentData(res, def, norms, growth, groupName)
	data.Growth = growthData(*latest, growth)
	return nil
}

// assessmentData turns the store's results into report data.
func assessmentData(res assessment.Result, def *instrument.Definition, norms assessment.Norms,
	growth assessment.Growth, group string) *Assessment {
	a := &Assessment{InstrumentKey: res.Instrument.Key, Title: Text(res.Instrument.Title), Version: res.Instrument.Version,
		AttemptID: res.Attempt.ID, SubmittedAt: res.Attempt.SubmittedAt.UTC(), ScaleMin: def.Scale.Min, ScaleMax: def.Scale.Max,
		Group: group, MinGroupSize: norms.MinGroupSize, NormsDate: norms.ComputedAt.UTC()}
	byNorm := map[string]assessment.DimensionNorm{}
	for _, n := range norms.Dimensions {
		byNorm[n.Slug] = n
	}
	for _, r := range res.Dimensions {
		d := Dimension{Slug: r.Slug, Name: Text(r.Name), Description: Text(r.Description), Score: r.Score,
			Answered: r.Answered, Items: r.Items, Required: r.Required}
		if r.Band != nil {
			d.Band = &Band{Index: r.Band.Index, Min: r.Band.Min, Label: Text(r.Band.Label), Feedback: Text(r.Band.Feedback)}
		}
		if dim, ok := def.Dimension(r.Slug); ok {
			for _, b := range dim.Bands {
				d.Bands = append(d.Bands, BandDef{Min: b.Min, Label: Text(b.Label)})
			}
		}
		for _, act := range r.Actions {
			d.Actions = append(d.Actions, Text(act))
		}
		if n, ok := byNorm[r.Slug]; ok {
			d.GroupSize = n.GroupSize
			if !n.Hidden {
				d.Percentile = n.Percentile
			}
		}
		d.SEM, d.Alpha = sem(growth.Reliability[r.Slug])
		a.Dimensions = append(a.Dimensions, d)
	}
	return a
}

// sem is the standard error of measurement on 0–100, SD·√(1 − α), from the basis of the
// reliable change index (the same numbers, so that the report is consistent).
func sem(b assessment.RCIBasis) (*float64, *float64) {
	if b.Alpha == nil || b.SD == nil || *b.Alpha >= 1 || *b.SD <= 0 {
		return nil, b.Alpha
	}
	v := *b.SD * math.Sqrt(1-*b.Alpha)
	return &v, b.Alpha
}

// growthData lays the comparisons out as a series, oldest first, with the change since the
// first attempt; nil when there is no earlier attempt.
func growthData(current assessment.Attempt, g assessment.Growth) *Growth {
	if len(g.Earlier) == 0 {
		return nil
	}
	out := &Growth{}
	for i := len(g.Earlier) - 1; i >= 0; i-- {
		out.Attempts = append(out.Attempts, AttemptRef{ID: g.Earlier[i].AttemptID, SubmittedAt: g.Earlier[i].SubmittedAt})
	}
	out.Attempts = append(out.Attempts, AttemptRef{ID: current.ID, SubmittedAt: current.SubmittedAt.UTC()})
	first := g.Earlier[len(g.Earlier)-1]
	for k, c := range first.Dimensions {
		dg := DimensionGrowth{Slug: c.Slug, Change: c.Change, RCI: c.RCI, Reliable: c.Reliable}
		for i := len(g.Earlier) - 1; i >= 0; i-- {
			var before *float64
			if k < len(g.Earlier[i].Dimensions) && g.Earlier[i].Dimensions[k].Slug == c.Slug {
				before = g.Earlier[i].Dimensions[k].Before
			}
			dg.Scores = append(dg.Scores, before)
		}
		dg.Scores = append(dg.Scores, c.After)
		out.Dimensions = append(out.Dimensions, dg)
	}
	return out
}

// training reads the learner's progress in every active module.
func (s Sources) training(ctx context.Context, userID string) (Training, error) {
	rep, err := s.Courses.LearnerReport(ctx, []string{userID})
	if err != nil {
		return Training{}, err
	}
	var t Training
	if len(rep.Rows) == 0 {
		return t, nil
	}
	row := rep.Rows[0]
	o := row.Overall
	t.Overall = Overall{Modules: o.Modules, ModulesCompleted: o.ModulesCompleted, Lessons: o.Lessons,
		LessonsDone: o.LessonsDone, Quizzes: o.Quizzes, QuizzesPassed: o.QuizzesPassed, Percent: o.Percent}
	for i, m := range rep.Modules {
		p := row.Modules[i]
		t.Modules = append(t.Modules, ModuleProgress{Slug: m.Slug, Title: Text(m.Title), Lessons: p.LessonsTotal,
			LessonsDone: p.LessonsDone, Percent: p.Percent, CompletedAt: utc(p.CompletedAt), HasQuiz: m.QuizSlug != "",
			QuizAttempts: p.Quiz.Attempts, QuizScore: p.Quiz.Score, QuizBest: p.Quiz.Best, QuizPassed: p.Quiz.Passed})
	}
	return t, nil
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
