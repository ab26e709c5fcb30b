package identity

import "time"

// Role is what a person does in Academy.
type Role string

// The roles, from least to most privileged.
const (
	RoleLearner  Role = "learner"
	RoleCoach    Role = "coach"
	RoleOrgAdmin Role = "org_admin"
	RoleAdmin    Role = "admin"
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	switch r {
	case RoleLearner, RoleCoach, RoleOrgAdmin, RoleAdmin:
		return true
	}
	return false
}

// Locales Academy speaks; the first is the default.
var Locales = []string{"es", "en"}

// Organisation is a customer: a company, a school, a consultancy's client.
type Organisation struct {
	ID   string
	Slug string
	Name string
	// TimeZone is the IANA zone (Europe/Madrid) event times are typed and shown in.
	TimeZone  string
	CreatedAt time.Time
}

// TableName fixes the table name.
func (Organisation) TableName() string { return "organisations" }

// OrganisationSummary is an organisation with its head counts.
type OrganisationSummary struct {
	Organisation
	People  int64
	Cohorts int64
}

// User is a person who can sign in (once they have a password).
type User struct {
	ID             string
	OrganisationID *string
	Email          string
	Name           string
	Locale         string
	Role           Role
	Active         bool
	PasswordHash   *string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// ErasedAt is when the person's data was erased: the row is then anonymised, cannot
	// sign in, and is left out of every list of people (see EraseUser).
	ErasedAt *time.Time
}

// TableName fixes the table name.
func (User) TableName() string { return "users" }

// OrgID returns the user's organisation id, or "" for platform administrators.
func (u User) OrgID() string {
	if u.OrganisationID == nil {
		return ""
	}
	return *u.OrganisationID
}

// Pending reports whether the person has not yet accepted their invitation.
func (u User) Pending() bool { return u.PasswordHash == nil }

// Cohort is a group of learners inside an organisation, followed by coaches.
type Cohort struct {
	ID             string
	OrganisationID string
	Name           string
	Description    string
	CreatedAt      time.Time
}

// TableName fixes the table name.
func (Cohort) TableName() string { return "cohorts" }

// CohortSummary is a cohort with its head counts.
type CohortSummary struct {
	Cohort
	Members int64
	Coaches int64
}

type cohortMember struct {
	CohortID  string
	UserID    string
	CreatedAt time.Time
}

func (cohortMember) TableName() string { return "cohort_members" }

type cohortCoach struct {
	CohortID  string
	UserID    string
	CreatedAt time.Time
}

func (cohortCoach) TableName() string { return "cohort_coaches" }

// Session is a signed-in browser. Its ID is the hash of the cookie token.
type Session struct {
	ID         string
	UserID     string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
}

// TableName fixes the table name.
func (Session) TableName() string { return "sessions" }

// Invitation lets a person set their password once, before it expires.
type Invitation struct {
	ID        string
	TokenHash string
	UserID    string
	InvitedBy *string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// TableName fixes the table name.
func (Invitation) TableName() string { return "invitations" }

// APIToken is a personal token for the JSON API. Only its hash is stored.
type APIToken struct {
	ID         string
	UserID     string
	Name       string
	Prefix     string
	TokenHash  string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// TableName fixes the table name.
func (APIToken) TableName() string { return "api_tokens" }

type loginFailure struct {
	ID        string
	Subject   string
	CreatedAt time.Time
}

func (loginFailure) TableName() string { return "login_failures" }

type setting struct {
	Key   string
	Value string
}

func (setting) TableName() string { return "settings" }
