package reports

import (
	"context"
	"fmt"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/identity"
)

// OrganisationReportData reads what the organisation report of orgID shows, in a fixed
// number of queries whatever the number of learners and cohorts: participation, the
// distribution of the learners' latest scores per dimension, the change from their first
// to their latest self-assessment (with the share of reliable improvements, as Growth
// computes them), strengths and gaps, the same per cohort, and the reliability of the
// instrument over the organisation's attempts (as the psychometrics page computes it), and
// the learners' attendance at the organisation's professional events (OrganisationEvents).
// Results over fewer than MinGroupSize people are left out, cohorts of fewer learners are
// not broken out, and a cohort's result is also left out when the rest of the
// organisation is fewer than MinGroupSize people. It needs Sources.Development.
// errs.ErrNotFound when there is no such organisation. Authorisation is the caller's: the
// reader must administer the organisation.
func (s Sources) OrganisationReportData(ctx context.Context, orgID string) (OrganisationReportData, error) {
	org, err := s.People.Organisation(ctx, orgID)
	if err != nil {
		return OrganisationReportData{}, err
	}
	// Erased people stay in the aggregates, anonymously, so that erasing someone does not
	// change the organisation's figures; the report names nobody.
	people, err := s.People.UsersCountedInOrganisation(ctx, org.ID)
	if err != nil {
		return OrganisationReportData{}, err
	}
	cohorts, err := s.People.Cohorts(ctx, identity.CohortFilter{OrganisationID: org.ID})
	if err != nil {
		return OrganisationReportData{}, err
	}
	cohortIDs := make([]string, len(cohorts))
	for i, c := range cohorts {
		cohortIDs[i] = c.ID
	}
	members, err := s.People.MemberIDsOf(ctx, cohortIDs)
	if err != nil {
		return OrganisationReportData{}, err
	}
	learners := learnersOnly(people)
	inst, facts, err := s.groupFacts(ctx, org.ID, learners)
	if err != nil {
		return OrganisationReportData{}, fmt.Errorf("organisation report of %s: %w", org.ID, err)
	}
	groups := make([]cohortGroup, len(cohorts))
	for i, c := range cohorts {
		groups[i] = cohortGroup{id: c.ID, name: c.Name, members: members[c.ID]}
	}
	data := organisationData(inst, facts, groups)
	data.GeneratedAt, data.Organisation = s.now().UTC(), Organisation{Name: org.Name, Zone: org.Location()}
	if data.Events, err = s.organisationEvents(ctx, org.ID, learners, groups, data.GeneratedAt); err != nil {
		return OrganisationReportData{}, fmt.Errorf("organisation report of %s: %w", org.ID, err)
	}
	if inst != nil {
		if data.Reliability, err = s.reliabilityAppendix(ctx, org.ID, inst, data.Participation.Assessed); err != nil {
			return OrganisationReportData{}, fmt.Errorf("organisation report of %s: %w", org.ID, err)
		}
	}
	return data, nil
}

// cohortGroup is a cohort's id, name and the ids of its learners.
type cohortGroup struct {
	id, name string
	members  []string
}

// organisationData aggregates the learners' facts into the organisation report, under
// the minimum group size; the header fields and the reliability appendix are left for
// the caller.
func organisationData(inst *GroupInstrument, facts []learnerFacts, cohorts []cohortGroup) OrganisationReportData {
	data := OrganisationReportData{MinGroupSize: MinGroupSize, Instrument: inst, Participation: participation(facts)}
	if inst != nil {
		data.Dimensions = dimensionStats(inst, scoresOf(facts), minGroup(MinGroupSize))
		data.Change = changeStats(inst, changes(facts), minGroup(MinGroupSize))
		data.Strengths, data.Gaps = strengthsAndGaps(data.Dimensions)
	}
	byID := make(map[string]learnerFacts, len(facts))
	for _, f := range facts {
		byID[f.user.ID] = f
	}
	for _, c := range cohorts {
		var group []learnerFacts
		for _, id := range c.members {
			if f, ok := byID[id]; ok {
				group = append(group, f)
			}
		}
		data.Cohorts = append(data.Cohorts, cohortBreakdown(c.name, group, inst, data))
	}
	return data
}

// cohortBreakdown is a cohort's part of the organisation report: nothing but its name and
// size below MinGroupSize learners.
func cohortBreakdown(name string, group []learnerFacts, inst *GroupInstrument, org OrganisationReportData) CohortBreakdown {
	cb := CohortBreakdown{Name: name, Learners: len(group)}
	if len(group) < MinGroupSize {
		return cb
	}
	cb.BrokenOut = true
	cb.Participation = participation(group)
	if inst == nil {
		return cb
	}
	scored, compared := make([]int, len(inst.Dimensions)), make([]int, len(inst.Dimensions))
	for k := range inst.Dimensions {
		scored[k], compared[k] = org.Dimensions[k].N, org.Change[k].N
	}
	cb.Dimensions = dimensionStats(inst, scoresOf(group), subgroup(MinGroupSize, scored))
	cb.Change = changeStats(inst, changes(group), subgroup(MinGroupSize, compared))
	return cb
}

// reliabilityAppendix is the reliability of the instrument version over the
// organisation's attempts, with the alpha the reliable change index uses beside it; its
// statistics are left out while fewer than MinGroupSize of the organisation's learners
// have taken the self-assessment (their attempts may be many more).
func (s Sources) reliabilityAppendix(ctx context.Context, orgID string, inst *GroupInstrument, assessed int) (*ReliabilityAppendix, error) {
	rel, err := s.Assessments.Psychometrics(ctx, inst.ID, orgID)
	if err != nil {
		return nil, err
	}
	growth, err := s.Assessments.GrowthReliability(ctx, inst.ID)
	if err != nil {
		return nil, err
	}
	alphas := map[string]*float64{}
	for _, d := range growth.Dimensions {
		alphas[d.Slug] = d.Alpha
	}
	out := &ReliabilityAppendix{Version: rel.Version, Attempts: rel.Attempts, ScaleMin: rel.ScaleMin, ScaleMax: rel.ScaleMax}
	for _, d := range rel.Dimensions {
		out.Dimensions = append(out.Dimensions, dimensionReliability(d, alphas[d.Slug], assessed))
	}
	return out, nil
}

// dimensionReliability keeps a dimension's statistics when they rest on at least
// MinGroupSize complete cases of at least MinGroupSize people.
func dimensionReliability(d assessment.DimensionReliability, growthAlpha *float64, people int) DimensionReliability {
	out := DimensionReliability{Slug: d.Slug, Items: len(d.Items), N: d.N, GrowthAlpha: growthAlpha}
	if d.N < MinGroupSize || people < MinGroupSize {
		out.Problem = assessment.ProblemTooFewRespondents
		return out
	}
	out.Shown = true
	out.Mean, out.SD, out.Alpha, out.StdAlpha, out.SEM, out.Problem = d.Mean, d.SD, d.Alpha, d.StdAlpha, d.SEM, d.Problem
	return out
}
