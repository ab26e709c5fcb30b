package reports

import (
	"slices"
	"time"
)

// LearnerReport draws the learner development report in lang ("es" or "en"; "" is
// Spanish): cover, profile (radar), results per dimension, strengths and priorities,
// growth, training, the development sections whose data is present, and a page on how to
// read the report.
func (r *Renderer) LearnerReport(data LearnerReportData, lang string) ([]byte, error) {
	b, err := r.drawLearnerReport(data, lang)
	if err != nil {
		return nil, err
	}
	return b.finish()
}

// drawLearnerReport draws the report and returns it unfinished, for tests to inspect.
func (r *Renderer) drawLearnerReport(data LearnerReportData, lang string) (*builder, error) {
	var brand Branding
	if data.Organisation.Branding != nil {
		brand = *data.Organisation.Branding
	}
	b, err := r.start(docSpec{lang: lang, brand: brand, zone: data.Organisation.Zone, margins: portraitMargins(),
		title: func(b *builder) string {
			return b.T("learner.doc_title", "name", data.Learner.Name)
		},
		subject: func(b *builder) string { return b.T("learner.doc_subject") },
		author:  func(b *builder) string { return data.Organisation.Name },
	})
	if err != nil {
		return nil, err
	}
	if data.GeneratedAt.IsZero() {
		data.GeneratedAt = b.now
	}
	lr := &learnerReport{builder: b, data: data}
	lr.names = map[string]string{}
	if a := data.Assessment; a != nil {
		for _, d := range a.Dimensions {
			lr.names[d.Slug] = d.Name.In(b.lang)
		}
		lr.strengths, lr.priorities = pickFocus(a.Dimensions)
	}
	lr.cover()
	right := b.brand.Name
	if data.Organisation.Name != "" {
		right = data.Organisation.Name
	}
	b.d.OnPageStart(b.runningHeader(b.T("learner.header", "name", data.Learner.Name), right))
	lr.profile()
	lr.results()
	lr.focus()
	lr.growth()
	lr.training()
	lr.development()
	lr.method()
	b.footers(b.T("learner.footer", "brand", b.brand.Name))
	return b, nil
}

// learnerReport is the state of one learner report being drawn.
type learnerReport struct {
	*builder
	data  LearnerReportData
	names map[string]string // dimension slug → name in the report's language
	// strengths and priorities index Assessment.Dimensions.
	strengths, priorities []int
}

// pickFocus chooses the strengths (the highest scores, up to three, highest first) and the
// development priorities (the lowest, up to three, lowest first) among the scored
// dimensions; a dimension is never both, and ties keep the instrument's order.
func pickFocus(dims []Dimension) (strengths, priorities []int) {
	var scored []int
	for i, d := range dims {
		if d.Score != nil {
			scored = append(scored, i)
		}
	}
	slices.SortStableFunc(scored, func(a, b int) int {
		switch sa, sb := *dims[a].Score, *dims[b].Score; {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	ks := min(3, (len(scored)+1)/2)
	kp := min(3, len(scored)-ks)
	strengths = slices.Clone(scored[:ks])
	for i := range kp {
		priorities = append(priorities, scored[len(scored)-1-i])
	}
	return strengths, priorities
}

// dateOr formats t, or returns alt for the zero time.
func (b *builder) dateOr(t time.Time, alt string) string {
	if t.IsZero() {
		return alt
	}
	return b.f.Date(t)
}
