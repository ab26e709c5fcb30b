package courses

import (
	"context"

	"github.com/academy-platform/academy/internal/db/keyset"
)

// moduleOrder is the order of the catalogue: by position, then slug.
var moduleOrder = keyset.Order{{Expr: "position", Kind: keyset.Int}, {Expr: "slug"}}

// PageKey is the module's place in the catalogue's order, for keyset.Page.After.
func (e CatalogueEntry) PageKey() []string { return keyset.Key(e.Module.Position, e.Module.Slug) }

// CataloguePage is one page of Catalogue: the modules after p.After, at most p.Limit. The
// catalogue's content is read once and cached, so the page is cut from it in memory; only
// userID's progress is read. A malformed p.After is a validation error on "cursor".
func (s *Store) CataloguePage(ctx context.Context, userID string, p keyset.Page) ([]CatalogueEntry, error) {
	var after []any
	if p.After != nil {
		var err error
		if after, err = moduleOrder.Values(p.After); err != nil {
			return nil, err
		}
	}
	all, err := s.Catalogue(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]CatalogueEntry, 0, len(all))
	for _, e := range all {
		if p.Limit > 0 && len(out) == p.Limit {
			break
		}
		if after == nil || moduleOrder.After([]any{e.Module.Position, e.Module.Slug}, after) {
			out = append(out, e)
		}
	}
	return out, nil
}
