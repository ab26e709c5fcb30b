// Package errs holds the sentinel errors that every domain package returns and that the
// HTTP layer maps, in one place, to status codes and messages. Domain packages wrap these
// with %w and add context; they never choose a status code themselves.
package errs

import (
	"errors"
	"sort"
	"strings"
)

// Sentinel errors shared by all domains.
var (
	ErrNotFound        = errors.New("not found")
	ErrForbidden       = errors.New("forbidden")
	ErrUnauthenticated = errors.New("not signed in")
	ErrConflict        = errors.New("conflict")
	ErrRateLimited     = errors.New("too many attempts")
	ErrGone            = errors.New("no longer valid")
)

// FieldError is one problem with one input field. Code is a stable key that the HTTP layer
// translates into the reader's language ("required", "email", "max", "taken", …); Param
// carries the rule's parameter where it has one (the 100 of max=100).
type FieldError struct {
	Field string
	Code  string
	Param string
}

// ValidationError lists every problem found in one input; nothing was changed.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		parts = append(parts, f.Field+": "+f.Code)
	}
	sort.Strings(parts)
	return "invalid input (" + strings.Join(parts, ", ") + ")"
}

// Field returns the first error recorded for name, if any.
func (e *ValidationError) Field(name string) (FieldError, bool) {
	for _, f := range e.Fields {
		if f.Field == name {
			return f, true
		}
	}
	return FieldError{}, false
}

// Invalid builds a ValidationError for a single field.
func Invalid(field, code, param string) error {
	return &ValidationError{Fields: []FieldError{{Field: field, Code: code, Param: param}}}
}

// AsValidation reports whether err carries a ValidationError and returns it.
func AsValidation(err error) (*ValidationError, bool) {
	var v *ValidationError
	ok := errors.As(err, &v)
	return v, ok
}
