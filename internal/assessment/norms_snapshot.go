package assessment

import (
	"context"
	"slices"
	"strings"
	"sync"

	"gorm.io/gorm"
)

// NormsSnapshot computes Norms like Store.Norms, but reads each reference group's scores
// once and reuses them: for work that places many attempts in the same groups at one
// moment, such as a bulk report of a whole organisation, where reading the organisation's
// scores again for every person would grow with the square of its size. Every attempt is
// then placed in the same data. Safe for concurrent use; keep it for one piece of work,
// not longer, or it stops seeing new attempts.
type NormsSnapshot struct {
	s      *Store
	mu     sync.Mutex
	groups map[string]*snapshotGroup
}

type snapshotGroup struct {
	once   sync.Once
	scores map[string][]float64
	err    error
}

// NormsSnapshot starts an empty snapshot.
func (s *Store) NormsSnapshot() *NormsSnapshot {
	return &NormsSnapshot{s: s, groups: map[string]*snapshotGroup{}}
}

// Norms is Store.Norms, from the snapshot's group scores.
func (n *NormsSnapshot) Norms(ctx context.Context, attemptID string, g Group) (Norms, error) {
	return n.s.norms(ctx, attemptID, g, n.groupScores)
}

func (n *NormsSnapshot) groupScores(tx *gorm.DB, instrumentID string, g Group) (map[string][]float64, error) {
	key := []string{instrumentID, string(g.Kind), g.OrganisationID}
	if g.Kind == GroupCohort {
		ids := slices.Clone(g.UserIDs)
		slices.Sort(ids)
		key = append(key, ids...)
	}
	n.mu.Lock()
	sg, ok := n.groups[strings.Join(key, "\x00")]
	if !ok {
		sg = &snapshotGroup{}
		n.groups[strings.Join(key, "\x00")] = sg
	}
	n.mu.Unlock()
	sg.once.Do(func() { sg.scores, sg.err = n.s.groupScores(tx, instrumentID, g) })
	return sg.scores, sg.err
}
