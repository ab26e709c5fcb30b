package reports

// OrganisationReport draws the organisation competency report for its administrators in
// lang ("es" or "en"; "" is Spanish): cover, participation, results per dimension with
// strengths and gaps, results per cohort, change between first and latest
// self-assessments, attendance at professional events, and an appendix with the
// reliability statistics. It shows aggregates only, as the data carries them (see
// OrganisationReportData).
func (r *Renderer) OrganisationReport(d OrganisationReportData, lang string) ([]byte, error) {
	b, err := r.drawOrganisationReport(d, lang)
	if err != nil {
		return nil, err
	}
	return b.finish()
}

// drawOrganisationReport draws the report and returns it unfinished, for tests to inspect.
func (r *Renderer) drawOrganisationReport(data OrganisationReportData, lang string) (*builder, error) {
	var brand Branding
	if data.Organisation.Branding != nil {
		brand = *data.Organisation.Branding
	}
	b, err := r.start(docSpec{lang: lang, brand: brand, zone: data.Organisation.Zone, margins: portraitMargins(),
		title:   func(b *builder) string { return b.T("org.doc_title", "name", data.Organisation.Name) },
		subject: func(b *builder) string { return b.T("org.doc_subject") },
		author:  func(b *builder) string { return data.Organisation.Name },
	})
	if err != nil {
		return nil, err
	}
	if data.GeneratedAt.IsZero() {
		data.GeneratedAt = b.now
	}
	if data.MinGroupSize == 0 {
		data.MinGroupSize = MinGroupSize
	}
	if data.Events.From.IsZero() {
		data.Events.From = data.GeneratedAt.AddDate(0, -EventMonths, 0)
	}
	or := &organisationReport{builder: b, data: data}
	or.cover()
	b.d.OnPageStart(b.runningHeader(b.T("org.header", "name", data.Organisation.Name), b.brand.Name))
	or.participation()
	or.results()
	or.cohorts()
	or.change()
	or.events()
	or.reliability()
	b.footers(b.T("org.footer", "brand", b.brand.Name))
	return b, nil
}

// organisationReport is the state of one organisation report being drawn.
type organisationReport struct {
	*builder
	data OrganisationReportData
}

// cover draws the first page.
func (or *organisationReport) cover() {
	data := or.data
	c := coverSpec{eyebrow: or.T("org.cover.eyebrow"), title: or.T("org.cover.title"), name: data.Organisation.Name,
		note: or.T("org.cover.confidential", "min", or.f.Int(data.MinGroupSize))}
	c.facts = []fact{
		{or.T("org.cover.date"), or.f.Date(data.GeneratedAt)},
		{or.T("org.cover.learners"), or.f.Int(data.Participation.Learners)},
		{or.T("org.cover.cohorts"), or.f.Int(len(data.Cohorts))},
	}
	if inst := data.Instrument; inst != nil {
		title := or.T("cohort.cover.instrument_value", "title", inst.Title.In(or.lang), "version", or.f.Int(inst.Version))
		c.subtitle = title
		c.facts = append(c.facts, fact{or.T("cohort.cover.instrument"), title})
	}
	c.facts = append(c.facts, fact{or.T("org.cover.min_group"), or.msg.N("org.people", data.MinGroupSize, or.f.Int(data.MinGroupSize))})
	or.builder.cover(c)
}

// dimName is a dimension's name in the report's language.
func (or *organisationReport) dimName(k int) string {
	return or.data.Instrument.Dimensions[k].Name.In(or.lang)
}

// share writes n of total as a percentage, or a dash without a total.
func (b *builder) share(n, total int) string {
	if total == 0 {
		return "–"
	}
	return b.f.Percent(100 * float64(n) / float64(total))
}
