package reports

import (
	"context"
	"fmt"

	"github.com/academy-platform/academy/internal/development"
)

// CohortReportData reads what the cohort report of cohortID shows, in a fixed number of
// queries whatever the number of learners: the cohort, its organisation and coaches, each
// member's progress and latest self-assessment with its change since the first comparable
// one, the cohort's distribution per dimension and the members who need attention
// (development.Store.NeedsAttention over InactiveDays). It needs Sources.Development.
// errs.ErrNotFound when there is no such cohort. Authorisation is the caller's: the
// reader must coach the cohort (identity.Coach on the cohort).
func (s Sources) CohortReportData(ctx context.Context, cohortID string) (CohortReportData, error) {
	cohort, err := s.People.Cohort(ctx, cohortID)
	if err != nil {
		return CohortReportData{}, err
	}
	org, err := s.People.Organisation(ctx, cohort.OrganisationID)
	if err != nil {
		return CohortReportData{}, err
	}
	members, err := s.People.CohortMembers(ctx, cohort.ID)
	if err != nil {
		return CohortReportData{}, err
	}
	coaches, err := s.People.CohortCoaches(ctx, cohort.ID)
	if err != nil {
		return CohortReportData{}, err
	}
	members = learnersOnly(members)
	inst, facts, err := s.groupFacts(ctx, org.ID, members)
	if err != nil {
		return CohortReportData{}, fmt.Errorf("cohort report of %s: %w", cohort.ID, err)
	}
	attention, err := s.Development.NeedsAttention(ctx, userIDs(members), InactiveDays)
	if err != nil {
		return CohortReportData{}, fmt.Errorf("cohort report of %s: %w", cohort.ID, err)
	}
	data := cohortData(inst, facts, attention)
	data.GeneratedAt, data.Organisation = s.now().UTC(), Organisation{Name: org.Name, Zone: org.Location()}
	data.Cohort = CohortInfo{ID: cohort.ID, Name: cohort.Name, Description: cohort.Description}
	for _, c := range coaches {
		data.Coaches = append(data.Coaches, Person{Name: c.Name, Email: c.Email})
	}
	return data, nil
}

// cohortData lays the members' facts and who needs attention out for the cohort report;
// the header fields are left for the caller.
func cohortData(inst *GroupInstrument, facts []learnerFacts, attention []development.Attention) CohortReportData {
	data := CohortReportData{Instrument: inst, InactiveDays: InactiveDays}
	for _, f := range facts {
		data.Learners = append(data.Learners, cohortLearner(f))
	}
	if inst != nil {
		data.Dimensions = dimensionStats(inst, scoresOf(facts), showAll)
	}
	names := make(map[string]string, len(facts))
	for _, f := range facts {
		names[f.user.ID] = f.user.Name
	}
	for _, a := range attention {
		data.Attention = append(data.Attention, AttentionLearner{ID: a.UserID, Name: names[a.UserID],
			LastActivity: utc(a.LastActivity), OverdueGoals: a.OverdueGoals, Reasons: a.Reasons})
	}
	return data
}

// cohortLearner is one member's line of the cohort report.
func cohortLearner(f learnerFacts) CohortLearner {
	l := CohortLearner{ID: f.user.ID, Person: Person{Name: f.user.Name, Email: f.user.Email}, Training: f.training,
		LastActivity: f.lastActivity, Scores: f.scores}
	if h := f.history; h != nil {
		l.AssessedAt = utc(h.Latest.SubmittedAt)
		l.Attempts = h.Attempts
		if h.Change != nil {
			l.Compared = true
			for _, d := range h.Change.Dimensions {
				switch {
				case d.Reliable && d.RCI != nil && *d.RCI > 0:
					l.Improved++
				case d.Reliable:
					l.Declined++
				}
			}
		}
	}
	return l
}
