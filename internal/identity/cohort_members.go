package identity

import (
	"context"
	"slices"
)

// MemberIDsOf returns the ids of the learners of each of the given cohorts, in one query
// per 500 cohorts. Cohorts without members are absent.
func (s *Store) MemberIDsOf(ctx context.Context, cohortIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	for chunk := range slices.Chunk(cohortIDs, 500) {
		var rows []struct{ CohortID, UserID string }
		err := s.conn(ctx).Table("cohort_members").Select("cohort_id, user_id").
			Where("cohort_id IN ?", chunk).Order("cohort_id, user_id").Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.CohortID] = append(out[r.CohortID], r.UserID)
		}
	}
	return out, nil
}
