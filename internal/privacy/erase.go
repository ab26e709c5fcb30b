package privacy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// EraseInput is the administrator's confirmation: the person's name, typed in full.
type EraseInput struct {
	ConfirmName string `form:"confirm_name" json:"confirm_name" validate:"required,max=200"`
}

// Erasure is one entry of the erasure log: which account (an opaque id: the anonymised row
// holds no personal data), of which organisation, erased by whom and when.
type Erasure struct {
	ID             string    `json:"id"`
	SubjectID      string    `json:"user_id"`
	OrganisationID *string   `json:"organisation_id"`
	ErasedBy       *string   `json:"erased_by"`
	ErasedAt       time.Time `json:"erased_at"`
}

// TableName fixes the table name.
func (Erasure) TableName() string { return "erasures" }

// Erase erases the person userID for the administrator actorID, irreversibly and in one
// transaction: every Part erases its domain's data, then the account is anonymised
// (identity.Store.EraseUser), and the erasure is logged. Erasing a person erased already
// changes nothing and returns the first erasure's log entry, so that a repeated request
// (a double submit) succeeds alike. Validation errors: confirm_name (required, max,
// "name_mismatch" when it is not the person's name), user ("erase_self", "last_admin").
// errs.ErrNotFound when there is no such account. The caller asks the policy whether the
// actor manages the person (identity.Manage).
func (s *Service) Erase(ctx context.Context, actorID, userID string, in EraseInput) (Erasure, error) {
	var out Erasure
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		u, err := s.people.CheckErasure(tx, actorID, userID)
		if errors.Is(err, identity.ErrAlreadyErased) {
			out, err = erasureOf(tx, userID)
			return err
		}
		if err != nil {
			return err
		}
		if err := s.validate.Struct(in); err != nil {
			return err
		}
		if !SameName(in.ConfirmName, u.Name) {
			return errs.Invalid("confirm_name", "name_mismatch", "")
		}
		for _, p := range s.parts {
			if p.erase == nil {
				continue
			}
			if err := p.erase(tx, userID); err != nil {
				return fmt.Errorf("erase %s of %s: %w", p.key, userID, err)
			}
		}
		if err := s.people.EraseUser(tx, userID); err != nil {
			return err
		}
		out = Erasure{ID: identity.NewID(), SubjectID: userID, OrganisationID: u.OrganisationID, ErasedBy: &actorID, ErasedAt: s.now()}
		return tx.Create(&out).Error
	})
	if err != nil {
		return Erasure{}, err
	}
	out.ErasedAt = out.ErasedAt.UTC()
	return out, nil
}

func erasureOf(tx *gorm.DB, userID string) (Erasure, error) {
	var e Erasure
	if err := tx.Where("subject_id = ?", userID).Take(&e).Error; err != nil {
		return e, fmt.Errorf("erasure of %s: %w", userID, err)
	}
	return e, nil
}

// SameName reports whether typed is the name, ignoring case and repeated, leading and
// trailing spaces: what a person confirming an erasure must type.
func SameName(typed, name string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return norm(name) != "" && strings.EqualFold(norm(typed), norm(name))
}

// ErasureEntry is an erasure as the organisation's administrators see it in the log.
type ErasureEntry struct {
	ErasedAt time.Time
	// ErasedByName is the administrator's name; "" when their account is gone or erased.
	ErasedByName string
}

// Erasures lists the organisation's erasures, newest first, at most limit, in one query.
func (s *Service) Erasures(ctx context.Context, orgID string, limit int) ([]ErasureEntry, error) {
	var rows []struct {
		ErasedAt time.Time
		Name     *string
	}
	err := s.db.WithContext(ctx).Table("erasures e").Select("e.erased_at, u.name").
		Joins("LEFT JOIN users u ON u.id = e.erased_by").Where("e.organisation_id = ?", orgID).
		Order("e.erased_at DESC, e.id DESC").Limit(limit).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("erasures of %s: %w", orgID, err)
	}
	out := make([]ErasureEntry, len(rows))
	for i, r := range rows {
		out[i] = ErasureEntry{ErasedAt: r.ErasedAt.UTC()}
		if r.Name != nil {
			out[i].ErasedByName = *r.Name
		}
	}
	return out, nil
}
