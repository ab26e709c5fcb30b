package reports

import "time"

// CohortReportData is everything the cohort report shows to the cohort's coaches: each
// learner's progress and latest self-assessment, the cohort's distribution per dimension
// and who needs attention. Build it with Sources.CohortReportData, or by hand in tests.
type CohortReportData struct {
	// GeneratedAt is the report date; zero means the Renderer's clock.
	GeneratedAt  time.Time
	Organisation Organisation
	Cohort       CohortInfo
	Coaches      []Person
	// Instrument is the self-assessment the scores come from; nil when it is not available.
	Instrument *GroupInstrument
	// Learners are the cohort's members, by name.
	Learners []CohortLearner
	// Dimensions describe the members' latest scores, in the instrument's order.
	Dimensions []DimensionStats
	// Attention lists the learners who need attention, in the order of Learners;
	// InactiveDays is the inactivity that counts.
	Attention    []AttentionLearner
	InactiveDays int
}

// CohortInfo names a cohort.
type CohortInfo struct {
	ID          string
	Name        string
	Description string
}

// CohortLearner is one member of the cohort.
type CohortLearner struct {
	ID string
	Person
	Training Overall
	// LastActivity is the latest course activity; nil if none.
	LastActivity *time.Time
	// AssessedAt is when the latest self-assessment was submitted (nil: none yet); Attempts
	// counts the submitted ones.
	AssessedAt *time.Time
	Attempts   int
	// Scores are the latest scores, in the order of the instrument's dimensions.
	Scores []GroupScore
	// Compared says whether an earlier self-assessment on identical content exists; then
	// Improved and Declined count the dimensions with a reliable improvement or decline
	// since the first one.
	Compared           bool
	Improved, Declined int
}

// AttentionLearner is a learner who needs attention, and why.
type AttentionLearner struct {
	ID   string
	Name string
	// LastActivity is the latest activity of any kind; nil if none ever.
	LastActivity *time.Time
	OverdueGoals int
	// Reasons are "inactive", "goals_overdue" and "self_assessment_not_started".
	Reasons []string
}
