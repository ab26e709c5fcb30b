package loadtest

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"
	"text/tabwriter"
	"time"
)

// Stats collects latencies and errors per step; safe for concurrent use.
type Stats struct {
	mu     sync.Mutex
	steps  map[string][]time.Duration
	errors map[string]int
	first  map[string]string // the first error message per step
}

// NewStats returns empty statistics.
func NewStats() *Stats {
	return &Stats{steps: map[string][]time.Duration{}, errors: map[string]int{}, first: map[string]string{}}
}

// Record adds one request of a step.
func (s *Stats) Record(step string, d time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.steps[step] = append(s.steps[step], d)
	if err != nil {
		s.errors[step]++
		if _, ok := s.first[step]; !ok {
			s.first[step] = err.Error()
		}
	}
}

// Errors is the number of failed requests.
func (s *Stats) Errors() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range s.errors {
		n += e
	}
	return n
}

// StepSummary is one step's figures.
type StepSummary struct {
	Step               string
	Count, Errors      int
	PerSecond          float64
	P50, P95, P99, Max time.Duration
	FirstError         string
}

// Summary computes the figures of every step over the run's wall time.
func (s *Stats) Summary(wall time.Duration) []StepSummary {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []StepSummary
	for step, ds := range s.steps {
		sorted := slices.Clone(ds)
		slices.Sort(sorted)
		out = append(out, StepSummary{Step: step, Count: len(sorted), Errors: s.errors[step],
			PerSecond: float64(len(sorted)) / wall.Seconds(),
			P50:       quantile(sorted, 0.50), P95: quantile(sorted, 0.95), P99: quantile(sorted, 0.99), Max: sorted[len(sorted)-1],
			FirstError: s.first[step]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Step < out[j].Step })
	return out
}

// quantile is the nearest-rank quantile of sorted durations.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// Print writes the summary as a table.
func Print(w io.Writer, sum []StepSummary) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "step\trequests\terrors\treq/s\tp50\tp95\tp99\tmax\t")
	for _, s := range sum {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%s\t%s\t%s\t%s\t\n", s.Step, s.Count, s.Errors, s.PerSecond,
			ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max))
	}
	_ = tw.Flush()
	for _, s := range sum {
		if s.FirstError != "" {
			fmt.Fprintf(w, "first error in %s: %s\n", s.Step, s.FirstError)
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
