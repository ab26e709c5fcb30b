package ui

import (
	"github.com/academy-platform/academy/internal/assessment/instrument"
)

// Items per questionnaire page: Likert statements are short, scenarios long.
const (
	likertPerPage   = 8
	scenarioPerPage = 2
)

// questionPages splits an instrument's items into the pages a respondent sees: first the
// Likert statements, interleaved across dimensions (one of each dimension in turn, so a
// page does not read as a block about one topic), then the scenarios.
func questionPages(def *instrument.Definition) [][]instrument.Item {
	var likert, sjt []instrument.Item
	byDim := make([][]instrument.Item, len(def.Dimensions))
	for i, d := range def.Dimensions {
		for _, it := range def.ItemsOf(d.Slug) {
			if it.Type == instrument.SJT {
				sjt = append(sjt, it)
			} else {
				byDim[i] = append(byDim[i], it)
			}
		}
	}
	for round := 0; ; round++ {
		added := false
		for _, items := range byDim {
			if round < len(items) {
				likert = append(likert, items[round])
				added = true
			}
		}
		if !added {
			break
		}
	}
	var pages [][]instrument.Item
	for len(likert) > 0 {
		n := min(likertPerPage, len(likert))
		pages = append(pages, likert[:n])
		likert = likert[n:]
	}
	for len(sjt) > 0 {
		n := min(scenarioPerPage, len(sjt))
		pages = append(pages, sjt[:n])
		sjt = sjt[n:]
	}
	return pages
}

// resumePage is where someone coming back to a questionnaire carries on: the first page
// (1-based) with a question they have not answered. ok is false when every question has
// an answer: then the next step is to check and send.
func resumePage[T any](pages [][]T, answered func(T) bool) (page int, ok bool) {
	for i, items := range pages {
		for _, it := range items {
			if !answered(it) {
				return i + 1, true
			}
		}
	}
	return 0, false
}
