package reports

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/development"
)

// sampleInstrument is the built-in self-assessment as a group report's instrument.
func sampleInstrument(t testing.TB) *GroupInstrument {
	def := seedInstrument(t)
	return groupInstrumentOf(def)
}

func groupInstrumentOf(def *instrument.Definition) *GroupInstrument {
	inst := &GroupInstrument{ID: "i1", Key: def.ID, Title: Text(def.Title), Version: def.Version,
		ScaleMin: def.Scale.Min, ScaleMax: def.Scale.Max}
	for _, d := range def.Dimensions {
		info := DimensionInfo{Slug: d.Slug, Name: Text(d.Name)}
		for _, b := range d.Bands {
			info.Bands = append(info.Bands, BandDef{Min: b.Min, Label: Text(b.Label)})
		}
		inst.Dimensions = append(inst.Dimensions, info)
	}
	return inst
}

var sampleNames = []string{
	"Lucía Martín", "Javier Ortega", "Carmen Ruiz", "Daniel Navarro", "Marta Gil", "Pablo Serrano",
	"Elena Castro", "Sergio Molina", "Laura Ibáñez", "Andrés Vidal", "Nuria Pascual", "Óscar Delgado",
	"María José Fernández-Villaverde Núñez de Arenas y Castellanos", "Íñigo Zubiaurre",
}

// synthetic are n learners' facts with realistic scores (seeded, so the same every time):
// most have two self-assessments, some one, a few none.
func synthetic(inst *GroupInstrument, n int, seed uint64) []learnerFacts {
	rng := rand.New(rand.NewPCG(seed, 11))
	out := make([]learnerFacts, n)
	first := time.Date(2025, 10, 6, 10, 0, 0, 0, time.UTC)
	for i := range out {
		f := learnerFacts{}
		f.user.ID = fmt.Sprintf("u%04d", i)
		f.user.Name = sampleNames[i%len(sampleNames)]
		if i >= len(sampleNames) {
			f.user.Name = fmt.Sprintf("%s %d", f.user.Name, i)
		}
		f.user.Email = fmt.Sprintf("learner%d@example.com", i+1)
		pct := rng.IntN(101)
		f.training = Overall{Modules: 9, ModulesCompleted: pct * 9 / 100, Lessons: 36, LessonsDone: pct * 36 / 100,
			Quizzes: 9, QuizzesPassed: pct * 9 / 100, Percent: pct}
		if pct > 0 {
			last := first.AddDate(0, 0, rng.IntN(150))
			f.lastActivity = &last
		}
		f.activity.LearnerID = f.user.ID
		f.activity.Weeks = participationWeeks
		if rng.IntN(3) > 0 {
			f.activity.ActiveWeeks = rng.IntN(5)
			f.activity.Goals = map[development.GoalStatus]int{development.GoalPlanned: 1}
		}
		if i%9 != 8 {
			h := syntheticHistory(inst, rng, f.user.ID, first, i%4 != 3)
			f.history = &h
			f.scores = groupScores(inst, h.Scores)
		} else {
			f.scores = groupScores(inst, nil)
		}
		out[i] = f
	}
	return out
}

// syntheticHistory is a learner's latest scores and, when twice, the change since a
// first attempt with RCIs as Growth computes them (alpha .8, SD 15).
func syntheticHistory(inst *GroupInstrument, rng *rand.Rand, userID string, first time.Time, twice bool) assessment.ScoreHistory {
	submitted := first.AddDate(0, 0, 120+rng.IntN(20))
	h := assessment.ScoreHistory{UserID: userID, Latest: assessment.Attempt{ID: "a-" + userID, InstrumentID: inst.ID,
		SubmittedAt: &submitted}, Attempts: 1, Scores: map[string]float64{}}
	var c assessment.Comparison
	for _, d := range inst.Dimensions {
		level := math.Round(max(0, min(100, 50+rng.NormFloat64()*18))*3) / 3
		if rng.IntN(25) > 0 {
			h.Scores[d.Slug] = level
		}
		if !twice {
			continue
		}
		before := max(0, min(100, level-rng.NormFloat64()*8-6))
		after := level
		dc := assessment.DimensionChange{Slug: d.Slug, Before: &before, After: &after}
		diff := after - before
		rci := diff / (math.Sqrt2 * 15 * math.Sqrt(1-0.8))
		dc.Change, dc.RCI, dc.Reliable = &diff, &rci, math.Abs(rci) > 1.96
		c.Dimensions = append(c.Dimensions, dc)
	}
	if twice {
		h.Attempts = 2
		c.AttemptID, c.SubmittedAt = "f-"+userID, first
		h.Change = &c
	}
	return h
}

