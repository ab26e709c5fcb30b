package psychometrics

import (
	"math"
	"testing"
)

func TestReliableChange(t *testing.T) {
	tests := []struct {
		name                     string
		before, after, sd, alpha float64
		rci                      float64
		reliable                 bool
	}{
		// SEM = 10·√0.75 = 8.660254, Sdiff = √2·SEM = 12.247449, RCI = 25/12.247449.
		{"reliable improvement", 50, 75, 10, 0.25, 2.0412414523193148, true},
		{"reliable deterioration", 75, 50, 10, 0.25, -2.0412414523193148, true},
		// SEM = 2·√0.19 = 0.871780, Sdiff = 1.232883, RCI = 2/1.232883 = 1.622214.
		{"not reliable", 10, 12, 2, 0.81, 1.6222142113076254, false},
		{"no change", 3, 3, 1, 0.8, 0, false},
		// sd = 1, alpha = 0.5: Sdiff = √2·√0.5 = 1, so RCI is the raw difference.
		{"exactly 1.96 is not beyond 1.96", 0, 1.96, 1, 0.5, 1.96, false},
		{"just beyond 1.96", 0, 1.9601, 1, 0.5, 1.9601, true},
		// alpha = −1: SEM = sd·√2, Sdiff = 2·sd.
		{"negative alpha", 0, 4, 1, -1, 2, true},
		{"alpha 1 is undefined", 0, 4, 1, 1, 0, false},
		{"alpha above 1 is undefined", 0, 4, 1, 1.2, 0, false},
		{"sd 0 is undefined", 0, 4, 0, 0.8, 0, false},
		{"negative sd is undefined", 0, 4, -1, 0.8, 0, false},
		{"NaN alpha is undefined", 0, 4, 1, math.NaN(), 0, false},
		{"NaN score is undefined", math.NaN(), 4, 1, 0.8, 0, false},
		{"infinite score is undefined", 0, math.Inf(1), 1, 0.8, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rci, reliable := ReliableChange(tt.before, tt.after, tt.sd, tt.alpha)
			assertClose(t, "RCI", rci, tt.rci, 1e-12)
			if reliable != tt.reliable {
				t.Errorf("reliable = %v, want %v", reliable, tt.reliable)
			}
		})
	}
}
