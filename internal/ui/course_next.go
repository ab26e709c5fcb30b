package ui

import (
	"slices"

	"github.com/academy-platform/academy/internal/courses"
)

// nextStep is what the module page suggests doing next.
type nextStep struct {
	// Kind is one of: lesson (read Lesson), resume (the open quiz attempt), quiz (start
	// it), no_attempts (the quiz cannot be passed any more), module (Module, the next
	// module not completed) or all_done.
	Kind    string
	Lesson  *courses.LessonSummary
	Attempt string
	Module  *courses.ModuleInfo
}

// stepInModule picks the learner's next step inside a module: the first lesson not done,
// then the quiz. It reports false when nothing is left to do in the module.
func stepInModule(page courses.ModulePage) (nextStep, bool) {
	if page.Progress.Completed() {
		return nextStep{}, false
	}
	for i := range page.Lessons {
		if !page.Lessons[i].Done() {
			return nextStep{Kind: "lesson", Lesson: &page.Lessons[i]}, true
		}
	}
	switch q := page.Quiz; {
	case q == nil || q.Result.Passed:
		return nextStep{}, false
	case q.OpenAttemptID != "":
		return nextStep{Kind: "resume", Attempt: q.OpenAttemptID}, true
	case q.CanStart():
		return nextStep{Kind: "quiz"}, true
	default:
		return nextStep{Kind: "no_attempts"}, true
	}
}

// nextModule picks the first module not completed after the given one in the catalogue,
// wrapping round to the ones before it.
func nextModule(slug string, catalogue []courses.CatalogueEntry) nextStep {
	i := slices.IndexFunc(catalogue, func(e courses.CatalogueEntry) bool { return e.Module.Slug == slug })
	for _, e := range slices.Concat(catalogue[i+1:], catalogue[:max(i, 0)]) {
		if !e.Progress.Completed() {
			return nextStep{Kind: "module", Module: &e.Module}
		}
	}
	return nextStep{Kind: "all_done"}
}
