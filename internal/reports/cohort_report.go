package reports

import (
	"strings"
)

// CohortReport draws the cohort report for the cohort's coaches in lang ("es" or "en"; ""
// is Spanish): cover, each learner's progress, the heat map of the latest self-assessment
// scores (learners × dimensions) with the cohort's distribution per dimension, and the
// learners who need attention.
func (r *Renderer) CohortReport(d CohortReportData, lang string) ([]byte, error) {
	b, err := r.drawCohortReport(d, lang)
	if err != nil {
		return nil, err
	}
	return b.finish()
}

// drawCohortReport draws the report and returns it unfinished, for tests to inspect.
func (r *Renderer) drawCohortReport(data CohortReportData, lang string) (*builder, error) {
	var brand Branding
	if data.Organisation.Branding != nil {
		brand = *data.Organisation.Branding
	}
	b, err := r.start(docSpec{lang: lang, brand: brand, zone: data.Organisation.Zone, margins: portraitMargins(),
		title:   func(b *builder) string { return b.T("cohort.doc_title", "name", data.Cohort.Name) },
		subject: func(b *builder) string { return b.T("cohort.doc_subject") },
		author:  func(b *builder) string { return data.Organisation.Name },
	})
	if err != nil {
		return nil, err
	}
	if data.GeneratedAt.IsZero() {
		data.GeneratedAt = b.now
	}
	cr := &cohortReport{builder: b, data: data}
	cr.cover()
	right := b.brand.Name
	if data.Organisation.Name != "" {
		right = data.Organisation.Name
	}
	b.d.OnPageStart(b.runningHeader(b.T("cohort.header", "name", data.Cohort.Name), right))
	cr.progress()
	cr.results()
	cr.attention()
	b.footers(b.T("cohort.footer", "brand", b.brand.Name))
	return b, nil
}

// cohortReport is the state of one cohort report being drawn.
type cohortReport struct {
	*builder
	data CohortReportData
}

// cover draws the first page.
func (cr *cohortReport) cover() {
	data := cr.data
	c := coverSpec{eyebrow: cr.T("cohort.cover.eyebrow"), title: cr.T("cohort.cover.title"), name: data.Cohort.Name,
		organisation: data.Organisation.Name, note: cr.T("cohort.cover.confidential")}
	var coaches []string
	for _, p := range data.Coaches {
		coaches = append(coaches, p.Name)
	}
	coachList := cr.T("cohort.cover.no_coach")
	if len(coaches) > 0 {
		coachList = strings.Join(coaches, ", ")
	}
	c.facts = []fact{
		{cr.T("cohort.cover.date"), cr.f.Date(data.GeneratedAt)},
		{cr.T("cohort.cover.coaches"), coachList},
		{cr.T("cohort.cover.learners"), cr.f.Int(len(data.Learners))},
	}
	if inst := data.Instrument; inst != nil {
		title := cr.T("cohort.cover.instrument_value", "title", inst.Title.In(cr.lang), "version", cr.f.Int(inst.Version))
		c.subtitle = title
		c.facts = append(c.facts, fact{cr.T("cohort.cover.instrument"), title})
	}
	cr.builder.cover(c)
}

// progress draws the summary figures and each learner's progress.
func (cr *cohortReport) progress() {
	data := cr.data
	cr.section(cr.T("cohort.progress.title"), cr.T("cohort.progress.intro"))
	if len(data.Learners) == 0 {
		cr.para(cr.T("cohort.no_learners"))
		return
	}
	assessed, total := 0, 0
	for _, l := range data.Learners {
		if l.AssessedAt != nil {
			assessed++
		}
		total += l.Training.Percent
	}
	n := len(data.Learners)
	cr.tiles("cohort", []tile{
		{cr.f.Int(n), cr.T("cohort.tile_learners")},
		{cr.T("training.of", "done", cr.f.Int(assessed), "total", cr.f.Int(n)), cr.T("cohort.tile_assessed")},
		{cr.f.Percent(float64(total) / float64(n)), cr.T("cohort.tile_progress")},
		{cr.f.Int(len(data.Attention)), cr.T("cohort.tile_attention")},
	})
	cr.progressTable()
}
