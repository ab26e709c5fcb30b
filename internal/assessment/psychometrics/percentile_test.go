package psychometrics

import (
	"math"
	"testing"
)

func TestPercentile(t *testing.T) {
	group := []float64{1, 2, 2, 3, 4, 4, 4, 5, 6, 7} // N = 10
	tests := []struct {
		name  string
		score float64
		group []float64
		want  float64 // NaN = undefined
	}{
		{"below everyone", 0, group, 0},
		{"above everyone", 8, group, 100},
		{"lowest value, no ties: (0 + 1/2)/10", 1, group, 5},
		{"tied pair: (1 + 2/2)/10", 2, group, 20},
		{"tied triple: (4 + 3/2)/10", 4, group, 55},
		{"between values: 7 below of 10", 4.5, group, 70},
		{"highest value: (9 + 1/2)/10", 7, group, 95},
		{"everyone equal", 3, []float64{3, 3, 3}, 50},
		{"single other value", 2, []float64{1}, 100},
		{"NaN in group ignored: (1 + 1/2)/3", 2, []float64{1, math.NaN(), 2, 3}, 50},
		{"empty group", 1, nil, math.NaN()},
		{"only NaN in group", 1, []float64{math.NaN()}, math.NaN()},
		{"NaN score", math.NaN(), group, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkOrNaN(t, "Percentile", Percentile(tt.score, tt.group), tt.want)
		})
	}
}
