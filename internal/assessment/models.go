package assessment

import (
	"time"

	"github.com/academy-platform/academy/internal/assessment/instrument"
)

// Source says how an attempt's answers arrived.
type Source string

// The sources.
const (
	// SourceOnline: answered in Academy.
	SourceOnline Source = "online"
	// SourceImport: collected elsewhere and imported from a CSV file.
	SourceImport Source = "import"
)

// Status is where an attempt stands.
type Status string

// The statuses.
const (
	// StatusOpen: answers can still be saved.
	StatusOpen Status = "open"
	// StatusSubmitted: final; scores are stored.
	StatusSubmitted Status = "submitted"
)

// Instrument is one stored version of an instrument, without its definition (see
// Store.Definition).
type Instrument struct {
	ID      string `json:"id"`
	Key     string `json:"key"`
	Version int    `json:"version"`
	// OrganisationID owns a custom instrument; "" for a built-in one.
	OrganisationID string              `json:"organisation_id,omitempty"`
	Title          instrument.Text     `json:"title"`
	Audience       instrument.Audience `json:"audience"`
	Languages      []string            `json:"languages"`
	// Hash identifies the content (without the version number); see Definition.Hash.
	Hash      string    `json:"hash"`
	CreatedAt time.Time `json:"created_at"`
}

// BuiltIn reports whether the instrument ships with Academy.
func (i Instrument) BuiltIn() bool { return i.OrganisationID == "" }

// VisibleTo reports whether people of the organisation may use the instrument: built-in
// instruments are visible to everyone, custom ones to their organisation only.
func (i Instrument) VisibleTo(orgID string) bool {
	return i.OrganisationID == "" || i.OrganisationID == orgID
}

// Attempt is one respondent's answers to one instrument version.
type Attempt struct {
	ID            string `json:"id"`
	InstrumentID  string `json:"instrument_id"`
	InstrumentKey string `json:"instrument_key"`
	// UserID is nil for anonymous imported respondents.
	UserID         *string `json:"user_id"`
	OrganisationID *string `json:"organisation_id"`
	// RespondentRef is the identifier an import gave the respondent (email or external id).
	RespondentRef *string    `json:"respondent_ref,omitempty"`
	Source        Source     `json:"source"`
	Status        Status     `json:"status"`
	StartedAt     time.Time  `json:"started_at"`
	SubmittedAt   *time.Time `json:"submitted_at"`
}

// TableName fixes the table name.
func (Attempt) TableName() string { return "assessment_attempts" }

// Submitted reports whether the attempt is final.
func (a Attempt) Submitted() bool { return a.SubmittedAt != nil }

type instrumentRow struct {
	ID             string
	Key            string
	Version        int
	OrganisationID *string
	Title          string // JSON of instrument.Text
	Audience       string
	Languages      string // comma-separated
	Hash           string
	Definition     string // JSON of instrument.Definition
	CreatedAt      time.Time
}

func (instrumentRow) TableName() string { return "instruments" }

type answerRow struct {
	AttemptID   string
	ItemID      string
	Value       *int
	OptionIndex *int `gorm:"column:option_index"`
	AnsweredAt  time.Time
}

func (answerRow) TableName() string { return "assessment_answers" }

type scoreRow struct {
	AttemptID string
	Dimension string
	NItems    int `gorm:"column:n_items"`
	NAnswered int `gorm:"column:n_answered"`
	Mean      *float64
	Score     *float64
	Band      *int
}

func (scoreRow) TableName() string { return "assessment_dimension_scores" }
