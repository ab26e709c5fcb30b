package loadtest

import (
	"errors"
	"testing"
	"time"
)

func TestQuantilesAndErrors(t *testing.T) {
	s := NewStats()
	for i := 1; i <= 100; i++ {
		var err error
		if i%50 == 0 {
			err = errors.New("boom")
		}
		s.Record("answer", time.Duration(i)*time.Millisecond, err)
	}
	sum := s.Summary(10 * time.Second)
	if len(sum) != 1 {
		t.Fatalf("%d steps", len(sum))
	}
	got := sum[0]
	if got.P50 != 50*time.Millisecond || got.P95 != 95*time.Millisecond || got.P99 != 99*time.Millisecond || got.Max != 100*time.Millisecond {
		t.Fatalf("quantiles = %v %v %v %v", got.P50, got.P95, got.P99, got.Max)
	}
	if got.Errors != 2 || s.Errors() != 2 || got.FirstError != "boom" || got.PerSecond != 10 {
		t.Fatalf("summary = %+v", got)
	}
}
