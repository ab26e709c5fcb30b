package reports

import (
	"testing"
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
