package reports

// MinGroupSize is the smallest group the organisation report breaks out: results of fewer
// people are left out, so that no person can be singled out.
const MinGroupSize = 5

// InactiveDays is how many days without any activity make a learner need attention in the
// cohort report (the cohort page uses the same).
const InactiveDays = 14

// GroupInstrument is the self-assessment a group report is about: the version most of the
// group's latest attempts were taken on. Scores taken on other versions are matched to its
// dimensions by slug.
type GroupInstrument struct {
	ID       string
	Key      string
	Title    Text
	Version  int
	ScaleMin int
	ScaleMax int
	// Dimensions are in the instrument's order.
	Dimensions []DimensionInfo
}

// DimensionInfo is a dimension's name and bands.
type DimensionInfo struct {
	Slug  string
	Name  Text
	Bands []BandDef
}

// GroupScore is one person's score on one dimension.
type GroupScore struct {
	// Score is 0–100; nil when not scored or not taken.
	Score *float64
	// Band indexes the dimension's bands; -1 without a score.
	Band int
}

// DimensionStats describes a group's latest scores on one dimension.
type DimensionStats struct {
	Slug string
	// N is the number of people with a score.
	N int
	// Shown says whether the statistics may be shown; when false (too small a group) the
	// other fields are zero.
	Shown bool
	Mean  float64
	SD    float64
	// Q1, Median and Q3 are the quartiles (linear interpolation between order statistics).
	Q1, Median, Q3 float64
	// Bands counts the scores per band, in the dimension's band order.
	Bands []int
	// MeanBand is the band the mean falls in.
	MeanBand int
}

// ChangeStats describes how a group's scores on one dimension changed from each person's
// first self-assessment to their latest one on identical content.
type ChangeStats struct {
	Slug string
	// N is the number of people with both scores.
	N int
	// Shown says whether the statistics may be shown (see DimensionStats.Shown).
	Shown bool
	// MeanChange is the mean of latest − first.
	MeanChange float64
	// Assessable counts the people whose change has a reliable change index (the
	// dimension's reliability is known); Improved and Declined those with a reliable
	// improvement or decline (|RCI| > 1.96).
	Assessable, Improved, Declined int
}

// Participation counts what a group's learners have done.
type Participation struct {
	Learners int
	// Assessed have a submitted self-assessment; Reassessed can be compared with an earlier
	// one on identical content.
	Assessed, Reassessed int
	// TrainingStarted have done anything in the modules; TrainingCompleted have completed
	// every module; AverageProgress is the mean overall progress (0–100).
	TrainingStarted, TrainingCompleted int
	AverageProgress                    float64
	// WithGoals have a goal in their development plan; Logging logged an action in the last
	// ActionWeeks weeks.
	WithGoals, Logging int
	ActionWeeks        int
}
