package errs

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a content file (an instrument, a course module): where,
// a stable code for translations and tests, and an English sentence for its authors.
type Problem struct {
	File string
	// Line is 1-based, or 0 when the problem concerns the whole file.
	Line   int
	Code   string
	Reason string
}

// String formats the problem as "file:line: reason".
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Reason)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Reason)
}

// FileError lists every problem found in content files; nothing was loaded. It unwraps to
// a *ValidationError (one FieldError per problem: Field "file:line", Code the problem's
// code, Param its reason), so it is answered like any invalid input.
type FileError struct {
	Subject  string // what was being read: "instrument", "course content"
	Problems []Problem
}

func (e *FileError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return fmt.Sprintf("invalid %s (%d problems):\n%s", e.Subject, len(lines), strings.Join(lines, "\n"))
}

// Unwrap returns the problems as a validation error.
func (e *FileError) Unwrap() error {
	v := &ValidationError{Fields: make([]FieldError, len(e.Problems))}
	for i, p := range e.Problems {
		field := p.File
		if p.Line > 0 {
			field = fmt.Sprintf("%s:%d", p.File, p.Line)
		}
		v.Fields[i] = FieldError{Field: field, Code: p.Code, Param: p.Reason}
	}
	return v
}
