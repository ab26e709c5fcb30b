// Package keyset pages through an ordered list by the position of the last row seen
// (keyset, or "seek", pagination): a page is "the next N rows after this key". Unlike an
// offset, a key stays right while rows are added or removed before it, and the database
// finds the next page through the list's index as fast as the first.
//
// A store describes each list's order once (an Order: columns ending with a unique one,
// usually the id), applies a Page to its query with Order.Apply, and gives each row its
// Key, which the caller hands back as the next Page's After. Keys are strings, so the
// HTTP layer can carry them in a cursor without knowing what they mean.
package keyset

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// Kind is the type of a column's values, needed to read them back from a key.
type Kind int

// The kinds of column an order may use.
const (
	String Kind = iota
	Time
	Int
)

// Column is one part of a list's order. It must never be NULL.
type Column struct {
	Expr string // a column, or an SQL expression of the row's columns
	Kind Kind
	Desc bool // descending
}

// Order is the order of a list. Together its columns must be unique, so that every row
// has one place: end with the id.
type Order []Column

// Page asks for part of a list.
type Page struct {
	// Limit is the most rows to return; 0 returns them all.
	Limit int
	// After is the Key of the last row already seen; nil starts at the beginning.
	After []string
}

// Key is a row's place in its order: the values of the order's columns for that row, in
// the same order. Times are written in UTC with all their precision.
func Key(values ...any) []string {
	out := make([]string, len(values))
	for i, v := range values {
		switch v := v.(type) {
		case time.Time:
			out[i] = v.UTC().Format(time.RFC3339Nano)
		case int:
			out[i] = strconv.Itoa(v)
		case string:
			out[i] = v
		default:
			panic(fmt.Sprintf("keyset: a key cannot hold a %T", v))
		}
	}
	return out
}

// Values reads a key back into values of the columns' kinds. A key that does not fit the
// order (another list's, or altered) is a validation error on "cursor".
func (o Order) Values(key []string) ([]any, error) {
	if len(key) != len(o) {
		return nil, badKey()
	}
	out := make([]any, len(key))
	for i, col := range o {
		switch col.Kind {
		case Time:
			t, err := time.Parse(time.RFC3339Nano, key[i])
			if err != nil {
				return nil, badKey()
			}
			out[i] = t.UTC()
		case Int:
			n, err := strconv.Atoi(key[i])
			if err != nil {
				return nil, badKey()
			}
			out[i] = n
		default:
			out[i] = key[i]
		}
	}
	return out, nil
}

// Apply orders q by o and keeps the page p: the rows after p.After, at most p.Limit of
// them. Errors as Values.
func (o Order) Apply(q *gorm.DB, p Page) (*gorm.DB, error) {
	if p.After != nil {
		values, err := o.Values(p.After)
		if err != nil {
			return nil, err
		}
		where, args := o.after(values)
		q = q.Where(where, args...)
	}
	q = q.Order(o.orderBy())
	if p.Limit > 0 {
		q = q.Limit(p.Limit)
	}
	return q, nil
}

// After reports whether a row with the key values a comes after one with b in this
// order, for lists kept in memory. Both must come from Values.
func (o Order) After(a, b []any) bool {
	for i, col := range o {
		c := compare(a[i], b[i])
		if c == 0 {
			continue
		}
		return (c > 0) != col.Desc
	}
	return false
}

func compare(a, b any) int {
	switch a := a.(type) {
	case time.Time:
		return a.Compare(b.(time.Time))
	case int:
		return a - b.(int)
	default:
		return strings.Compare(a.(string), b.(string))
	}
}

// after builds the condition "the row comes after values": for columns c1, c2, c3,
// (c1 > v1) OR (c1 = v1 AND c2 > v2) OR (c1 = v1 AND c2 = v2 AND c3 > v3), with < for
// descending columns. Unlike a row-value comparison it allows mixed directions, and it
// means the same on SQLite and PostgreSQL.
func (o Order) after(values []any) (string, []any) {
	var ors []string
	var args []any
	for i, col := range o {
		var ands []string
		for j := range i {
			ands = append(ands, "("+o[j].Expr+") = ?")
			args = append(args, values[j])
		}
		op := ">"
		if col.Desc {
			op = "<"
		}
		ands = append(ands, "("+col.Expr+") "+op+" ?")
		args = append(args, values[i])
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

func (o Order) orderBy() string {
	parts := make([]string, len(o))
	for i, col := range o {
		parts[i] = col.Expr
		if col.Desc {
			parts[i] += " DESC"
		}
	}
	return strings.Join(parts, ", ")
}

func badKey() error { return errs.Invalid("cursor", "cursor", "") }
