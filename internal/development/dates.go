package development

import (
	"strings"
	"time"

	"github.com/academy-platform/academy/internal/development/weekly"
	"github.com/academy-platform/academy/internal/errs"
)

// DateLayout is how calendar days are written in forms and JSON: 2026-03-02.
const DateLayout = time.DateOnly

// Day returns the calendar day of t (its year, month and day in t's location) at 00:00
// UTC, the form in which the store keeps days (due dates, action dates).
func Day(t time.Time) time.Time { return weekly.Day(t) }

// ParseDate reads a calendar day written as 2026-03-02. A malformed value is a validation
// error on field with code "date".
func ParseDate(field, value string) (time.Time, error) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(value))
	if err != nil {
		return time.Time{}, errs.Invalid(field, "date", DateLayout)
	}
	return t, nil
}
