package development

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// ObserverStatus is where an observer invitation stands.
type ObserverStatus string

// The statuses. An invited link past its expiry is reported with Expired set.
const (
	ObserverInvited   ObserverStatus = "invited"
	ObserverAnswered  ObserverStatus = "answered"
	ObserverWithdrawn ObserverStatus = "withdrawn"
)

// ObserverInvitation is one person asked for 360 feedback on a learner: who, how they know
// the learner, and where the invitation stands. It never carries answers or the link.
type ObserverInvitation struct {
	ID           string                  `json:"id"`
	LearnerID    string                  `json:"learner_id"`
	InvitedBy    *string                 `json:"invited_by"`
	Email        string                  `json:"email"`
	Relationship threesixty.Relationship `json:"relationship"`
	Language     string                  `json:"language"`
	Status       ObserverStatus          `json:"status"`
	// Expired is true for an invited link past ExpiresAt: it no longer works, but can be
	// resent.
	Expired     bool       `json:"expired"`
	CreatedAt   time.Time  `json:"created_at"`
	SentAt      time.Time  `json:"sent_at"`
	ExpiresAt   time.Time  `json:"expires_at"`
	AnsweredAt  *time.Time `json:"answered_at"`
	WithdrawnAt *time.Time `json:"withdrawn_at"`
}

type invitationRow struct {
	ID             string
	LearnerID      string
	OrganisationID *string
	InvitedBy      *string
	Email          string
	Relationship   string
	Language       string
	InstrumentID   string
	TokenHash      string
	Status         string
	CreatedAt      time.Time
	SentAt         time.Time
	ExpiresAt      time.Time
	AnsweredAt     *time.Time
	WithdrawnAt    *time.Time
}

func (invitationRow) TableName() string { return "observer_invitations" }

func (r invitationRow) view(now time.Time) ObserverInvitation {
	return ObserverInvitation{
		ID: r.ID, LearnerID: r.LearnerID, InvitedBy: r.InvitedBy, Email: r.Email,
		Relationship: threesixty.Relationship(r.Relationship), Language: r.Language, Status: ObserverStatus(r.Status),
		Expired:   r.Status == string(ObserverInvited) && !r.ExpiresAt.After(now),
		CreatedAt: r.CreatedAt.UTC(), SentAt: r.SentAt.UTC(), ExpiresAt: r.ExpiresAt.UTC(),
		AnsweredAt: utcPtr(r.AnsweredAt), WithdrawnAt: utcPtr(r.WithdrawnAt),
	}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// ObserverInput is what the learner (or their coach) fills in to invite an observer.
// Language is the observer's, for the form and the email; "" means the learner's.
type ObserverInput struct {
	Email        string                  `form:"email" json:"email" validate:"required,email,max=254"`
	Relationship threesixty.Relationship `form:"relationship" json:"relationship" validate:"required,oneof=peer manager direct_report client"`
	Language     string                  `form:"language" json:"language" validate:"omitempty,oneof=es en"`
}

// ObserverLink is a new (or resent) invitation with the secret of its link, /o/{Token}.
// The token is shown once, to be mailed; only its hash is stored.
type ObserverLink struct {
	Invitation ObserverInvitation `json:"invitation"`
	Token      string             `json:"token"`
}

// InviteObserver invites an observer to give 360 feedback on the learner, on the newest
// observer form visible to the learner's organisation, and returns the link's token.
// inviterID is the learner or their coach (the caller checks the coach's rights).
// Validation errors: email (required, email, max, "self" for the learner's own address,
// "taken" when that address already has a live invitation), relationship (required, oneof),
// language (oneof, "unsupported" when the form does not speak it). errs.ErrNotFound: no
// such learner or no observer form.
func (s *Store) InviteObserver(ctx context.Context, inviterID, learnerID string, in ObserverInput) (ObserverLink, error) {
	if !identity.ValidID(inviterID) {
		return ObserverLink{}, forbidden("no inviter")
	}
	in.Email = identity.NormaliseEmail(in.Email)
	in.Language = strings.TrimSpace(in.Language)
	if err := s.validate.Struct(in); err != nil {
		return ObserverLink{}, err
	}
	learner, err := s.learner(ctx, learnerID)
	if err != nil {
		return ObserverLink{}, err
	}
	if in.Email == identity.NormaliseEmail(learner.Email) {
		return ObserverLink{}, errs.Invalid("email", "self", "")
	}
	if in.Language == "" {
		in.Language = learner.Locale
	}
	versions, err := s.assess.InstrumentVersions(ctx, learner.OrgID(), s.cfg.ObserverInstrument)
	if err != nil {
		return ObserverLink{}, err
	}
	inst := versions[0]
	if !slices.Contains(inst.Languages, in.Language) {
		return ObserverLink{}, errs.Invalid("language", "unsupported", strings.Join(inst.Languages, ","))
	}
	token, now := newToken(), s.now()
	row := invitationRow{
		ID: identity.NewID(), LearnerID: learner.ID, OrganisationID: learner.OrganisationID, InvitedBy: &inviterID,
		Email: in.Email, Relationship: string(in.Relationship), Language: in.Language, InstrumentID: inst.ID,
		TokenHash: hashToken(token), Status: string(ObserverInvited),
		CreatedAt: now, SentAt: now, ExpiresAt: now.Add(s.cfg.ObserverTTL),
	}
	err = s.conn(ctx).Create(&row).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return ObserverLink{}, errs.Invalid("email", "taken", "")
	}
	if err != nil {
		return ObserverLink{}, fmt.Errorf("invite observer: %w", err)
	}
	return ObserverLink{Invitation: row.view(now), Token: token}, nil
}

