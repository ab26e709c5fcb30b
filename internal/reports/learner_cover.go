package reports

// cover draws the first page: the brand, the report's title, the learner and organisation,
// and the facts of the assessment.
func (lr *learnerReport) cover() {
	data := lr.data
	c := coverSpec{eyebrow: lr.T("learner.cover.eyebrow"), title: lr.T("learner.cover.title"),
		name: data.Learner.Name, organisation: data.Organisation.Name, note: lr.T("learner.cover.confidential")}
	c.facts = []fact{{lr.T("learner.cover.date"), lr.f.Date(data.GeneratedAt)}}
	if a := data.Assessment; a != nil {
		c.subtitle = lr.T("learner.cover.instrument", "title", a.Title.In(lr.lang), "version", lr.f.Int(a.Version))
		c.facts = append(c.facts,
			fact{lr.T("learner.cover.taken"), lr.f.Date(a.SubmittedAt)},
			fact{lr.T("learner.cover.instrument_label"), lr.T("learner.cover.instrument_value",
				"title", a.Title.In(lr.lang), "version", lr.f.Int(a.Version))},
			fact{lr.T("learner.cover.group"), lr.msg.Or("group_label."+a.Group, a.Group)})
	} else {
		c.facts = append(c.facts, fact{lr.T("learner.cover.taken"), lr.T("learner.cover.not_taken")})
	}
	if g := data.Growth; g != nil && len(g.Attempts) > 1 {
		c.facts = append(c.facts, fact{lr.T("learner.cover.attempts"), lr.f.Int(len(g.Attempts))})
	}
	lr.builder.cover(c)
}
