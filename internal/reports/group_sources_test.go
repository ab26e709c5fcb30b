package reports

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reports/internal/pdftest"
)

// coach creates a coach of the world's organisation.
func (w *world) coach(name string) identity.User {
	w.t.Helper()
	w.n++
	u, err := w.people.CreateUser(w.ctx, identity.NewUser{OrganisationID: w.org.ID, Email: fmt.Sprintf("c%d@example.com", w.n),
		Name: name, Role: identity.RoleCoach})
	if err != nil {
		w.t.Fatal(err)
	}
	return u
}

// cohort creates a cohort with the given learners and coaches.
func (w *world) cohort(name string, people ...identity.User) identity.Cohort {
	w.t.Helper()
	c, err := w.people.CreateCohort(w.ctx, w.org.ID, identity.CohortInput{Name: name})
	if err != nil {
		w.t.Fatal(err)
	}
	for _, u := range people {
		if u.Role == identity.RoleCoach {
			err = w.people.AssignCoach(w.ctx, c.ID, u.ID)
		} else {
			err = w.people.AddMember(w.ctx, c.ID, u.ID)
		}
		if err != nil {
			w.t.Fatal(err)
		}
	}
	return c
}

// learners creates n learners named prefix 1, prefix 2…
func (w *world) learners(prefix string, n int) []identity.User {
	out := make([]identity.User, n)
	for i := range out {
		out[i] = w.learner(fmt.Sprintf("%s %d", prefix, i+1))
	}
	return out
}

// importSelf imports a self-assessment of each person, submitted at the world's clock,
// with the level (1–5) level(i, k) for person i on dimension k, through the response
// import (the way the demo loads its history), and moves the clock a day on.
func (w *world) importSelf(people []identity.User, level func(i, k int) int) {
	w.t.Helper()
	versions, err := w.asmt.InstrumentVersions(w.ctx, w.org.ID, DefaultInstrument)
	if err != nil {
		w.t.Fatal(err)
	}
	def, err := w.asmt.Definition(w.ctx, versions[0].ID)
	if err != nil {
		w.t.Fatal(err)
	}
	dims := map[string]int{}
	for k, d := range def.Dimensions {
		dims[d.Slug] = k
	}
	var b strings.Builder
	b.WriteString("email")
	for _, it := range def.Items {
		b.WriteString("," + it.ID)
	}
	b.WriteString("\n")
	for i, u := range people {
		b.WriteString(u.Email)
		for j, it := range def.Items {
			v := max(1, min(5, level(i, dims[it.Dimension])+(j%3)-1))
			b.WriteString(",")
			if it.Type == instrument.SJT {
				for o, opt := range it.Options {
					if opt.Weight == min(3, (v-1)*3/4) {
						b.WriteString(strconv.Itoa(o + 1))
						break
					}
				}
				continue
			}
			if it.Reverse {
				v = 6 - v
			}
			b.WriteString(strconv.Itoa(v))
		}
		b.WriteString("\n")
	}
	_, err = w.asmt.ImportResponses(w.ctx, assessment.ImportOptions{InstrumentID: versions[0].ID, OrganisationID: w.org.ID,
		MatchUsers: true, SubmittedAt: w.clock.Now()}, strings.NewReader(b.String()))
	if err != nil {
		w.t.Fatal(err)
	}
	w.clock.Advance(24 * time.Hour)
}

// groupWorld is an organisation of twelve learners: cohort A of six, cohort B of three
// (too small to break out), cohort C of eight (A's six and two of B: the rest of the
// organisation is four, too few) and three learners in no cohort; everyone assessed twice,
// most improving, and a coach of A.
type groupWorld struct {
	*world
	a, b, c        identity.Cohort
	inA, inB, rest []identity.User
	coach          identity.User
}

