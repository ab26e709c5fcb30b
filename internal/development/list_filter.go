package development

import (
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/keyset"
)

// ListFilter narrows one of a learner's lists for the API: the rows dated from From to To,
// and one page of those. Each list says which date it filters on and what its page keys
// are (the PageKey methods).
type ListFilter struct {
	// From is included and To excluded; a zero time leaves that end open. A list dated
	// by day keeps the days that overlap [From, To).
	From, To time.Time
	// Page is one page of the list; the zero Page is all of it.
	Page keyset.Page
}

// days keeps the rows whose day, in column col (a day at 00:00 UTC), overlaps [From, To).
func (f ListFilter) days(q *gorm.DB, col string) *gorm.DB {
	if !f.From.IsZero() {
		q = q.Where(col+" >= ?", Day(f.From))
	}
	if !f.To.IsZero() {
		q = q.Where(col+" < ?", f.To.UTC())
	}
	return q
}

// times keeps the rows whose time, in column col, is in [From, To).
func (f ListFilter) times(q *gorm.DB, col string) *gorm.DB {
	if !f.From.IsZero() {
		q = q.Where(col+" >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where(col+" < ?", f.To.UTC())
	}
	return q
}

// dayRange turns days from and to, both included (zero: open), into a ListFilter's
// [From, To).
func dayRange(from, to time.Time) ListFilter {
	f := ListFilter{From: from}
	if !to.IsZero() {
		f.To = Day(to).AddDate(0, 0, 1)
	}
	return f
}
