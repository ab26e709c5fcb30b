// Package privacy carries out people's rights over their data: the download of everything
// Academy keeps about a person as one versioned JSON document (Export), and the erasure of
// a person by their organisation's administrator, in one transaction, logged without any
// personal data of the erased person (Erase). What a right means for each domain is that
// domain's business: each store contributes a Part, its own ExportUser and EraseUser, and
// the Service assembles them, so that a new domain plugs in with one line where Academy is
// wired. The caller asks the identity policy first; the Service checks no rights.
package privacy

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// Part is one domain's share of a person's data: what it contributes to the download,
// under Key, and how it erases the person inside the erasure's transaction. Make one with
// Section.
type Part struct {
	key    string
	export func(ctx context.Context, userID string) (any, error)
	erase  func(tx *gorm.DB, userID string) error
}

// Section makes a Part from a store's methods: export (ExportUser) writes its result under
// key in the download; erase (EraseUser) runs in the erasure's transaction, where an error
// rolls the whole erasure back. Either may be nil: a domain with nothing personal to
// export, or nothing to erase.
func Section[T any](key string, export func(context.Context, string) (T, error), erase func(*gorm.DB, string) error) Part {
	p := Part{key: key, erase: erase}
	if export != nil {
		p.export = func(ctx context.Context, userID string) (any, error) { return export(ctx, userID) }
	}
	return p
}

// Eraser makes a Part that only erases: for a domain that keeps copies of people's data
// (report files, say) but nothing of its own to download. key names it in errors.
func Eraser(key string, erase func(*gorm.DB, string) error) Part {
	return Part{key: key, erase: erase}
}

// reservedKeys are the document's own fields, which no Part may use.
var reservedKeys = []string{"format", "version", "generated_at", "profile"}

// Service exports and erases people's data over the stores of every domain.
type Service struct {
	db       *gorm.DB
	people   *identity.Store
	parts    []Part
	validate *errs.Validator
	now      func() time.Time
}

// New returns a Service over gdb. people provides the profile (first in the download) and
// erases the account (last in the erasure); parts are the other domains, in the order
// their sections appear in the download. Each key is used once, and not by the
// document's own fields.
func New(gdb *gorm.DB, people *identity.Store, parts ...Part) (*Service, error) {
	seen := map[string]bool{}
	for _, p := range parts {
		if p.key == "" || seen[p.key] || slices.Contains(reservedKeys, p.key) {
			return nil, fmt.Errorf("privacy: part key %q is empty, repeated or reserved", p.key)
		}
		seen[p.key] = true
	}
	return &Service{db: gdb, people: people, parts: parts, validate: errs.NewValidator(),
		now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}, nil
}
