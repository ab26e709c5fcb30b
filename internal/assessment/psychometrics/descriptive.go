package psychometrics

import "math"

// Mean returns the arithmetic mean of xs, or NaN when xs is empty.
func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// Variance returns the sample variance of xs (denominator n−1), or NaN when xs has fewer
// than two values. It uses the two-pass formula, which is accurate for data far from zero.
func Variance(xs []float64) float64 {
	if len(xs) < 2 {
		return math.NaN()
	}
	m := Mean(xs)
	ss := 0.0
	for _, x := range xs {
		d := x - m
		ss += d * d
	}
	return ss / float64(len(xs)-1)
}

// SD returns the sample standard deviation of xs (denominator n−1), or NaN when xs has fewer
// than two values.
func SD(xs []float64) float64 {
	return math.Sqrt(Variance(xs))
}
