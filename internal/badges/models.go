package badges

import "time"

// issuerKey is a row of badge_issuer_keys.
type issuerKey struct {
	ID             string
	OrganisationID string
	Number         int
	PublicKey      string
	PrivateKey     string
	CreatedAt      time.Time
	RetiredAt      *time.Time
}

func (issuerKey) TableName() string { return "badge_issuer_keys" }

// badgeRow is a row of badges.
type badgeRow struct {
	ID               string
	OrganisationID   string
	UserID           *string
	Achievement      string
	EventID          string
	StatusIndex      int
	Credential       string
	ShareName        bool
	AwardedAt        time.Time
	IssuedAt         time.Time
	RevokedAt        *time.Time
	RevokedBy        *string
	RevocationReason string
	ErasedAt         *time.Time
}

func (badgeRow) TableName() string { return "badges" }

// learner is what issuing needs to know about the person who earned a badge.
type learner struct {
	ID             string
	OrganisationID *string
	Email          string
	Locale         string
	OrgName        string
}
