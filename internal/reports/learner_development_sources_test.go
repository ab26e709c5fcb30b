package reports

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reports/internal/pdftest"
)

// observe has an observer of the learner answer every Likert item of the observer form
// with level (1–5) and submit.
func (w *world) observe(learner identity.User, level int) {
	w.t.Helper()
	w.n++
	link, err := w.dev.InviteObserver(w.ctx, learner.ID, learner.ID, development.ObserverInput{
		Email: fmt.Sprintf("observer%d@example.com", w.n), Relationship: "peer", Language: "es"})
	if err != nil {
		w.t.Fatal(err)
	}
	versions, err := w.asmt.InstrumentVersions(w.ctx, "", development.DefaultObserverInstrument)
	if err != nil {
		w.t.Fatal(err)
	}
	def, err := w.asmt.Definition(w.ctx, versions[0].ID)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, it := range def.Items {
		if it.Type == instrument.SJT {
			continue
		}
		v := level
		if it.Reverse {
			v = def.Scale.Min + def.Scale.Max - level
		}
		if err := w.dev.SaveObserverAnswer(w.ctx, link.Token, it.ID, &v, nil); err != nil {
			w.t.Fatal(err)
		}
	}
	if err := w.dev.SubmitObserver(w.ctx, link.Token); err != nil {
		w.t.Fatal(err)
	}
}

// log records an action of the learner on a day.
func (w *world) log(u identity.User, on string, t development.ActionType) {
	w.t.Helper()
	if _, err := w.dev.LogAction(w.ctx, u.ID, u.ID, development.ActionInput{On: on, Type: t}); err != nil {
		w.t.Fatal(err)
	}
}

func TestSourcesLearnerDevelopmentSections(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		w := newWorld(t, gdb)
		ana, luis := w.learner("Ana Núñez"), w.learner("Luis Peña")
		w.selfAssessment(ana, 5) // high self scores: blind spots against low observers
		w.selfAssessment(luis, 3)
		src := w.sources()

		// Nothing asked, nothing planned, nothing logged: no development sections.
		data, err := src.LearnerReportData(w.ctx, luis.ID, LearnerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if data.Feedback360 != nil || len(data.Goals) != 0 || !data.Actions.empty() {
			t.Fatalf("development sections of a newcomer: %+v %+v %+v", data.Feedback360, data.Goals, data.Actions)
		}

		// Two observers of three: counts only, no observer results.
		w.observe(ana, 1)
		w.observe(ana, 1)
		if _, err := w.dev.InviteObserver(w.ctx, ana.ID, ana.ID, development.ObserverInput{Email: "late@example.com", Relationship: "client"}); err != nil {
			t.Fatal(err)
		}
		data, err = src.LearnerReportData(w.ctx, ana.ID, LearnerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if f := data.Feedback360; f == nil || f.Shown || f.Invited != 3 || f.Answered != 2 || f.MinObservers != 3 ||
			len(f.Dimensions) != 0 || len(f.BlindSpots) != 0 {
			t.Fatalf("360 with two answers = %+v", f)
		}
		doc, err := newRenderer(t).LearnerReport(data, Spanish)
		if err != nil {
			t.Fatal(err)
		}
		if text := pdftest.Squash(pdftest.Text(t, doc)); !strings.Contains(text, "Han respondido 2 observadores") || strings.Contains(text, "Puntos ciegos") {
			t.Errorf("360 below the threshold: %s", text[strings.Index(text, "Feedback 360"):][:300])
		}

		// A third answer shows the means, with blind spots.
		w.observe(ana, 1)
		_, err = w.dev.CreateGoal(w.ctx, ana.ID, ana.ID, development.GoalInput{Dimension: "expressing-needs",
			Title: "Pedir dos presentaciones al mes", SuccessMeasure: "Dos conversaciones nuevas", DueOn: "2025-09-30"})
		if err != nil {
			t.Fatal(err)
		}
		w.log(ana, "2025-06-03", development.ActionHelped)
		w.log(ana, "2025-06-04", development.ActionHelped)
		w.log(ana, "2025-05-20", development.ActionIntroduced)
		data, err = src.LearnerReportData(w.ctx, ana.ID, LearnerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		f := data.Feedback360
		if f == nil || !f.Shown || f.Answered != 3 || len(f.Dimensions) != 8 || len(f.BlindSpots) == 0 || len(f.HiddenStrengths) != 0 {
			t.Fatalf("360 with three answers = %+v", f)
		}
		for _, d := range f.Dimensions {
			if d.Self == nil || d.Others == nil || *d.Others != 0 || d.Name.In(Spanish) == "" {
				t.Errorf("360 dimension %+v", d)
			}
		}
		if len(data.Goals) != 1 || data.Goals[0].Status != "planned" || data.Goals[0].DueOn.Format(time.DateOnly) != "2025-09-30" {
			t.Errorf("goals = %+v", data.Goals)
		}
		a := data.Actions
		if a.Total != 3 || a.Weeks != actionWeeks || a.ActiveWeeks != 2 || len(a.ByType) != 6 ||
			a.ByType[0] != (ActionCount{"helped", 2}) || a.ByType[1] != (ActionCount{"introduced", 1}) ||
			!a.To.Equal(development.Day(w.clock.Now())) || a.From.Weekday() != time.Monday {
			t.Errorf("actions = %+v", a)
		}
		doc, err = newRenderer(t).LearnerReport(data, Spanish)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
		text := pdftest.Squash(pdftest.Text(t, doc))
		for _, want := range []string{"Puntos ciegos", "Pedir dos presentaciones al mes", "Registro de acciones", "Ayudar a alguien con su objetivo"} {
			if !strings.Contains(text, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
	})
}
