package xapi

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/db/keyset"
)

// Query asks for an organisation's statements whose timestamps fall in [Since, Until); a
// zero time leaves that end open.
type Query struct {
	OrganisationID string
	Since, Until   time.Time
	Page           keyset.Page
}

// Item is one statement of a list with its place in the list's order.
type Item struct {
	Statement json.RawMessage
	// Key is the statement's place in the order, for the next page's keyset.Page.After.
	Key []string
}

// statementOrder is the order of the export: by timestamp, then id.
var statementOrder = keyset.Order{{Expr: "at", Kind: keyset.Time}, {Expr: "id"}}

// Statements lists an organisation's statements by timestamp, a page at a time. A
// cursor (Page.After) that is not one of this list's keys is a validation error on
// "cursor". The caller checks who may read the organisation's statements.
func (s *Store) Statements(ctx context.Context, q Query) ([]Item, error) {
	db := s.conn(ctx).Model(&statementRow{}).Select("id", "at", "statement").
		Where("organisation_id = ?", q.OrganisationID)
	if !q.Since.IsZero() {
		db = db.Where("at >= ?", q.Since.UTC())
	}
	if !q.Until.IsZero() {
		db = db.Where("at < ?", q.Until.UTC())
	}
	db, err := statementOrder.Apply(db, q.Page)
	if err != nil {
		return nil, err
	}
	var rows []statementRow
	if err := db.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("xapi statements: %w", err)
	}
	out := make([]Item, len(rows))
	for i, r := range rows {
		out[i] = Item{Statement: json.RawMessage(r.Statement), Key: keyset.Key(r.At, r.ID)}
	}
	return out, nil
}

// PageKey is the statement's place in the order of Statements, for keyset.Page.After.
func (i Item) PageKey() []string { return i.Key }
