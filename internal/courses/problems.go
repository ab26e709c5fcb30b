package courses

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/academy-platform/academy/internal/errs"
)

// Problem is one thing wrong with a file: file:line, a code (the Code… constants) and a
// reason for authors.
type Problem = errs.Problem

// LoadError lists every problem found; nothing was loaded. It unwraps to *errs.ValidationError.
type LoadError = errs.FileError

// Problem codes.
const (
	CodeSyntax       = "syntax"        // not readable YAML or front matter
	CodeUnknownKey   = "unknown_key"   // a key the format does not have
	CodeDuplicateKey = "duplicate_key" // a key given twice
	CodeRequired     = "required"      // a required value is missing or empty
	CodeType         = "type"          // a value of the wrong kind
	CodeInvalid      = "invalid"       // a value outside its allowed set or range
	CodeLanguage     = "language"      // a text lacks a language, or has an unknown one
	CodeDimension    = "dimension"     // not a competency-model dimension
	CodeDuplicate    = "duplicate"     // a slug, id or position used twice
	CodeMissingFile  = "missing_file"  // a file the module needs is absent
	CodeUnexpected   = "unexpected"    // a file the format does not have
	CodeMismatch     = "mismatch"      // two places that must agree do not
	CodeOptions      = "options"       // wrong number of options or of correct options
	CodeFeedback     = "feedback"      // an option without feedback
	CodeMarkdown     = "markdown"      // raw HTML, images or outside links in a lesson
	CodeContentRule  = "content_rule"  // a rule of Academy's built-in content
)

// problems collects the problems of a whole content folder.
type problems struct {
	list []Problem
}

func (p *problems) add(file string, line int, code, format string, args ...any) {
	p.list = append(p.list, Problem{File: file, Line: line, Code: code, Reason: fmt.Sprintf(format, args...)})
}

// err returns the problems sorted by file and line, without repeats, or nil.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	slices.SortStableFunc(p.list, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return &LoadError{Subject: "course content", Problems: slices.Compact(p.list)}
}

// fileProblems reports problems for one file, shifting YAML lines by offset (front matter
// starts on the second line of a lesson file).
type fileProblems struct {
	all    *problems
	file   string
	offset int
}

func (f fileProblems) add(line int, code, format string, args ...any) {
	if line > 0 {
		line += f.offset
	}
	f.all.add(f.file, line, code, format, args...)
}
