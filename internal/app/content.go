package app

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/seed"
)

// contentSummary says what loading the built-in content changed.
type contentSummary struct {
	Instruments, NewInstruments int
	Courses                     courses.SeedSummary
}

func (s contentSummary) String() string {
	return fmt.Sprintf("instruments: %d (%d new versions); modules: %d, lessons: %d, quizzes: %d (%d new versions)",
		s.Instruments, s.NewInstruments, s.Courses.Modules, s.Courses.Lessons, s.Courses.Quizzes, s.Courses.NewQuizVersions)
}

// loadContent loads the built-in instruments and course modules from the binary. It is
// idempotent and runs at every start, so an upgraded binary brings its content along;
// changed instruments become new versions and earlier attempts keep theirs.
func (a *App) loadContent(ctx context.Context) (contentSummary, error) {
	var sum contentSummary
	instruments, err := fs.Sub(seed.Files, "instruments")
	if err != nil {
		return sum, err
	}
	loaded, err := a.asmt.LoadInstruments(ctx, instruments)
	if err != nil {
		return sum, fmt.Errorf("load built-in instruments: %w", err)
	}
	for _, l := range loaded {
		sum.Instruments++
		if l.Created {
			sum.NewInstruments++
		}
	}
	modules, err := fs.Sub(seed.Files, "courses")
	if err != nil {
		return sum, err
	}
	if sum.Courses, err = a.courses.Seed(ctx, modules); err != nil {
		return sum, fmt.Errorf("load built-in courses: %w", err)
	}
	return sum, nil
}