// ObserverInvitations lists the learner's invitations, newest first, withdrawn ones
// included: who was asked, how they relate to the learner, status and dates; never answers.
func (s *Store) ObserverInvitations(ctx context.Context, learnerID string) ([]ObserverInvitation, error) {
	return s.ObserverInvitationList(ctx, learnerID, keyset.Page{})
}

// observerOrder is the order of the invitations: newest first.
var observerOrder = keyset.Order{{Expr: "created_at", Kind: keyset.Time, Desc: true}, {Expr: "id", Desc: true}}

// PageKey is the invitation's place in the invitations' order, for keyset.Page.After.
func (i ObserverInvitation) PageKey() []string { return keyset.Key(i.CreatedAt, i.ID) }

// ObserverInvitationList is one page of ObserverInvitations. A malformed p.After is a
// validation error on "cursor".
func (s *Store) ObserverInvitationList(ctx context.Context, learnerID string, p keyset.Page) ([]ObserverInvitation, error) {
	q, err := observerOrder.Apply(s.conn(ctx).Where("learner_id = ?", learnerID), p)
	if err != nil {
		return nil, err
	}
	var rows []invitationRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("observer invitations: %w", err)
	}
	now := s.now()
	out := make([]ObserverInvitation, len(rows))
	for i, r := range rows {
		out[i] = r.view(now)
	}
	return out, nil
}

// ObserverInvitation returns one invitation, for any viewer: check the viewer's rights on
// its LearnerID first.
func (s *Store) ObserverInvitation(ctx context.Context, id string) (ObserverInvitation, error) {
	row, err := byID[invitationRow](s.conn(ctx), "observer invitation", id)
	if err != nil {
		return ObserverInvitation{}, err
	}
	return row.view(s.now()), nil
}

// ResendObserver gives an invitation that has not been answered or withdrawn a new link
// and a new expiry; the old link stops working at once (it becomes unknown, errs.ErrNotFound).
// Someone else's invitation is errs.ErrNotFound; an answered or withdrawn one
// errs.ErrConflict. actorID is recorded as the inviter.
func (s *Store) ResendObserver(ctx context.Context, actorID, learnerID, invitationID string) (ObserverLink, error) {
	if !identity.ValidID(actorID) {
		return ObserverLink{}, forbidden("no inviter")
	}
	var out ObserverLink
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := s.learnerInvitation(tx, learnerID, invitationID)
		if err != nil {
			return err
		}
		token, now := newToken(), s.now()
		res := tx.Model(&invitationRow{}).Where("id = ? AND status = ?", row.ID, ObserverInvited).
			Updates(map[string]any{"token_hash": hashToken(token), "sent_at": now,
				"expires_at": now.Add(s.cfg.ObserverTTL), "invited_by": actorID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("invitation %s is %s: %w", row.ID, row.Status, errs.ErrConflict)
		}
		row.TokenHash, row.SentAt, row.ExpiresAt, row.InvitedBy = hashToken(token), now, now.Add(s.cfg.ObserverTTL), &actorID
		out = ObserverLink{Invitation: row.view(now), Token: token}
		return nil
	})
	return out, err
}

// WithdrawObserver withdraws an invitation that has not been answered: its link stops
// working and its draft answers are deleted. An answered invitation cannot be withdrawn
// (errs.ErrConflict): taking one observer out of the means would let anyone compare the
// results before and after. Someone else's invitation is errs.ErrNotFound; withdrawing
// twice changes nothing.
func (s *Store) WithdrawObserver(ctx context.Context, learnerID, invitationID string) error {
	return s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := s.learnerInvitation(tx, learnerID, invitationID)
		if err != nil {
			return err
		}
		if row.Status == string(ObserverWithdrawn) {
			return nil
		}
		res := tx.Model(&invitationRow{}).Where("id = ? AND status = ?", row.ID, ObserverInvited).
			Updates(map[string]any{"status": ObserverWithdrawn, "withdrawn_at": s.now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("invitation %s is already answered: %w", row.ID, errs.ErrConflict)
		}
		return tx.Where("invitation_id = ?", row.ID).Delete(&observerAnswerRow{}).Error
	})
}

// learnerInvitation loads an invitation of the learner; another learner's is not found.
func (s *Store) learnerInvitation(tx *gorm.DB, learnerID, invitationID string) (invitationRow, error) {
	row, err := byID[invitationRow](tx, "observer invitation", invitationID)
	if err == nil && row.LearnerID != learnerID {
		err = fmt.Errorf("observer invitation %s: %w", invitationID, errs.ErrNotFound)
	}
	return row, err
}
