package branding

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/reports"
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// Branding is an organisation's stored branding.
type Branding struct {
	OrganisationID string `gorm:"primaryKey"`
	// Accent is "#rrggbb", or "" for Academy's colour.
	Accent string
	// Logo is a PNG made by Academy (see package doc), or nil for none.
	Logo      []byte
	UpdatedBy *string
	UpdatedAt time.Time
}

// TableName is the table the rows live in.
func (Branding) TableName() string { return "organisation_branding" }

// Look is what the web header needs: the accent and whether there is a logo, without the
// logo's bytes.
type Look struct {
	Accent    string
	HasLogo   bool
	UpdatedAt time.Time
}

// Input is a change of branding. An empty Accent means Academy's colour.
type Input struct {
	Accent string `form:"accent"`
	// Logo is a new upload, as sent; nil keeps the current logo.
	Logo []byte `form:"-"`
	// RemoveLogo drops the current logo (ignored when a new one is uploaded).
	RemoveLogo bool `form:"remove_logo"`
}

// Store reads and writes organisations' branding. It is safe for concurrent use.
type Store struct {
	db  *gorm.DB
	now func() time.Time
}

// NewStore returns a Store over gdb; now is the clock (nil means time.Now).
func NewStore(gdb *gorm.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: gdb, now: now}
}

// Get returns the organisation's branding; an organisation that has none gets an empty
// Branding (Academy's), not an error.
func (s *Store) Get(ctx context.Context, orgID string) (Branding, error) {
	var b Branding
	err := s.db.WithContext(ctx).Where("organisation_id = ?", orgID).Take(&b).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Branding{OrganisationID: orgID}, nil
	}
	if err != nil {
		return Branding{}, fmt.Errorf("branding of %s: %w", orgID, err)
	}
	return b, nil
}

// Look returns the accent and whether there is a logo; the zero Look without branding.
func (s *Store) Look(ctx context.Context, orgID string) (Look, error) {
	var rows []struct {
		Accent    string
		HasLogo   bool
		UpdatedAt time.Time
	}
	err := s.db.WithContext(ctx).Raw(`SELECT accent, logo IS NOT NULL AS has_logo, updated_at
		FROM organisation_branding WHERE organisation_id = ?`, orgID).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return Look{}, err
	}
	return Look{Accent: rows[0].Accent, HasLogo: rows[0].HasLogo, UpdatedAt: rows[0].UpdatedAt.UTC()}, nil
}

// Logo returns the organisation's logo (PNG) and when it last changed; errs.ErrNotFound
// when it has none.
func (s *Store) Logo(ctx context.Context, orgID string) ([]byte, time.Time, error) {
	b, err := s.Get(ctx, orgID)
	if err != nil {
		return nil, time.Time{}, err
	}
	if len(b.Logo) == 0 {
		return nil, time.Time{}, fmt.Errorf("logo of %s: %w", orgID, errs.ErrNotFound)
	}
	return b.Logo, b.UpdatedAt.UTC(), nil
}

// Save checks in and stores it as the organisation's branding, on behalf of userID. Every
// problem is reported at once in an *errs.ValidationError, and then nothing changes.
func (s *Store) Save(ctx context.Context, orgID, userID string, in Input) (Branding, error) {
	accent, accentErr := prepareAccent(in.Accent)
	var logo []byte
	var logoErr error
	if in.Logo != nil {
		logo, logoErr = prepareLogo(in.Logo)
	}
	if err := joinInvalid(accentErr, logoErr); err != nil {
		return Branding{}, err
	}
	var out Branding
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		current, err := NewStore(tx, s.now).Get(ctx, orgID)
		if err != nil {
			return err
		}
		out = Branding{OrganisationID: orgID, Accent: accent, Logo: current.Logo, UpdatedBy: &userID,
			UpdatedAt: s.now().UTC().Truncate(time.Microsecond)}
		switch {
		case logo != nil:
			out.Logo = logo
		case in.RemoveLogo:
			out.Logo = nil
		}
		return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&out).Error
	})
	if err != nil {
		return Branding{}, fmt.Errorf("save branding of %s: %w", orgID, err)
	}
	return out, nil
}

// joinInvalid merges the validation errors among errs into one; any other error is
// returned as it is.
func joinInvalid(list ...error) error {
	out := &errs.ValidationError{}
	for _, err := range list {
		if err == nil {
			continue
		}
		v, ok := errs.AsValidation(err)
		if !ok {
			return err
		}
		out.Fields = append(out.Fields, v.Fields...)
	}
	if len(out.Fields) == 0 {
		return nil
	}
	return out
}

// Reports returns the organisation's branding for its documents, or nil when it has none
// (the Renderer's default, Academy's, applies).
func (s *Store) Reports(ctx context.Context, orgID string) (*reports.Branding, error) {
	if orgID == "" {
		return nil, nil
	}
	b, err := s.Get(ctx, orgID)
	if err != nil || (b.Accent == "" && len(b.Logo) == 0) {
		return nil, err
	}
	out := &reports.Branding{Accent: b.Accent}
	if len(b.Logo) > 0 {
		out.Logo = &reports.Logo{Data: b.Logo, Kind: pdf.PNG}
	}
	return out, nil
}
