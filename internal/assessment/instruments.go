package assessment

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// ownedBy restricts q to instruments owned by orgID ("" = built-in).
func ownedBy(q *gorm.DB, orgID string) *gorm.DB {
	if orgID == "" {
		return q.Where("organisation_id IS NULL")
	}
	return q.Where("organisation_id = ?", orgID)
}

// visibleTo restricts q to instruments that people of orgID may use.
func visibleTo(q *gorm.DB, orgID string) *gorm.DB {
	if orgID == "" {
		return q.Where("organisation_id IS NULL")
	}
	return q.Where("(organisation_id IS NULL OR organisation_id = ?)", orgID)
}

// summaryColumns are the instrument columns without the (large) definition.
const summaryColumns = "id key version organisation_id title audience languages hash created_at"

// summarySelect lists summaryColumns, qualified with a table alias unless it is "".
func summarySelect(alias string) []string {
	cols := strings.Fields(summaryColumns)
	if alias != "" {
		for i, c := range cols {
			cols[i] = alias + "." + c
		}
	}
	return cols
}

func (r instrumentRow) summary() Instrument {
	in := Instrument{
		ID: r.ID, Key: r.Key, Version: r.Version, OrganisationID: deref(r.OrganisationID),
		Audience: instrument.Audience(r.Audience), Hash: r.Hash, CreatedAt: r.CreatedAt.UTC(),
		Languages: strings.Split(r.Languages, ","),
	}
	_ = json.Unmarshal([]byte(r.Title), &in.Title)
	return in
}

func summaries(rows []instrumentRow) []Instrument {
	out := make([]Instrument, len(rows))
	for i, r := range rows {
		out[i] = r.summary()
	}
	return out
}

// Instruments lists the latest version of every instrument visible to the organisation
// (built-in ones and its own; orgID "" lists the built-in ones), by key.
func (s *Store) Instruments(ctx context.Context, orgID string) ([]Instrument, error) {
	return s.InstrumentList(ctx, InstrumentFilter{OrganisationID: orgID})
}

// InstrumentFilter selects instruments for InstrumentList.
type InstrumentFilter struct {
	// OrganisationID is whose instruments are listed besides the built-in ones ("": none).
	OrganisationID string
	// Offered keeps what a learner in the cohorts CohortIDs is offered: the built-in
	// instruments and the organisation's own assigned to one of those cohorts.
	Offered   bool
	CohortIDs []string
	// Page is one page of the list (Instrument.PageKey); the zero Page is all of it.
	Page keyset.Page
}

// instrumentOrder is the order of InstrumentList: by key, then id (an organisation's own
// instrument may share its key with a built-in one).
var instrumentOrder = keyset.Order{{Expr: "i.key"}, {Expr: "i.id"}}

// PageKey is the instrument's place in the order of InstrumentList, for keyset.Page.After.
func (i Instrument) PageKey() []string { return keyset.Key(i.Key, i.ID) }

// InstrumentList lists the latest version of each instrument f selects, by key, in one
// query. A malformed f.Page.After is a validation error on "cursor".
func (s *Store) InstrumentList(ctx context.Context, f InstrumentFilter) ([]Instrument, error) {
	q := visibleTo(s.conn(ctx).Table("instruments i").Select(summarySelect("i")), f.OrganisationID).
		Where(`NOT EXISTS (SELECT 1 FROM instruments j WHERE j.key = i.key
			AND COALESCE(j.organisation_id, '') = COALESCE(i.organisation_id, '') AND j.version > i.version)`)
	switch {
	case f.Offered && len(f.CohortIDs) == 0:
		q = q.Where("i.organisation_id IS NULL")
	case f.Offered:
		q = q.Where(`(i.organisation_id IS NULL OR i.key IN (SELECT a.instrument_key FROM instrument_assignments a
			WHERE a.organisation_id = ? AND a.cohort_id IN ?))`, f.OrganisationID, f.CohortIDs)
	}
	q, err := instrumentOrder.Apply(q, f.Page)
	if err != nil {
		return nil, err
	}
	var rows []instrumentRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	return summaries(rows), nil
}

// InstrumentVersions lists every stored version of the instrument key visible to the
// organisation, newest first; errs.ErrNotFound if there is none.
func (s *Store) InstrumentVersions(ctx context.Context, orgID, key string) ([]Instrument, error) {
	var rows []instrumentRow
	q := visibleTo(s.conn(ctx).Select(summarySelect("")).Where("key = ?", key), orgID)
	if err := q.Order("version DESC").Find(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("instrument %q: %w", key, errs.ErrNotFound)
	}
	return summaries(rows), nil
}

// Instrument returns one stored instrument version. It does not check visibility: use
// Instrument.VisibleTo.
func (s *Store) Instrument(ctx context.Context, id string) (Instrument, error) {
	var row instrumentRow
	if !identity.ValidID(id) {
		return Instrument{}, fmt.Errorf("instrument %q: %w", id, errs.ErrNotFound)
	}
	if err := s.conn(ctx).Select(summarySelect("")).Where("id = ?", id).Take(&row).Error; err != nil {
		return Instrument{}, notFound(err, "instrument "+id)
	}
	return row.summary(), nil
}

// Definition returns the parsed definition of a stored instrument version (items, scale,
// dimensions, bands). The result is shared: do not modify it.
func (s *Store) Definition(ctx context.Context, instrumentID string) (*instrument.Definition, error) {
	if !identity.ValidID(instrumentID) {
		return nil, fmt.Errorf("instrument %q: %w", instrumentID, errs.ErrNotFound)
	}
	return s.definition(s.conn(ctx), instrumentID)
}

// latestVisible returns the newest version of key visible to orgID.
func latestVisible(tx *gorm.DB, orgID, key string) (instrumentRow, error) {
	var row instrumentRow
	err := visibleTo(tx.Select(summarySelect("")).Where("key = ?", key), orgID).
		Order("version DESC").Limit(1).Take(&row).Error
	if err != nil {
		return row, notFound(err, "instrument "+key)
	}
	return row, nil
}