func newGroupWorld(t *testing.T, gdb *gorm.DB) *groupWorld {
	w := newWorld(t, gdb)
	g := &groupWorld{world: w, coach: w.coach("Irene Beltrán")}
	g.inA, g.inB, g.rest = w.learners("Ana", 6), w.learners("Bea", 3), w.learners("Carlos", 3)
	g.inA[0] = w.renamed(g.inA[0], "María José Fernández-Villaverde Núñez")
	g.a = w.cohort("Liderazgo · primavera", append([]identity.User{g.coach}, g.inA...)...)
	g.b = w.cohort("Dirección", g.inB...)
	g.c = w.cohort("Todos menos cuatro", append(append([]identity.User{}, g.inA...), g.inB[:2]...)...)
	everyone := append(append(append([]identity.User{}, g.inA...), g.inB...), g.rest...)
	w.importSelf(everyone, func(i, k int) int { return 1 + (i+k)%3 })
	w.clock.Advance(60 * 24 * time.Hour)
	w.importSelf(everyone, func(i, k int) int { return min(5, 2+(i+k)%3+k%2) })
	w.completeModule(g.inA[1], 0, true)
	return g
}

// renamed changes a person's name.
func (w *world) renamed(u identity.User, name string) identity.User {
	w.t.Helper()
	if err := w.people.UpdateProfile(w.ctx, u.ID, identity.ProfileInput{Name: name, Locale: "es"}); err != nil {
		w.t.Fatal(err)
	}
	u.Name = name
	return u
}

func TestSourcesCohortReportData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		g := newGroupWorld(t, gdb)
		src := g.sources()
		data, err := src.CohortReportData(g.ctx, g.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if data.Cohort.Name != "Liderazgo · primavera" || data.Organisation.Name != "Consultora Ibérica" ||
			len(data.Coaches) != 1 || data.Coaches[0].Name != "Irene Beltrán" || data.Instrument == nil ||
			len(data.Instrument.Dimensions) != 8 || len(data.Learners) != 6 || data.InactiveDays != InactiveDays {
			t.Fatalf("cohort data = %+v", data)
		}
		improved := 0
		for _, l := range data.Learners {
			if l.AssessedAt == nil || l.Attempts != 2 || !l.Compared || len(l.Scores) != 8 {
				t.Errorf("learner %s = %+v", l.Name, l)
			}
			for _, s := range l.Scores {
				if s.Score == nil || s.Band < 0 {
					t.Errorf("learner %s score %+v", l.Name, s)
				}
			}
			improved += l.Improved
		}
		if improved == 0 {
			t.Error("nobody improved reliably")
		}
		if data.Learners[0].Training.Modules == 0 || data.Learners[0].Name != "Ana 2" || data.Learners[0].Training.ModulesCompleted != 1 {
			t.Errorf("first learner (by name) = %+v", data.Learners[0])
		}
		for _, d := range data.Dimensions {
			if d.N != 6 || !d.Shown || len(d.Bands) != 4 {
				t.Errorf("dimension %+v", d)
			}
		}
		for _, a := range data.Attention {
			if a.Name == "" || len(a.Reasons) == 0 {
				t.Errorf("attention %+v", a)
			}
		}
		doc, err := newRenderer(t).CohortReport(data, Spanish)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
		text := pdftest.Squash(pdftest.Text(t, doc))
		for _, l := range data.Learners {
			if !strings.Contains(text, l.Name) {
				t.Errorf("the report lacks %q", l.Name)
			}
		}
		if _, err := src.CohortReportData(g.ctx, identity.NewID()); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("unknown cohort: %v", err)
		}
		noDev := src
		noDev.Development = nil
		if _, err := noDev.CohortReportData(g.ctx, g.a.ID); err == nil {
			t.Error("a cohort report without the development store")
		}
	})
}

