package psychometrics

import (
	"math"
	"testing"
)

func TestMeanAndSD(t *testing.T) {
	tests := []struct {
		name     string
		xs       []float64
		mean, sd float64 // NaN = undefined
	}{
		{"empty", nil, math.NaN(), math.NaN()},
		{"one value", []float64{4}, 4, math.NaN()},
		{"two values", []float64{1, 3}, 2, math.Sqrt2},
		// Σx = 40; Σ(x−5)² = 16+4+4+0+0+0+4+36 = 64 → var 64/7 (n−1), not 64/8.
		{"eight values", []float64{1, 3, 3, 5, 5, 5, 7, 11}, 5, math.Sqrt(64.0 / 7)},
		{"constant", []float64{2.5, 2.5, 2.5}, 2.5, 0},
		// Large offset: a one-pass formula would lose the variance to cancellation.
		{"far from zero", []float64{1e9 + 1, 1e9 + 2, 1e9 + 3}, 1e9 + 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkOrNaN(t, "Mean", Mean(tt.xs), tt.mean)
			checkOrNaN(t, "SD", SD(tt.xs), tt.sd)
			checkOrNaN(t, "Variance", Variance(tt.xs), tt.sd*tt.sd)
		})
	}
}

// checkOrNaN checks got against want, where a NaN want means got must be NaN.
func checkOrNaN(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s = %v, want NaN", name, got)
		}
		return
	}
	assertClose(t, name, got, want, 1e-12)
}
