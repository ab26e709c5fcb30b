package errs

// QueryError is a validation error about a request's address, its query parameters (a
// page size, a cursor, a date filter), rather than about what it sends. The HTTP layer
// answers it with 400 instead of 422; Fields name the parameters.
type QueryError struct {
	Err *ValidationError
}

func (e *QueryError) Error() string { return "bad query: " + e.Err.Error() }

// Unwrap returns the validation error.
func (e *QueryError) Unwrap() error { return e.Err }

// InQuery marks a validation error as being about query parameters; any other error,
// nil included, is returned as it is.
func InQuery(err error) error {
	if v, ok := AsValidation(err); ok {
		return &QueryError{Err: v}
	}
	return err
}
