package psychometrics

import "math"

// Percentile returns the percentile rank of score in the reference group, from 0 to 100,
// using the mid-rank definition:
//
//	PR = 100 · (B + E/2) / N
//
// where B is the number of group values below score, E the number equal to it and N the
// number of group values. A score below everyone gets 0, above everyone 100, and a score
// equal to every value 50. Ties count half, so the rank does not depend on how ties would be
// broken.
//
// NaN values in group are ignored. The result is NaN when score is NaN or group has no
// (non-NaN) values, since no rank is defined then.
func Percentile(score float64, group []float64) float64 {
	if math.IsNaN(score) {
		return math.NaN()
	}
	var below, equal, n int
	for _, g := range group {
		switch {
		case math.IsNaN(g):
			continue
		case g < score:
			below++
		case g == score:
			equal++
		}
		n++
	}
	if n == 0 {
		return math.NaN()
	}
	return 100 * (float64(below) + float64(equal)/2) / float64(n)
}
