package reports

import "time"

// OrganisationReportData is everything the organisation competency report shows to its
// administrators: aggregates only, and none over fewer than MinGroupSize people. Build it
// with Sources.OrganisationReportData, or by hand in tests.
type OrganisationReportData struct {
	// GeneratedAt is the report date; zero means the Renderer's clock.
	GeneratedAt  time.Time
	Organisation Organisation
	// MinGroupSize is the smallest group whose results are shown.
	MinGroupSize int
	// Instrument is the self-assessment the scores come from; nil when it is not available.
	Instrument    *GroupInstrument
	Participation Participation
	// Dimensions and Change describe the organisation's learners, in the instrument's order.
	Dimensions []DimensionStats
	Change     []ChangeStats
	// Strengths and Gaps are dimension slugs: the highest and the lowest means, up to
	// three each, strongest and weakest first.
	Strengths, Gaps []string
	// Cohorts are the organisation's cohorts, by name.
	Cohorts []CohortBreakdown
	// Events are the learners' attendance at the organisation's professional events.
	Events OrganisationEvents
	// Reliability is the appendix; nil without an instrument.
	Reliability *ReliabilityAppendix
}

// CohortBreakdown is one cohort's part of the organisation report.
type CohortBreakdown struct {
	Name     string
	Learners int
	// BrokenOut is false for a cohort of fewer than MinGroupSize learners, which is counted
	// in the organisation's figures only: the fields below are then zero.
	BrokenOut     bool
	Participation Participation
	// Dimensions and Change are in the instrument's order; each is shown only for at least
	// MinGroupSize people, when the rest of the organisation is either nobody or at least
	// MinGroupSize people too (so that no one's result follows from a subtraction).
	Dimensions []DimensionStats
	Change     []ChangeStats
}

// ReliabilityAppendix is the reliability of the instrument version over the
// organisation's submitted attempts, as the psychometrics page shows it.
type ReliabilityAppendix struct {
	Version int
	// Attempts counts the organisation's submitted attempts on the version (imported ones
	// included).
	Attempts           int
	ScaleMin, ScaleMax int
	Dimensions         []DimensionReliability
}

// DimensionReliability is one dimension of the appendix. Its statistics are shown only
// over at least MinGroupSize complete cases, when at least MinGroupSize of the
// organisation's learners have taken the self-assessment.
type DimensionReliability struct {
	Slug  string
	Items int
	// N is the number of complete cases (attempts that answered every item).
	N     int
	Shown bool
	// Mean, SD and SEM are on the item scale; nil when undefined.
	Mean, SD, Alpha, StdAlpha, SEM *float64
	// Problem says why Alpha is nil ("too_few_respondents", "too_few_items",
	// "no_variance").
	Problem string
	// GrowthAlpha is the alpha over every respondent of the version, on which the reliable
	// change index rests.
	GrowthAlpha *float64
}