// sampleCohort is a cohort of fourteen learners with long names, scores, changes and
// learners who need attention.
func sampleCohort(t testing.TB) CohortReportData {
	inst := sampleInstrument(t)
	facts := synthetic(inst, len(sampleNames), 1)
	attention := []development.Attention{
		{UserID: facts[2].user.ID, LastActivity: facts[2].lastActivity, OverdueGoals: 2,
			Reasons: []string{development.ReasonInactive, development.ReasonGoalsOverdue}},
		{UserID: facts[8].user.ID, LastActivity: facts[8].lastActivity,
			Reasons: []string{development.ReasonInactive, development.ReasonNoSelfAssessment}},
		{UserID: facts[12].user.ID, LastActivity: facts[12].lastActivity, OverdueGoals: 1,
			Reasons: []string{development.ReasonGoalsOverdue}},
	}
	data := cohortData(inst, facts, attention)
	data.GeneratedAt = fixedNow
	data.Organisation = Organisation{Name: "Consultora Ibérica de Talento y Desarrollo, S.L."}
	data.Cohort = CohortInfo{ID: "c1", Name: "Liderazgo · primavera 2026 (Madrid y Valencia)", Description: "Mandos intermedios"}
	data.Coaches = []Person{{Name: "Irene Beltrán", Email: "irene@example.com"}, {Name: "Marc Soler", Email: "marc@example.com"}}
	return data
}

// sampleOrganisation is an organisation of n learners in cohorts of various sizes, one
// of them too small to break out, with a reliability appendix.
func sampleOrganisation(t testing.TB, n int) OrganisationReportData {
	inst := sampleInstrument(t)
	facts := synthetic(inst, n, 2)
	sizes := []int{n / 3, n / 4, n / 5, 3}
	names := []string{"Desarrollo de negocio 2026", "Liderazgo · primavera", "Preventa y consultoría técnica de soluciones", "Dirección"}
	var cohorts []cohortGroup
	at := 0
	for i, size := range sizes {
		g := cohortGroup{id: fmt.Sprintf("c%d", i), name: names[i]}
		for range size {
			g.members = append(g.members, facts[at%n].user.ID)
			at++
		}
		cohorts = append(cohorts, g)
	}
	data := organisationData(inst, facts, cohorts)
	data.GeneratedAt = fixedNow
	data.Organisation = Organisation{Name: "Consultora Ibérica de Talento y Desarrollo, S.L."}
	data.Events = sampleEvents(facts, cohorts)
	rel := &ReliabilityAppendix{Version: inst.Version, Attempts: n * 2, ScaleMin: inst.ScaleMin, ScaleMax: inst.ScaleMax}
	for k, d := range inst.Dimensions {
		r := DimensionReliability{Slug: d.Slug, Items: 9, N: n * 2 * 9 / 10, Shown: true,
			Mean: ptr(3.1 + float64(k)/10), SD: ptr(0.62), Alpha: ptr(0.71 + float64(k)/50), StdAlpha: ptr(0.72 + float64(k)/50),
			SEM: ptr(0.3), GrowthAlpha: ptr(0.8)}
		if k == 6 {
			r = DimensionReliability{Slug: d.Slug, Items: 9, N: 3, Problem: assessment.ProblemTooFewRespondents, GrowthAlpha: ptr(0.79)}
		}
		rel.Dimensions = append(rel.Dimensions, r)
	}
	data.Reliability = rel
	return data
}