func TestSourcesOrganisationReportData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		g := newGroupWorld(t, gdb)
		src := g.sources()
		data, err := src.OrganisationReportData(g.ctx, g.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		p := data.Participation
		if data.MinGroupSize != 5 || p.Learners != 12 || p.Assessed != 12 || p.Reassessed != 12 || p.TrainingStarted != 1 || data.Instrument == nil {
			t.Fatalf("organisation data = %+v", data)
		}
		for k, d := range data.Dimensions {
			if d.N != 12 || !d.Shown || d.Mean <= 0 || data.Change[k].N != 12 || !data.Change[k].Shown || data.Change[k].MeanChange <= 0 {
				t.Errorf("dimension %d: %+v %+v", k, d, data.Change[k])
			}
		}
		if len(data.Strengths) != 3 || len(data.Gaps) != 3 {
			t.Errorf("strengths %v, gaps %v", data.Strengths, data.Gaps)
		}
		if len(data.Cohorts) != 3 {
			t.Fatalf("cohorts = %+v", data.Cohorts)
		}
		byName := map[string]CohortBreakdown{}
		for _, c := range data.Cohorts {
			byName[c.Name] = c
		}
		// A (six, the rest six) is broken out and shown.
		if a := byName["Liderazgo · primavera"]; !a.BrokenOut || a.Participation.Learners != 6 || len(a.Dimensions) != 8 || !a.Dimensions[0].Shown || !a.Change[0].Shown {
			t.Errorf("cohort A = %+v", a)
		}
		// B (three) is not broken out at all.
		if b := byName["Dirección"]; b.BrokenOut || b.Learners != 3 || b.Participation.Learners != 0 || b.Dimensions != nil || b.Change != nil {
			t.Errorf("cohort B = %+v", b)
		}
		// C (eight) is broken out, but its scores are not shown: the other four would follow.
		c := byName["Todos menos cuatro"]
		if !c.BrokenOut || c.Participation.Learners != 8 {
			t.Errorf("cohort C = %+v", c)
		}
		for k := range c.Dimensions {
			if c.Dimensions[k].Shown || c.Dimensions[k].Mean != 0 || c.Change[k].Shown || c.Change[k].Improved != 0 {
				t.Errorf("cohort C dimension %d is shown: %+v %+v", k, c.Dimensions[k], c.Change[k])
			}
		}
		rel := data.Reliability
		if rel == nil || rel.Attempts != 24 || len(rel.Dimensions) != 8 {
			t.Fatalf("reliability = %+v", rel)
		}
		for _, d := range rel.Dimensions {
			if !d.Shown || d.N != 24 || d.Items == 0 || d.GrowthAlpha == nil {
				t.Errorf("reliability of %s = %+v", d.Slug, d)
			}
		}
		doc, err := newRenderer(t).OrganisationReport(data, Spanish)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
		text := pdftest.Squash(pdftest.Text(t, doc))
		for _, want := range []string{"Consultora Ibérica", "Dirección", "Menos de 5 personas: no se desglosa", "Liderazgo · primavera",
			"Anexo: fiabilidad del instrumento"} {
			if !strings.Contains(text, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
		// No person's name appears in the organisation report.
		for _, u := range append(g.inA, g.rest...) {
			if strings.Contains(text, u.Name) {
				t.Errorf("the organisation report names %s", u.Name)
			}
		}
		if _, err := src.OrganisationReportData(g.ctx, identity.NewID()); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("unknown organisation: %v", err)
		}
	})
}

