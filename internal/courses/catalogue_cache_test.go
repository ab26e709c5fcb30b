package courses_test

import (
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
)

// TestCatalogueCache checks that the catalogue is read once and reused, and that seeding
// new content shows it at once.
func TestCatalogueCache(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		count := func() (int, int64) {
			before := f.queries.Load()
			entries, err := f.store.Catalogue(f.ctx, ana)
			if err != nil {
				t.Fatal(err)
			}
			return len(entries), f.queries.Load() - before
		}
		modules, first := count()
		again, second := count()
		if again != modules || second >= first {
			t.Fatalf("second read: %d modules in %d queries, first %d in %d; want the catalogue reused", again, second, modules, first)
		}
		f.seed(withExtraModules(validFS(t), 2))
		if after, _ := count(); after != modules+2 {
			t.Fatalf("after seeding 2 more modules the catalogue has %d, want %d", after, modules+2)
		}
	})
}
