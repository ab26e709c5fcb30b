package courses_test

import (
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// TestCatalogueLessonsMatchesModulePages checks that the batch read gives every module the
// same lessons, positions and completions as Module, in two queries whatever the number of
// modules.
func TestCatalogueLessonsMatchesModulePages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea := f.learner("ana"), f.learner("bea")
		f.completeLessons(ana, "first-steps")
		if _, err := f.store.CompleteLesson(f.ctx, ana, "follow-up", "keep-in-touch"); err != nil {
			t.Fatal(err)
		}
		f.completeLessons(bea, "follow-up")
		check := func(wantQueries int64) {
			t.Helper()
			before := f.queries.Load()
			got, err := f.store.CatalogueLessons(f.ctx, ana)
			if err != nil {
				t.Fatal(err)
			}
			if n := f.queries.Load() - before; n != wantQueries {
				t.Errorf("%d queries, want %d", n, wantQueries)
			}
			catalogue, err := f.store.Catalogue(f.ctx, ana)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(catalogue) {
				t.Fatalf("%d modules, want %d", len(got), len(catalogue))
			}
			for _, e := range catalogue {
				page, err := f.store.Module(f.ctx, ana, e.Module.Slug)
				if err != nil {
					t.Fatal(err)
				}
				if a, b := fmt.Sprint(lessonsOf(got[e.Module.Slug])), fmt.Sprint(lessonsOf(page.Lessons)); a != b {
					t.Errorf("%s: lessons %s, want %s", e.Module.Slug, a, b)
				}
			}
		}
		check(2)
		if got, _ := f.store.CatalogueLessons(f.ctx, ana); !got["follow-up"][1].Done() || got["follow-up"][0].Done() {
			t.Fatalf("ana's follow-up lessons: %+v", got["follow-up"])
		}
		f.seed(withExtraModules(validFS(t), 2))
		check(2)
	})
}

func lessonsOf(ls []courses.LessonSummary) []string {
	var out []string
	for _, l := range ls {
		done := "-"
		if l.CompletedAt != nil {
			done = l.CompletedAt.UTC().Format(time.RFC3339Nano)
		}
		out = append(out, fmt.Sprint(l.Slug, l.Position, l.Title.In("en"), l.Minutes, done))
	}
	return out
}
