package reportjobs

import "github.com/academy-platform/academy/internal/identity"

// Who may have which document, as what the identity policy must allow the reader to do.
const (
	// GroupReportAction on a cohort: its report and CSV exports are for the cohort's
	// coaches and the organisation's admins.
	GroupReportAction = identity.Coach
	// OrganisationReportAction on an organisation: its report, CSV exports, bulk jobs and
	// branding are for its admins.
	OrganisationReportAction = identity.Manage
)

// LearnerReportAction is what the reader must be allowed to do with a learner to have
// their report: a learner may have their own (View); anyone else must coach them (their
// coaches, the organisation's admins), so that a learner who may see their coach cannot
// download the coach's report.
func LearnerReportAction(readerID, learnerID string) identity.Action {
	if readerID == learnerID {
		return identity.View
	}
	return identity.Coach
}
