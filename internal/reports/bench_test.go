package reports

import (
	"fmt"
	"testing"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
)

// BenchmarkLearnerReport renders the realistic sample learner (twelve pages: every section,
// 360 feedback, goals and action log included).
func BenchmarkLearnerReport(b *testing.B) {
	r := newRenderer(b)
	data := sampleLearner(b)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		doc, err := r.LearnerReport(data, Spanish)
		if err != nil {
			b.Fatal(err)
		}
		size = len(doc)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

// BenchmarkLearnerReportParallel is the same on every core, as a bulk job runs it.
func BenchmarkLearnerReportParallel(b *testing.B) {
	r := newRenderer(b)
	data := sampleLearner(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := r.LearnerReport(data, Spanish); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkCertificate renders a module certificate.
func BenchmarkCertificate(b *testing.B) {
	r := newRenderer(b)
	data := sampleCertificate()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Certificate(data, Spanish); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRenderer is the one-off cost of preparing fonts and messages.
func BenchmarkNewRenderer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCohortReport renders the sample cohort (fourteen learners, six pages).
func BenchmarkCohortReport(b *testing.B) {
	r := newRenderer(b)
	data := sampleCohort(b)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		doc, err := r.CohortReport(data, Spanish)
		if err != nil {
			b.Fatal(err)
		}
		size = len(doc)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

// BenchmarkOrganisationReport aggregates 1,000 synthetic learners in four cohorts (one too
// small to break out) into the organisation report and renders it.
func BenchmarkOrganisationReport(b *testing.B) {
	r := newRenderer(b)
	inst := sampleInstrument(b)
	facts := synthetic(inst, 1000, 2)
	base := sampleOrganisation(b, 1000)
	cohorts := []cohortGroup{{name: "Desarrollo de negocio", members: userIDsOfFacts(facts[:400])},
		{name: "Liderazgo", members: userIDsOfFacts(facts[400:750])}, {name: "Preventa", members: userIDsOfFacts(facts[750:997])},
		{name: "Dirección", members: userIDsOfFacts(facts[997:])}}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		data := organisationData(inst, facts, cohorts)
		data.GeneratedAt, data.Organisation, data.Reliability = base.GeneratedAt, base.Organisation, base.Reliability
		doc, err := r.OrganisationReport(data, Spanish)
		if err != nil {
			b.Fatal(err)
		}
		size = len(doc)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

func userIDsOfFacts(facts []learnerFacts) []string {
	out := make([]string, len(facts))
	for i, f := range facts {
		out[i] = f.user.ID
	}
	return out
}

// BenchmarkOrganisationReportFromDatabase reads and renders the organisation report of
// 1,000 learners in 40 cohorts, each with two self-assessments (imported), on each
// database under test: the whole path a download takes.
func BenchmarkOrganisationReportFromDatabase(b *testing.B) {
	for _, kind := range dbtest.Kinds() {
		b.Run(string(kind), func(b *testing.B) {
			w := newWorld(b, dbtest.New(b, kind))
			learners := w.learners("Persona", 1000)
			for i := range 40 {
				w.cohort(fmt.Sprintf("Grupo %02d", i+1), learners[i*25:(i+1)*25]...)
			}
			w.importSelf(learners, func(i, k int) int { return 1 + (i+k)%4 })
			w.importSelf(learners, func(i, k int) int { return 1 + (i+2*k)%5 })
			w.log(learners[0], "2025-06-02", development.ActionHelped)
			src, r := w.sources(), newRenderer(b)
			b.ReportAllocs()
			for b.Loop() {
				data, err := src.OrganisationReportData(w.ctx, w.org.ID)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := r.OrganisationReport(data, Spanish); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
