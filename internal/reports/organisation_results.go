package reports

// results draws the organisation's distribution per dimension, its strengths and gaps.
func (or *organisationReport) results() {
	data := or.data
	inst := data.Instrument
	or.section(or.T("org.results.title"), or.T("org.results.intro", "min", or.f.Int(data.MinGroupSize)))
	if inst == nil || data.Participation.Assessed == 0 {
		or.para(or.T("org.results.none"))
		return
	}
	or.bandLegend("bands", firstBands(inst), "")
	or.distributionTable("distribution", inst, data.Dimensions, data.MinGroupSize)
	or.note(or.T("dist.note"))
	if len(data.Strengths) == 0 {
		return
	}
	or.h2(or.T("org.focus.title"), 30)
	or.bullets(or.T("org.focus.strengths"), or.T("org.focus.strengths_intro"), or.focusItems(data.Strengths))
	or.bullets(or.T("org.focus.gaps"), or.T("org.focus.gaps_intro"), or.focusItems(data.Gaps))
}

// focusItems describes dimensions by slug: name, mean and band.
func (or *organisationReport) focusItems(slugs []string) []string {
	var items []string
	for _, slug := range slugs {
		for k, st := range or.data.Dimensions {
			if st.Slug != slug {
				continue
			}
			band := ""
			if bands := or.data.Instrument.Dimensions[k].Bands; st.MeanBand >= 0 && st.MeanBand < len(bands) {
				band = bands[st.MeanBand].Label.In(or.lang)
			}
			items = append(items, or.T("org.focus.item", "name", or.dimName(k), "mean", or.f.Num(st.Mean, 0), "band", band))
		}
	}
	return items
}

// cohorts draws the cohorts' means per dimension as a heat map.
func (or *organisationReport) cohorts() {
	data := or.data
	inst := data.Instrument
	if inst == nil || data.Participation.Assessed == 0 || len(data.Cohorts) == 0 {
		return
	}
	or.section(or.T("org.cohorts.title"), or.T("org.cohorts.intro", "min", or.f.Int(data.MinGroupSize)))
	var rows []heatRow
	var small []string
	for _, c := range data.Cohorts {
		if !c.BrokenOut {
			small = append(small, c.Name)
			continue
		}
		row := heatRow{label: c.Name, note: or.msg.N("org.people", c.Learners, or.f.Int(c.Learners))}
		for _, st := range c.Dimensions {
			cell := heatCell{band: -1}
			if st.Shown {
				cell = heatCell{value: or.f.Num(st.Mean, 0), band: st.MeanBand}
			}
			row.cells = append(row.cells, cell)
		}
		rows = append(rows, row)
	}
	if len(rows) > 0 {
		or.dimensionKey("dimensions", inst)
		or.bandLegend("bands", firstBands(inst), or.T("org.cohorts.legend", "min", or.f.Int(data.MinGroupSize)))
		or.heatMap("cohorts", or.T("org.col_group"), inst, rows)
	} else {
		or.para(or.T("org.cohorts.none", "min", or.f.Int(data.MinGroupSize)))
	}
	if len(small) > 0 {
		or.bullets(or.T("org.cohorts.small"), or.T("org.cohorts.small_intro", "min", or.f.Int(data.MinGroupSize)), small)
	}
}
