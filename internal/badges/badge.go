package badges

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// Badge is one learner's badge for one module.
type Badge struct {
	ID             string
	OrganisationID string
	// UserID is the learner; "" once their data was erased.
	UserID string
	// Achievement is the module's slug; Name the achievement's name in every language.
	Achievement string
	Name        Text
	// URL is the badge's id and public page.
	URL string
	// IssuedAt is when the badge was signed; AwardedAt when the module was completed.
	IssuedAt  time.Time
	AwardedAt time.Time
	RevokedAt *time.Time
	// RevocationReason is for the organisation and the learner only.
	RevocationReason string
	// ShareName: the learner lets the public page show their name.
	ShareName bool
	// Erased: the learner's data was erased, and with it the credential.
	Erased bool
	// Credential is the signed OpenBadgeCredential; nil once erased.
	Credential json.RawMessage
}

// Revoked reports whether the badge was revoked.
func (b Badge) Revoked() bool { return b.RevokedAt != nil }

// summary is the part of a credential a list shows.
type summary struct {
	CredentialSubject struct {
		Achievement struct {
			Name       string `json:"name"`
			InLanguage string `json:"inLanguage"`
		} `json:"achievement"`
	} `json:"credentialSubject"`
}

func (s *Store) badge(r badgeRow) Badge {
	b := Badge{ID: r.ID, OrganisationID: r.OrganisationID, Achievement: r.Achievement, URL: s.CredentialURL(r.ID),
		IssuedAt: r.IssuedAt.UTC(), AwardedAt: r.AwardedAt.UTC(), RevokedAt: r.RevokedAt, RevocationReason: r.RevocationReason,
		ShareName: r.ShareName, Erased: r.ErasedAt != nil}
	if r.UserID != nil {
		b.UserID = *r.UserID
	}
	if a, ok := s.Catalogue().Achievements[r.Achievement]; ok {
		b.Name = a.Name
	}
	if r.Credential != "" {
		b.Credential = json.RawMessage(r.Credential)
		var sum summary
		if b.Name == nil && json.Unmarshal(b.Credential, &sum) == nil {
			a := sum.CredentialSubject.Achievement
			b.Name = Text{a.InLanguage: a.Name}
		}
	}
	if b.Name == nil {
		b.Name = Text{"es": r.Achievement}
	}
	return b
}

// Badge returns one badge.
func (s *Store) Badge(ctx context.Context, id string) (Badge, error) {
	if !identity.ValidID(id) {
		return Badge{}, fmt.Errorf("badge %q: %w", id, errs.ErrNotFound)
	}
	var r badgeRow
	if err := s.conn(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return Badge{}, notFound(err, "badge "+id)
	}
	return s.badge(r), nil
}

// ListFilter selects part of a learner's badges: those awarded from From (included) to
// To (excluded), zero times leaving that end open, one page of them.
type ListFilter struct {
	From, To time.Time
	keyset.Page
}

// badgeOrder is the order of a learner's badges: by when they were awarded.
var badgeOrder = keyset.Order{{Expr: "awarded_at", Kind: keyset.Time}, {Expr: "id"}}

// PageKey is the badge's place in its learner's list, for keyset.Page.After.
func (b Badge) PageKey() []string { return keyset.Key(b.AwardedAt, b.ID) }

// ForUser lists a learner's badges, the earliest awarded first.
func (s *Store) ForUser(ctx context.Context, userID string, f ListFilter) ([]Badge, error) {
	q := s.conn(ctx).Where("user_id = ?", userID)
	if !f.From.IsZero() {
		q = q.Where("awarded_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("awarded_at < ?", f.To.UTC())
	}
	q, err := badgeOrder.Apply(q, f.Page)
	if err != nil {
		return nil, err
	}
	var rows []badgeRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Badge, 0, len(rows))
	for _, r := range rows {
		out = append(out, s.badge(r))
	}
	return out, nil
}

// ForModule returns a learner's badge for a module; errs.ErrNotFound when they have none.
func (s *Store) ForModule(ctx context.Context, userID, slug string) (Badge, error) {
	var r badgeRow
	if err := s.conn(ctx).Where("user_id = ? AND achievement = ?", userID, slug).Take(&r).Error; err != nil {
		return Badge{}, notFound(err, "badge of "+userID+" for "+slug)
	}
	return s.badge(r), nil
}

// SetShareName records whether the learner lets their badge's public page show their
// name. Only the learner decides: userID must be the badge's learner.
func (s *Store) SetShareName(ctx context.Context, badgeID, userID string, share bool) error {
	res := s.conn(ctx).Model(&badgeRow{}).Where("id = ? AND user_id = ?", badgeID, userID).Update("share_name", share)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("badge %s of %s: %w", badgeID, userID, errs.ErrNotFound)
	}
	return nil
}
