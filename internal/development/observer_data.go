package development

import (
	"context"
	"sort"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/development/threesixty"
)

// observerData is the answered observers' data of one learner, held only inside the Store
// while their aggregates are computed.
type observerData struct {
	def     *instrument.Definition            // the newest form version answered
	ratings map[string][]threesixty.Rating    // dimension slug → one rating per scored observer
	items   map[string][]float64              // item id → one score per observer who answered it
	dims    map[string]string                 // item id → dimension slug
	texts   map[string]instrument.Text        // item id → text
	defs    map[string]*instrument.Definition // instrument id → definition
}

// loadObserverData reads the scores and answers of the learner's answered observers in
// three queries.
func (s *Store) loadObserverData(ctx context.Context, learnerID string) (observerData, error) {
	d := observerData{ratings: map[string][]threesixty.Rating{}, items: map[string][]float64{},
		dims: map[string]string{}, texts: map[string]instrument.Text{}, defs: map[string]*instrument.Definition{}}
	var invs []invitationRow
	err := s.conn(ctx).Select("id", "relationship", "instrument_id").
		Where("learner_id = ? AND status = ?", learnerID, ObserverAnswered).Find(&invs).Error
	if err != nil {
		return d, err
	}
	rel := map[string]threesixty.Relationship{}
	instOf := map[string]string{}
	for _, inv := range invs {
		rel[inv.ID] = threesixty.Relationship(inv.Relationship)
		instOf[inv.ID] = inv.InstrumentID
		if d.defs[inv.InstrumentID] == nil {
			def, err := s.assess.Definition(ctx, inv.InstrumentID)
			if err != nil {
				return d, err
			}
			d.defs[inv.InstrumentID] = def
			if d.def == nil || def.Version > d.def.Version {
				d.def = def
			}
		}
	}
	answered := s.conn(ctx).Model(&invitationRow{}).Select("id").
		Where("learner_id = ? AND status = ?", learnerID, ObserverAnswered)
	var scores []observerScoreRow
	err = s.conn(ctx).Where("invitation_id IN (?) AND score IS NOT NULL", answered).Find(&scores).Error
	if err != nil {
		return d, err
	}
	for _, sc := range scores {
		d.ratings[sc.Dimension] = append(d.ratings[sc.Dimension],
			threesixty.Rating{Relationship: rel[sc.InvitationID], Score: *sc.Score})
	}
	var answers []observerAnswerRow
	if err := s.conn(ctx).Where("invitation_id IN (?)", answered).Find(&answers).Error; err != nil {
		return d, err
	}
	for _, a := range answers {
		def := d.defs[instOf[a.InvitationID]]
		if def == nil {
			continue // answered after the invitations were read
		}
		it, ok := def.Item(a.ItemID)
		if !ok {
			continue
		}
		score, err := scoring.ItemScore(def.Scale, it, scoring.Answer{Value: a.Value, Option: a.OptionIndex})
		if err != nil {
			continue
		}
		d.items[it.ID] = append(d.items[it.ID], score)
		d.dims[it.ID] = it.Dimension
		if _, ok := d.texts[it.ID]; !ok || def == d.def {
			d.texts[it.ID] = it.Text
		}
	}
	return d, nil
}

// itemMeans returns the observers' mean score per item of a dimension, for items answered
// by at least MinObservers observers: the newest form's items in form order, then items
// only older versions had, by id.
func (d observerData) itemMeans(slug string) []ItemMean {
	var ids []string
	seen := map[string]bool{}
	if d.def != nil {
		for _, it := range d.def.ItemsOf(slug) {
			ids = append(ids, it.ID)
			seen[it.ID] = true
		}
	}
	var older []string
	for id, dim := range d.dims {
		if dim == slug && !seen[id] {
			older = append(older, id)
		}
	}
	sort.Strings(older)
	var out []ItemMean
	for _, id := range append(ids, older...) {
		if m := threesixty.MeanOf(d.items[id]); m != nil {
			out = append(out, ItemMean{ItemID: id, Text: d.texts[id], N: len(d.items[id]), Mean: *m})
		}
	}
	return out
}
