package threesixty

// GapThreshold is the smallest gap, in points of the 0–100 score, that counts: a gap must
// be larger than one third of the range (100/3 ≈ 33.33), so 33.33 does not count and 33.34
// does.
const GapThreshold = 100.0 / 3

// Kind says what a gap between self and observers means.
type Kind string

// The kinds of gap.
const (
	// NoGap: self and observers agree within GapThreshold.
	NoGap Kind = ""
	// BlindSpot: the learner rates themself more than GapThreshold above the observers.
	BlindSpot Kind = "blind_spot"
	// HiddenStrength: the observers rate the learner more than GapThreshold above self.
	HiddenStrength Kind = "hidden_strength"
)

// Classify compares a self score with the observers' mean, both 0–100.
func Classify(self, others float64) Kind {
	switch gap := self - others; {
	case gap > GapThreshold:
		return BlindSpot
	case -gap > GapThreshold:
		return HiddenStrength
	default:
		return NoGap
	}
}
