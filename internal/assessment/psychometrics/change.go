package psychometrics

import "math"

// reliableChangeCriterion is the two-sided 5% critical value of the standard normal
// distribution used by Jacobson and Truax (1991).
const reliableChangeCriterion = 1.96

// ReliableChange returns the Jacobson–Truax reliable change index for a change from before
// to after on a scale with standard deviation sd (of the reference group, on the same scale as
// the scores) and reliability alpha:
//
//	SEM   = sd · √(1 − alpha)
//	Sdiff = √2 · SEM
//	RCI   = (after − before) / Sdiff
//
// The change is reliable when |RCI| > 1.96. A positive RCI means the score went up.
//
// When the index is undefined — sd ≤ 0, alpha ≥ 1 (a perfectly reliable scale has Sdiff = 0),
// or any argument is NaN or infinite — ReliableChange returns (0, false): no reliable change
// can be claimed. A negative alpha is accepted (it only makes Sdiff larger).
func ReliableChange(before, after, sd, alpha float64) (rci float64, reliable bool) {
	for _, v := range []float64{before, after, sd, alpha} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, false
		}
	}
	if sd <= 0 || alpha >= 1 {
		return 0, false
	}
	sem := sd * math.Sqrt(1-alpha)
	sdiff := math.Sqrt2 * sem
	rci = (after - before) / sdiff
	return rci, math.Abs(rci) > reliableChangeCriterion
}
