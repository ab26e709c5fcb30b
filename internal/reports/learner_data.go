package reports

import "time"

// LearnerReportData is everything the learner development report shows, in every
// language its content has. Build it with Sources.LearnerReportData, or by hand in tests.
// Optional parts are nil or empty when there is nothing to show, and the report leaves
// their section out (Assessment and Growth print a short note instead).
type LearnerReportData struct {
	// GeneratedAt is the report date; zero means the Renderer's clock.
	GeneratedAt  time.Time
	Organisation Organisation
	Learner      Person
	// Assessment is the latest submitted self-assessment; nil when there is none.
	Assessment *Assessment
	// Growth compares the self-assessments taken on the same instrument content; nil (or
	// fewer than two attempts) when there is nothing to compare.
	Growth   *Growth
	Training Training

	// The development sections (Sources fills them from the development store); each is
	// left out while empty.
	Feedback360 *Feedback360
	Goals       []Goal
	Actions     ActionSummary
}

// Organisation is the learner's organisation.
type Organisation struct {
	Name string
	// Branding, when set, replaces the Renderer's default branding for this report.
	Branding *Branding
	// Zone is the organisation's time zone, in which the report writes dates; nil: UTC.
	Zone *time.Location
}

// Person is a named person.
type Person struct {
	Name  string
	Email string
}

// Assessment is a scored self-assessment with its norms and measurement error.
type Assessment struct {
	InstrumentKey string
	Title         Text
	Version       int
	AttemptID     string
	SubmittedAt   time.Time
	// ScaleMin and ScaleMax are the answer scale of the Likert items (1 and 5).
	ScaleMin, ScaleMax int
	// Group is the reference group of the percentiles ("organisation", "cohort" or
	// "everyone"); percentiles are shown for groups of at least MinGroupSize people.
	Group        string
	MinGroupSize int
	NormsDate    time.Time
	// Dimensions are in the instrument's order.
	Dimensions []Dimension
}

// Dimension is one dimension's result.
type Dimension struct {
	Slug        string
	Name        Text
	Description Text
	// Score (0–100) and Band are nil when the dimension is not scored: fewer than Required
	// of its Items were answered (Answered).
	Score                     *float64
	Band                      *Band
	Answered, Items, Required int
	// Bands are the dimension's bands, ascending.
	Bands []BandDef
	// Percentile is the score's percentile in the reference group of GroupSize people; nil
	// when not scored or when the group is smaller than the minimum.
	Percentile *float64
	GroupSize  int
	// SEM is the standard error of measurement in points of the 0–100 score (nil when the
	// instrument's reliability is not known yet); Alpha the reliability it comes from.
	SEM   *float64
	Alpha *float64
	// Actions are the instrument's concrete suggestions for the dimension.
	Actions []Text
}

// Band is the band a score falls in.
type Band struct {
	Index    int
	Min      float64
	Label    Text
	Feedback Text
}

// BandDef is one band of a dimension: from Min up to the next band's Min.
type BandDef struct {
	Min   float64
	Label Text
}

// Growth is the learner's scores over successive attempts.
type Growth struct {
	// Attempts are oldest first; the last is the current attempt.
	Attempts   []AttemptRef
	Dimensions []DimensionGrowth
}

// AttemptRef is one submitted attempt.
type AttemptRef struct {
	ID          string
	SubmittedAt time.Time
}

// DimensionGrowth is one dimension over the attempts.
type DimensionGrowth struct {
	Slug string
	// Scores has one entry per attempt (nil when not scored then).
	Scores []*float64
	// Change is the latest score minus the first; RCI the reliable change index between
	// them and Reliable whether |RCI| > 1.96. RCI is nil when a score or the reliability is
	// missing.
	Change   *float64
	RCI      *float64
	Reliable bool
}

// Training is the learner's progress through the modules.
type Training struct {
	Modules []ModuleProgress
	Overall Overall
}

// ModuleProgress is the learner's progress in one module.
type ModuleProgress struct {
	Slug                 string
	Title                Text
	Lessons, LessonsDone int
	Percent              int
	CompletedAt          *time.Time
	// Quiz: whether the module has one, the learner's submitted attempts, the score that
	// counts, the best one and whether it is passed.
	HasQuiz      bool
	QuizAttempts int
	QuizScore    *float64
	QuizBest     *float64
	QuizPassed   bool
}

// Overall sums the progress over all modules.
type Overall struct {
	Modules, ModulesCompleted int
	Lessons, LessonsDone      int
	Quizzes, QuizzesPassed    int
	Percent                   int
}

// Feedback360 is what may be shown of the learner's 360 feedback: aggregates only, under
// the same anonymity rules as the web (observer results only with at least MinObservers
// answers).
type Feedback360 struct {
	Invited, Answered, MinObservers int
	// Shown says whether observer results may be shown at all.
	Shown           bool
	Dimensions      []Dimension360
	BlindSpots      []Gap360
	HiddenStrengths []Gap360
}

// Dimension360 compares self and observers on one dimension (0–100).
type Dimension360 struct {
	Slug   string
	Name   Text
	Self   *float64
	Others *float64
}

// Gap360 is a blind spot (self well above others) or a hidden strength (the reverse).
type Gap360 struct {
	Slug         string
	Name         Text
	Self, Others float64
}

// Goal is one goal of the learner's development plan.
type Goal struct {
	Dimension      string // a dimension slug
	Title          string
	SuccessMeasure string
	DueOn          time.Time
	// Status is "planned", "in_progress", "done" or "dropped".
	Status string
}

// ActionSummary counts the learner's action log entries between From and To.
type ActionSummary struct {
	From, To time.Time
	Total    int
	// ByType counts entries per action type ("helped", "introduced", "attended_event",
	// "followed_up", "shared_content", "asked_for_help"), in display order.
	ByType []ActionCount
	// ActiveWeeks of Weeks had at least one entry.
	ActiveWeeks, Weeks int
	// FollowUpsDone and FollowUpsOpen count the follow-ups after events.
	FollowUpsDone, FollowUpsOpen int
}

// ActionCount is the number of entries of one action type.
type ActionCount struct {
	Type  string
	Count int
}

// empty reports whether there is nothing to show.
func (a ActionSummary) empty() bool { return a.Total == 0 && a.Weeks == 0 }
