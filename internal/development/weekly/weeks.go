package weekly

import (
	"slices"
	"time"
)

// Day returns the calendar day of t (its year, month and day as written in t's location)
// at 00:00 UTC.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Monday returns the Monday that starts the ISO week of t's calendar day, at 00:00 UTC.
func Monday(t time.Time) time.Time {
	d := Day(t)
	back := (int(d.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
	return d.AddDate(0, 0, -back)
}

// Entry is what the weekly view needs of one log entry.
type Entry struct {
	Day        time.Time
	Kind       string
	Dimensions []string
}

// Week is the count of one ISO week's entries.
type Week struct {
	Year  int       `json:"year"` // ISO year
	Week  int       `json:"week"` // ISO week number, 1–53
	Start time.Time `json:"start"`
	Total int       `json:"total"`
	// ByDimension counts entries per dimension slug; an entry with two dimensions counts in
	// both (so the counts may add up to more than Total).
	ByDimension map[string]int `json:"by_dimension"`
	ByKind      map[string]int `json:"by_kind"`
}

// Weeks returns the n ISO weeks that end with today's, oldest first, with the entries
// counted into them; entries outside those weeks are ignored. n < 1 is taken as 1.
func Weeks(entries []Entry, today time.Time, n int) []Week {
	n = max(n, 1)
	first := Monday(today).AddDate(0, 0, -7*(n-1))
	out := make([]Week, n)
	for i := range out {
		start := first.AddDate(0, 0, 7*i)
		y, w := start.ISOWeek()
		out[i] = Week{Year: y, Week: w, Start: start, ByDimension: map[string]int{}, ByKind: map[string]int{}}
	}
	for _, e := range entries {
		i := weeksBetween(first, Monday(e.Day))
		if i < 0 || i >= n {
			continue
		}
		out[i].Total++
		out[i].ByKind[e.Kind]++
		for _, d := range e.Dimensions {
			out[i].ByDimension[d]++
		}
	}
	return out
}

// weeksBetween is the number of weeks from Monday a to Monday b. Days are counted in hours
// of UTC dates, which have no daylight-saving shifts.
func weeksBetween(a, b time.Time) int {
	days := int(b.Sub(a).Hours()) / 24
	if b.Before(a) {
		return -1 - (-days-1)/7
	}
	return days / 7
}

// Streak describes the habit of logging every week.
type Streak struct {
	// Current is the number of consecutive weeks with an entry, ending this week, or last
	// week when this week has none yet.
	Current int `json:"current"`
	// Longest is the longest run of consecutive weeks with an entry, ever (up to this week).
	Longest int `json:"longest"`
	// ThisWeek reports whether this week already has an entry.
	ThisWeek bool `json:"this_week"`
}

// StreakOf computes the streak from the days that have entries (any order, duplicates
// allowed); days after today's week are ignored.
func StreakOf(days []time.Time, today time.Time) Streak {
	this := Monday(today)
	var mondays []time.Time
	for _, d := range days {
		if m := Monday(d); !m.After(this) {
			mondays = append(mondays, m)
		}
	}
	slices.SortFunc(mondays, func(a, b time.Time) int { return a.Compare(b) })
	mondays = slices.Compact(mondays)
	var s Streak
	run := 0
	for i, m := range mondays {
		if i > 0 && weeksBetween(mondays[i-1], m) == 1 {
			run++
		} else {
			run = 1
		}
		s.Longest = max(s.Longest, run)
	}
	if len(mondays) == 0 {
		return s
	}
	last := mondays[len(mondays)-1]
	s.ThisWeek = last.Equal(this)
	if s.ThisWeek || last.Equal(this.AddDate(0, 0, -7)) {
		s.Current = run
	}
	return s
}
