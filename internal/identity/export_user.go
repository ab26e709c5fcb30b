package identity

import (
	"context"
	"fmt"
	"time"
)

// PersonalProfile is what Academy keeps about a person's account, for the download of
// their own data: profile, organisation, cohorts, API tokens (never their secrets) and
// sessions (never their cookies).
type PersonalProfile struct {
	ID           string              `json:"id"`
	Name         string              `json:"name"`
	Email        string              `json:"email"`
	Language     string              `json:"language"`
	Role         Role                `json:"role"`
	Active       bool                `json:"active"`
	Pending      bool                `json:"pending"`
	CreatedAt    time.Time           `json:"created_at"`
	UpdatedAt    time.Time           `json:"updated_at"`
	Organisation *OrganisationRecord `json:"organisation,omitempty"`
	MemberOf     []CohortRecord      `json:"member_of"`
	Coaching     []CohortRecord      `json:"coaching"`
	APITokens    []APITokenRecord    `json:"api_tokens"`
	Sessions     []SessionRecord     `json:"sessions"`
	Invitations  []InvitationRecord  `json:"invitations"`
}

// OrganisationRecord names the person's organisation.
type OrganisationRecord struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// CohortRecord names a cohort.
type CohortRecord struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// APITokenRecord is one of the person's API tokens, without its secret or hash.
type APITokenRecord struct {
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// SessionRecord is one signed-in browser of the person, without its token.
type SessionRecord struct {
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	IP         string    `json:"ip"`
	UserAgent  string    `json:"user_agent"`
}

// InvitationRecord is one invitation link sent to the person, without its secret.
type InvitationRecord struct {
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	UsedAt    *time.Time `json:"used_at,omitempty"`
}

// ExportUser returns the person's account data for the download of their own data, in
// six queries. errs.ErrNotFound for an unknown or erased account.
func (s *Store) ExportUser(ctx context.Context, userID string) (PersonalProfile, error) {
	u, err := s.User(ctx, userID)
	if err != nil {
		return PersonalProfile{}, err
	}
	out := PersonalProfile{ID: u.ID, Name: u.Name, Email: u.Email, Language: u.Locale, Role: u.Role, Active: u.Active,
		Pending: u.Pending(), CreatedAt: u.CreatedAt.UTC(), UpdatedAt: u.UpdatedAt.UTC(),
		MemberOf: []CohortRecord{}, Coaching: []CohortRecord{}, APITokens: []APITokenRecord{},
		Sessions: []SessionRecord{}, Invitations: []InvitationRecord{}}
	if u.OrgID() != "" {
		org, err := s.Organisation(ctx, u.OrgID())
		if err != nil {
			return PersonalProfile{}, err
		}
		out.Organisation = &OrganisationRecord{ID: org.ID, Slug: org.Slug, Name: org.Name}
	}
	if err := s.exportCohorts(ctx, u.ID, &out); err != nil {
		return PersonalProfile{}, err
	}
	if err := s.exportCredentials(ctx, u.ID, &out); err != nil {
		return PersonalProfile{}, err
	}
	return out, nil
}

// exportCohorts fills the cohorts the person learns in and coaches, in one query.
func (s *Store) exportCohorts(ctx context.Context, userID string, out *PersonalProfile) error {
	var rows []struct {
		ID, Name, Kind string
	}
	err := s.conn(ctx).Raw(`SELECT c.id, c.name, 'member' AS kind FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id WHERE m.user_id = ?
		UNION ALL SELECT c.id, c.name, 'coach' AS kind FROM cohorts c JOIN cohort_coaches k ON k.cohort_id = c.id WHERE k.user_id = ?
		ORDER BY name, id`, userID, userID).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("export cohorts: %w", err)
	}
	for _, r := range rows {
		if r.Kind == "coach" {
			out.Coaching = append(out.Coaching, CohortRecord{ID: r.ID, Name: r.Name})
		} else {
			out.MemberOf = append(out.MemberOf, CohortRecord{ID: r.ID, Name: r.Name})
		}
	}
	return nil
}

// exportCredentials fills the person's API tokens, sessions and invitations, in three
// queries.
func (s *Store) exportCredentials(ctx context.Context, userID string, out *PersonalProfile) error {
	tokens, err := s.APITokens(ctx, userID)
	if err != nil {
		return fmt.Errorf("export tokens: %w", err)
	}
	for _, t := range tokens {
		out.APITokens = append(out.APITokens, APITokenRecord{Name: t.Name, Prefix: t.Prefix, CreatedAt: t.CreatedAt.UTC(),
			LastUsedAt: utcPtr(t.LastUsedAt), RevokedAt: utcPtr(t.RevokedAt)})
	}
	var sessions []Session
	if err := s.conn(ctx).Where("user_id = ?", userID).Order("created_at DESC").Find(&sessions).Error; err != nil {
		return fmt.Errorf("export sessions: %w", err)
	}
	for _, x := range sessions {
		out.Sessions = append(out.Sessions, SessionRecord{CreatedAt: x.CreatedAt.UTC(), LastSeenAt: x.LastSeenAt.UTC(),
			ExpiresAt: x.ExpiresAt.UTC(), IP: x.IP, UserAgent: x.UserAgent})
	}
	var invitations []Invitation
	if err := s.conn(ctx).Where("user_id = ?", userID).Order("created_at DESC").Find(&invitations).Error; err != nil {
		return fmt.Errorf("export invitations: %w", err)
	}
	for _, inv := range invitations {
		out.Invitations = append(out.Invitations, InvitationRecord{CreatedAt: inv.CreatedAt.UTC(), ExpiresAt: inv.ExpiresAt.UTC(),
			UsedAt: utcPtr(inv.UsedAt)})
	}
	return nil
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
