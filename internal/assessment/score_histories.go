package assessment

import (
	"context"
	"fmt"
	"slices"
)

// ScoreHistory is what a report over many people needs of one person's submitted attempts
// on an instrument: the latest attempt with its scores, how many there are, and the change
// since the first one that can be compared with it.
type ScoreHistory struct {
	UserID string
	// Latest is the latest submitted attempt (by submission time, then id), on whichever
	// version of the instrument it was taken.
	Latest Attempt
	// Scores are the latest attempt's 0–100 scores by dimension slug; a dimension that is
	// not scored has no entry.
	Scores map[string]float64
	// Attempts counts the person's submitted attempts on the instrument.
	Attempts int
	// Change compares the earliest submitted attempt on content identical to the latest
	// one's (the attempts Growth compares) with the latest, exactly as Growth does, RCI
	// included; nil when there is no such earlier attempt.
	Change *Comparison
}

// ScoreHistories returns the ScoreHistory of each of userIDs who has a submitted attempt
// on the instrument key, by user id. It runs a fixed number of queries per 500 people,
// plus, for each instrument version the latest attempts are on, the reliability Growth
// uses (cached, see Growth). The caller checks who may see these people's results.
func (s *Store) ScoreHistories(ctx context.Context, userIDs []string, key string) (map[string]ScoreHistory, error) {
	tx := s.conn(ctx)
	byUser := map[string][]Attempt{}
	for ids := range slices.Chunk(slices.Compact(slices.Sorted(slices.Values(userIDs))), 500) {
		var rows []Attempt
		err := tx.Where("user_id IN ? AND instrument_key = ? AND submitted_at IS NOT NULL", ids, key).
			Order("user_id, submitted_at, id").Find(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("score histories: %w", err)
		}
		for _, a := range rows {
			byUser[*a.UserID] = append(byUser[*a.UserID], a)
		}
	}
	content, err := s.contentOf(ctx, byUser)
	if err != nil {
		return nil, err
	}
	out := make(map[string]ScoreHistory, len(byUser))
	firsts := map[string]Attempt{}
	var scored []string
	for user, attempts := range byUser {
		latest := attempts[len(attempts)-1]
		out[user] = ScoreHistory{UserID: user, Latest: latest, Attempts: len(attempts)}
		scored = append(scored, latest.ID)
		for _, a := range attempts[:len(attempts)-1] {
			if content[a.InstrumentID] == content[latest.InstrumentID] {
				firsts[user] = a
				scored = append(scored, a.ID)
				break
			}
		}
	}
	scores, err := s.scoresOf(tx, scored)
	if err != nil {
		return nil, fmt.Errorf("score histories: %w", err)
	}
	bases := map[string]map[string]RCIBasis{}
	for user, h := range out {
		def, err := s.definition(tx, h.Latest.InstrumentID)
		if err != nil {
			return nil, err
		}
		h.Scores = map[string]float64{}
		for _, dim := range def.Dimensions {
			r := scores[h.Latest.ID][dim.Slug]
			if r.Score != nil && r.Band != nil && *r.Band >= 0 && *r.Band < len(dim.Bands) {
				h.Scores[dim.Slug] = *r.Score
			}
		}
		if first, ok := firsts[user]; ok {
			basis, ok := bases[h.Latest.InstrumentID]
			if !ok {
				rel, err := s.currentReliability(ctx, h.Latest.InstrumentID)
				if err != nil {
					return nil, err
				}
				basis = rciBases(rel)
				bases[h.Latest.InstrumentID] = basis
			}
			c := Comparison{AttemptID: first.ID, SubmittedAt: first.SubmittedAt.UTC()}
			for _, dim := range def.Dimensions {
				c.Dimensions = append(c.Dimensions,
					change(dim.Slug, scores[first.ID][dim.Slug].Score, scores[h.Latest.ID][dim.Slug].Score, basis[dim.Slug]))
			}
			h.Change = &c
		}
		out[user] = h
	}
	return out, nil
}

// contentKey identifies what Growth treats as the same content: the key, the owner and
// the content hash of an instrument version.
type contentKey struct{ key, owner, hash string }

// contentOf reads the content key of every instrument version the attempts are on.
func (s *Store) contentOf(ctx context.Context, byUser map[string][]Attempt) (map[string]contentKey, error) {
	seen := map[string]bool{}
	var ids []string
	for _, attempts := range byUser {
		for _, a := range attempts {
			if !seen[a.InstrumentID] {
				seen[a.InstrumentID] = true
				ids = append(ids, a.InstrumentID)
			}
		}
	}
	out := make(map[string]contentKey, len(ids))
	for chunk := range slices.Chunk(ids, 500) {
		var rows []instrumentRow
		if err := s.conn(ctx).Select("id", "key", "organisation_id", "hash").Where("id IN ?", chunk).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("score histories: %w", err)
		}
		for _, r := range rows {
			out[r.ID] = contentKey{key: r.Key, owner: deref(r.OrganisationID), hash: r.Hash}
		}
	}
	return out, nil
}