// TestSourcesGroupQueries: the group reports and exports read their data in a number of
// queries that does not grow with the number of learners.
func TestSourcesGroupQueries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		w := newWorld(t, gdb)
		small, large := w.learners("Ana", 2), w.learners("Bea", 9)
		cs, cl := w.cohort("Pequeño", small...), w.cohort("Grande", large...)
		for range 2 {
			w.importSelf(append(append([]identity.User{}, small...), large...), func(i, k int) int { return 1 + (i+k)%4 })
		}
		w.completeModule(large[0], 0, true)
		src := w.sources()
		// Warm the per-version caches (definitions, reliability).
		if _, err := src.CohortReportData(w.ctx, cl.ID); err != nil {
			t.Fatal(err)
		}
		count := func(fn func() error) int64 {
			var err error
			n := countQueries(t, gdb, func() { err = fn() })
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		for name, run := range map[string]func(c identity.Cohort) error{
			"cohort report": func(c identity.Cohort) error { _, err := src.CohortReportData(w.ctx, c.ID); return err },
			"scores CSV": func(c identity.Cohort) error {
				return src.ScoresCSV(w.ctx, &strings.Builder{}, Scope{OrganisationID: w.org.ID, CohortID: c.ID}, Spanish)
			},
			"progress CSV": func(c identity.Cohort) error {
				return src.ProgressCSV(w.ctx, &strings.Builder{}, Scope{OrganisationID: w.org.ID, CohortID: c.ID}, Spanish)
			},
			"actions CSV": func(c identity.Cohort) error {
				return src.ActionsCSV(w.ctx, &strings.Builder{}, Scope{OrganisationID: w.org.ID, CohortID: c.ID}, Spanish)
			},
		} {
			ns, nl := count(func() error { return run(cs) }), count(func() error { return run(cl) })
			t.Logf("%s: %d queries", name, nl)
			if ns != nl {
				t.Errorf("%s: %d queries for 2 learners, %d for 9", name, ns, nl)
			}
		}
		// Events with attendance and follow-ups: one held before the first count; one more
		// held, for the new cohort, and one upcoming before the second.
		coach := w.coach("Irene Beltrán")
		held := func(cohort *identity.Cohort, people []identity.User) {
			e := w.event(coach, "Desayuno", w.clock.Now().Add(time.Hour), cohort)
			w.going(e, people...)
			w.clock.Advance(2 * time.Hour)
			for i, u := range people {
				w.attended(u, e, i%3, min(i%2, i%3))
			}
		}
		held(nil, append(append([]identity.User{}, small...), large[:4]...))
		events := func() error {
			_, err := src.organisationEvents(w.ctx, w.org.ID, append(append([]identity.User{}, small...), large...),
				[]cohortGroup{{id: cs.ID, members: userIDs(small)}, {id: cl.ID, members: userIDs(large)}}, w.clock.Now())
			return err
		}
		eventsBefore := count(events)
		_, _ = src.OrganisationReportData(w.ctx, w.org.ID) // the clock moved: the reliability is checked again once
		before := count(func() error { _, err := src.OrganisationReportData(w.ctx, w.org.ID); return err })
		more := w.learners("Carlos", 7)
		other := w.cohort("Otro", more...)
		w.importSelf(more, func(i, k int) int { return 2 })
		w.importSelf(more, func(i, k int) int { return 3 })
		held(&other, more)
		w.going(w.event(coach, "Foro", w.clock.Now().AddDate(0, 0, 9), nil), append(append([]identity.User{}, more[:3]...), large[5:]...)...)
		_, _ = src.OrganisationReportData(w.ctx, w.org.ID) // the reliability changed: recompute it once
		after := count(func() error { _, err := src.OrganisationReportData(w.ctx, w.org.ID); return err })
		t.Logf("organisation report: %d queries, %d of them for the events", after, eventsBefore)
		if before != after {
			t.Errorf("organisation report: %d queries for 11 learners in 2 cohorts and 1 event, %d for 18 in 3 and 3", before, after)
		}
		// The events section: AttendanceReport's three queries (the counter also sees the two
		// subqueries it builds) and AttendanceByPerson's two, whatever the events and cohorts.
		const eventQueries = 7
		if eventsAfter := count(events); eventsBefore != eventQueries || eventsAfter != eventQueries {
			t.Errorf("events section: %d queries for 1 event, %d for 3, want %d", eventsBefore, eventsAfter, eventQueries)
		}
	})
}
