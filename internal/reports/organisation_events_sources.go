package reports

import (
	"context"
	"time"

	"github.com/academy-platform/academy/internal/identity"
)

// organisationEvents reads the events section at now: the organisation's events from
// EventMonths before now on, upcoming ones included, with its learners' attendance and
// follow-ups per event and in total (AttendanceReport), and per cohort from the
// per-person breakdown (AttendanceByPerson): a fixed number of queries whatever the
// number of events, learners and cohorts.
func (s Sources) organisationEvents(ctx context.Context, orgID string, learners []identity.User, cohorts []cohortGroup, now time.Time) (OrganisationEvents, error) {
	if s.Development == nil {
		return OrganisationEvents{}, errNoDevelopment
	}
	from := now.AddDate(0, -EventMonths, 0)
	ids := userIDs(learners) // never nil: no learners count nobody
	report, err := s.Development.AttendanceReport(ctx, orgID, ids, from, time.Time{})
	if err != nil {
		return OrganisationEvents{}, err
	}
	byPerson, err := s.Development.AttendanceByPerson(ctx, orgID, from, time.Time{})
	if err != nil {
		return OrganisationEvents{}, err
	}
	return organisationEvents(report, byPerson, ids, cohorts, from, now), nil
}
