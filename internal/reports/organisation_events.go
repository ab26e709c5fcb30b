package reports

import (
	"strings"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// events draws the learners' attendance at the organisation's professional events: key
// figures, one row per cohort, and one per event by date (the longest table, last).
func (or *organisationReport) events() {
	data := or.data
	ev := data.Events
	or.section(or.T("org.events.title"), or.T("org.events.intro",
		"from", or.f.Date(ev.From), "to", or.f.Date(data.GeneratedAt)))
	if len(ev.Events) == 0 {
		or.para(or.T("org.events.none"))
		return
	}
	t := ev.Total
	or.tiles("events", []tile{
		{or.f.Int(ev.Held), or.T("org.events.tile_held", "months", or.f.Int(EventMonths))},
		{or.share(ev.People, data.Participation.Learners), or.T("org.events.tile_people", "n", or.f.Int(ev.People))},
		{or.f.Int(t.Attended), or.T("org.events.tile_attended", "going", or.f.Int(t.Going))},
		{or.share(t.FollowUpsDone, t.FollowUps), or.T("org.events.tile_follow_ups",
			"done", or.f.Int(t.FollowUpsDone), "named", or.f.Int(t.FollowUps))},
	})
	if ev.Upcoming > 0 {
		or.para(or.msg.N("org.events.upcoming", ev.Upcoming, or.f.Int(ev.Upcoming),
			"people", or.msg.N("org.events.signed_up", ev.UpcomingGoing, or.f.Int(ev.UpcomingGoing))))
	}
	or.eventsByCohort()
	or.eventTable()
}

// eventTable draws one row per event, by date. It ends the section: nothing follows the
// table, so that a table ending at the foot of a page leaves no empty page behind.
func (or *organisationReport) eventTable() {
	th := or.th
	or.h2(or.T("org.events.by_event"), 50)
	or.note(or.T("org.events.note"))
	t := th.table("events",
		pdf.Column{Title: or.T("org.events.col_date"), Width: 24},
		pdf.Column{Title: or.T("org.events.col_event"), Width: or.d.Width() - 108},
		pdf.Column{Title: or.T("org.events.col_going"), Width: 20, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.events.col_attended"), Width: 20, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.events.col_follow_ups"), Width: 24, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.events.col_done"), Width: 20, Align: pdf.AlignRight},
	)
	for _, e := range or.data.Events.Events {
		var notes []string
		if e.Upcoming {
			notes = append(notes, or.T("org.events.upcoming_note"))
		}
		switch {
		case e.ForCohort && e.Cohort != "":
			notes = append(notes, or.T("org.events.for_cohort", "name", e.Cohort))
		case e.ForCohort:
			notes = append(notes, or.T("org.events.for_small_cohort"))
		}
		row := pdf.Row{Label: e.Title, Cells: []pdf.Cell{{Text: or.f.ShortDate(e.StartsAt)},
			{Text: e.Title, Font: &th.tableBold, Note: strings.Join(notes, " · ")}, {Text: or.f.Int(e.Counts.Going)}}}
		if e.Upcoming {
			row.Cells = append(row.Cells, pdf.Cell{Text: "–"}, pdf.Cell{Text: "–"}, pdf.Cell{Text: "–"})
		} else {
			row.Cells = append(row.Cells, pdf.Cell{Text: or.f.Int(e.Counts.Attended)},
				pdf.Cell{Text: or.f.Int(e.Counts.FollowUps)}, or.doneCell(e.Counts))
		}
		t.Rows = append(t.Rows, row)
	}
	or.d.Table(t)
}

// eventsByCohort draws the organisation's and each cohort's counts at the held events.
func (or *organisationReport) eventsByCohort() {
	data := or.data
	ev := data.Events
	if len(ev.Cohorts) == 0 {
		return
	}
	th := or.th
	or.h2(or.T("org.events.by_cohort"), 40)
	or.note(or.T("org.events.cohort_note", "min", or.f.Int(data.MinGroupSize)))
	t := th.table("events-cohorts",
		pdf.Column{Title: or.T("org.col_group"), Width: or.d.Width() - 132},
		pdf.Column{Title: or.T("org.col_learners"), Width: 19, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.events.col_people"), Width: 25, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.events.col_going"), Width: 20, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.events.col_attendances"), Width: 24, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.events.col_follow_ups"), Width: 24, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.events.col_done"), Width: 20, Align: pdf.AlignRight},
	)
	row := func(label string, learners, people int, c EventCounts, bold bool) pdf.Row {
		name := pdf.Cell{Text: label}
		if bold {
			name.Font = &th.tableBold
		}
		return pdf.Row{Label: label, Cells: []pdf.Cell{name, {Text: or.f.Int(learners)},
			{Text: or.share(people, learners), Note: or.msg.N("org.people", people, or.f.Int(people))},
			{Text: or.f.Int(c.Going)}, {Text: or.f.Int(c.Attended)}, {Text: or.f.Int(c.FollowUps)}, or.doneCell(c)}}
	}
	t.Rows = append(t.Rows, row(or.T("org.whole"), data.Participation.Learners, ev.People, ev.Total, true))
	for _, c := range ev.Cohorts {
		if !c.BrokenOut {
			t.Rows = append(t.Rows, pdf.Row{Label: c.Name, Cells: []pdf.Cell{
				{Text: c.Name, Note: or.T("org.not_broken_out", "min", or.f.Int(data.MinGroupSize))}, {Text: "–"}}})
			continue
		}
		t.Rows = append(t.Rows, row(c.Name, c.Learners, c.People, c.Total, false))
	}
	or.d.Table(t)
	or.d.Space(3)
}

// doneCell is the follow-ups done, with their share of those named under it.
func (or *organisationReport) doneCell(c EventCounts) pdf.Cell {
	cell := pdf.Cell{Text: or.f.Int(c.FollowUpsDone)}
	if c.FollowUps > 0 {
		cell.Note = or.share(c.FollowUpsDone, c.FollowUps)
	}
	return cell
}
