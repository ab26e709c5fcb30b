package reports

import (
	"io/fs"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/seed"
)

// fixedNow is the clock of the tests.
var fixedNow = time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC)

func fixedClock() time.Time { return fixedNow }

func newRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := New(Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// seedInstrument parses the built-in self-assessment.
func seedInstrument(t testing.TB) *instrument.Definition {
	t.Helper()
	raw, err := fs.ReadFile(seed.Files, "instruments/networking-self.yaml")
	if err != nil {
		t.Fatal(err)
	}
	def, err := instrument.Parse(raw, "networking-self.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return def
}

// seedModules loads the built-in course modules.
func seedModules(t testing.TB) []courses.Module {
	t.Helper()
	sub, err := fs.Sub(seed.Files, "courses")
	if err != nil {
		t.Fatal(err)
	}
	content, err := courses.Load(sub)
	if err != nil {
		t.Fatal(err)
	}
	return content.Modules
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }

// sampleLearner is a realistic learner: three self-assessments on the built-in instrument,
// progress through the built-in modules, 360 feedback, goals and an action log.
func sampleLearner(t testing.TB) LearnerReportData {
	t.Helper()
	def := seedInstrument(t)
	// Scores over three attempts, per dimension in the instrument's order; nil = not scored.
	history := [][]*float64{
		{ptr(52.8), ptr(44.4), ptr(33.3), ptr(55.6), ptr(27.8), ptr(69.4), ptr(41.7), ptr(50.0)},
		{ptr(61.1), ptr(52.8), ptr(36.1), ptr(58.3), ptr(30.6), ptr(75.0), nil, ptr(55.6)},
		{ptr(72.2), ptr(58.3), ptr(41.7), ptr(66.7), ptr(36.1), ptr(80.6), ptr(47.2), ptr(61.1)},
	}
	dates := []time.Time{day(2025, 6, 10), day(2025, 11, 20), day(2026, 3, 2)}
	percentiles := []float64{68, 52, 30, 61, 22, 88, 40, 55}
	sems := []float64{6.4, 7.1, 5.9, 6.8, 7.4, 5.2, 6.1, 6.6}
	rcis := []float64{3.14, 1.46, 1.15, 1.16, 0.75, 1.62, 0.91, 1.28}
	a := &Assessment{InstrumentKey: def.ID, Title: Text(def.Title), Version: def.Version, AttemptID: "a3",
		SubmittedAt: dates[2], ScaleMin: def.Scale.Min, ScaleMax: def.Scale.Max, Group: "organisation",
		MinGroupSize: 10, NormsDate: fixedNow}
	g := &Growth{}
	for i, d := range dates {
		g.Attempts = append(g.Attempts, AttemptRef{ID: string(rune('1' + i)), SubmittedAt: d})
	}
	for k, dim := range def.Dimensions {
		score := history[2][k]
		items := len(def.ItemsOf(dim.Slug))
		d := Dimension{Slug: dim.Slug, Name: Text(dim.Name), Description: Text(dim.Description), Score: score,
			Answered: items, Items: items, Required: scoring.Required(items), GroupSize: 48,
			Percentile: ptr(percentiles[k]), SEM: ptr(sems[k]), Alpha: ptr(0.82)}
		for _, b := range dim.Bands {
			d.Bands = append(d.Bands, BandDef{Min: b.Min, Label: Text(b.Label)})
		}
		if i := scoring.BandOf(dim.Bands, *score); i >= 0 {
			b := dim.Bands[i]
			d.Band = &Band{Index: i, Min: b.Min, Label: Text(b.Label), Feedback: Text(b.Feedback)}
		}
		for _, act := range dim.Actions {
			d.Actions = append(d.Actions, Text(act))
		}
		a.Dimensions = append(a.Dimensions, d)
		dg := DimensionGrowth{Slug: dim.Slug, Change: ptr(*score - *history[0][k]), RCI: ptr(rcis[k])}
		dg.Reliable = rcis[k] > 1.96
		for _, h := range history {
			dg.Scores = append(dg.Scores, h[k])
		}
		g.Dimensions = append(g.Dimensions, dg)
	}
	data := LearnerReportData{
		GeneratedAt:  fixedNow,
		Organisation: Organisation{Name: "Consultora Ibérica de Talento y Desarrollo, S.L."},
		Learner:      Person{Name: "María José Fernández-Villaverde Núñez", Email: "mjfernandez@example.com"},
		Assessment:   a,
		Growth:       g,
		Training:     sampleTraining(t),
	}
	data.Feedback360 = sample360(a)
	data.Goals = []Goal{
		{Dimension: "expressing-needs", Title: "¿A quién puedo pedir dos presentaciones concretas cada mes?", SuccessMeasure: "Dos conversaciones nuevas al mes con personas de otros sectores", DueOn: day(2026, 6, 30), Status: "in_progress"},
		{Dimension: "digital-presence", Title: "Publicar un caso práctico al mes en LinkedIn", SuccessMeasure: "Tres publicaciones con comentarios de clientes", DueOn: day(2026, 5, 31), Status: "planned"},
		{Dimension: "giving-first", Title: "Presentar a dos personas de mi red que puedan ayudarse", SuccessMeasure: "Cuatro presentaciones hechas", DueOn: day(2026, 2, 28), Status: "done"},
	}
	data.Actions = ActionSummary{From: day(2025, 12, 1), To: day(2026, 3, 1), Total: 23, Weeks: 13, ActiveWeeks: 10,
		FollowUpsDone: 5, FollowUpsOpen: 2, ByType: []ActionCount{
			{"helped", 7}, {"introduced", 4}, {"attended_event", 3}, {"followed_up", 5}, {"shared_content", 3}, {"asked_for_help", 1}}}
	return data
}

// sampleTraining puts the learner at different points of every built-in module.
func sampleTraining(t testing.TB) Training {
	var tr Training
	for i, m := range seedModules(t) {
		p := ModuleProgress{Slug: m.Slug, Title: Text(m.Title), Lessons: len(m.Lessons), HasQuiz: m.Quiz.Slug != ""}
		switch {
		case i < 4:
			p.LessonsDone, p.Percent, p.QuizAttempts, p.QuizPassed = p.Lessons, 100, 1+i%2, true
			p.QuizScore, p.QuizBest = ptr(80+float64(i*4)), ptr(80+float64(i*4))
			p.CompletedAt = ptr(day(2025, time.Month(7+2*i), 5+i))
		case i < 6:
			p.LessonsDone = p.Lessons - 1
			p.Percent = 100 * p.LessonsDone / (p.Lessons + 1)
			if i == 5 {
				p.QuizAttempts, p.QuizScore, p.QuizBest = 2, ptr(55.0), ptr(60.0)
			}
		case i == 6:
			p.LessonsDone, p.Percent = 1, 100/(p.Lessons+1)
		}
		tr.Modules = append(tr.Modules, p)
		tr.Overall.Modules++
		tr.Overall.Lessons += p.Lessons
		tr.Overall.LessonsDone += p.LessonsDone
		if p.HasQuiz {
			tr.Overall.Quizzes++
		}
		if p.QuizPassed {
			tr.Overall.QuizzesPassed++
		}
		if p.CompletedAt != nil {
			tr.Overall.ModulesCompleted++
		}
	}
	tr.Overall.Percent = 100 * tr.Overall.LessonsDone / max(1, tr.Overall.Lessons)
	return tr
}

// sample360 is shown 360 feedback with one blind spot and one hidden strength.
func sample360(a *Assessment) *Feedback360 {
	f := &Feedback360{Invited: 6, Answered: 5, MinObservers: 3, Shown: true}
	others := []float64{70, 66, 48, 30, 72, 78, 50, 60}
	for k, d := range a.Dimensions {
		f.Dimensions = append(f.Dimensions, Dimension360{Slug: d.Slug, Name: d.Name, Self: d.Score, Others: ptr(others[k])})
		switch gap := *d.Score - others[k]; {
		case gap > 100.0/3:
			f.BlindSpots = append(f.BlindSpots, Gap360{Slug: d.Slug, Name: d.Name, Self: *d.Score, Others: others[k]})
		case -gap > 100.0/3:
			f.HiddenStrengths = append(f.HiddenStrengths, Gap360{Slug: d.Slug, Name: d.Name, Self: *d.Score, Others: others[k]})
		}
	}
	return f
}
