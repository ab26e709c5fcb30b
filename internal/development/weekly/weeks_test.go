package weekly_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/development/weekly"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestMonday(t *testing.T) {
	cases := []struct {
		in, monday string
		year, week int
	}{
		{"2021-01-01", "2020-12-28", 2020, 53}, // Friday in the 53rd week of 2020
		{"2021-01-03", "2020-12-28", 2020, 53}, // Sunday
		{"2021-01-04", "2021-01-04", 2021, 1},  // Monday
		{"2024-12-30", "2024-12-30", 2025, 1},  // Monday of week 1 of 2025
		{"2025-12-31", "2025-12-29", 2026, 1},
		{"2016-01-03", "2015-12-28", 2015, 53},
		{"2026-03-08", "2026-03-02", 2026, 10},
	}
	for _, c := range cases {
		m := weekly.Monday(day(c.in))
		y, w := m.ISOWeek()
		if !m.Equal(day(c.monday)) || y != c.year || w != c.week {
			t.Errorf("Monday(%s) = %s (%d-W%02d), want %s (%d-W%02d)", c.in, m.Format(time.DateOnly), y, w, c.monday, c.year, c.week)
		}
	}
	// The calendar day is taken as written, whatever the location.
	late := time.Date(2021, 1, 3, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600))
	if m := weekly.Monday(late); !m.Equal(day("2020-12-28")) {
		t.Errorf("Monday(%v) = %v", late, m)
	}
}

func TestWeeksAcrossTheYear(t *testing.T) {
	entries := []weekly.Entry{
		{Day: day("2020-12-14"), Kind: "helped", Dimensions: []string{"giving-first"}}, // too old
		{Day: day("2020-12-21"), Kind: "helped", Dimensions: []string{"giving-first", "other-focus"}},
		{Day: day("2020-12-31"), Kind: "introduced", Dimensions: []string{"giving-first"}},
		{Day: day("2021-01-02"), Kind: "helped", Dimensions: []string{"other-focus"}},
		{Day: day("2021-01-05"), Kind: "shared_content", Dimensions: []string{"digital-presence"}},
		{Day: day("2021-01-11"), Kind: "helped"}, // after today's week
	}
	got := weekly.Weeks(entries, day("2021-01-06"), 3)
	want := []weekly.Week{
		{Year: 2020, Week: 52, Start: day("2020-12-21"), Total: 1,
			ByDimension: map[string]int{"giving-first": 1, "other-focus": 1}, ByKind: map[string]int{"helped": 1}},
		{Year: 2020, Week: 53, Start: day("2020-12-28"), Total: 2,
			ByDimension: map[string]int{"giving-first": 1, "other-focus": 1}, ByKind: map[string]int{"introduced": 1, "helped": 1}},
		{Year: 2021, Week: 1, Start: day("2021-01-04"), Total: 1,
			ByDimension: map[string]int{"digital-presence": 1}, ByKind: map[string]int{"shared_content": 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Weeks =\n%+v\nwant\n%+v", got, want)
	}
	if n := len(weekly.Weeks(nil, day("2021-01-06"), 0)); n != 1 {
		t.Errorf("Weeks with n = 0 gave %d weeks, want 1", n)
	}
}

func TestStreak(t *testing.T) {
	days := func(s ...string) []time.Time {
		out := make([]time.Time, len(s))
		for i, d := range s {
			out[i] = day(d)
		}
		return out
	}
	// Weeks 2020-W52, 2020-W53 and 2021-W01 each have an entry; 2020-W50 too, after a gap.
	log := days("2020-12-07", "2020-12-23", "2020-12-22", "2021-01-01", "2021-01-04")
	cases := []struct {
		name  string
		days  []time.Time
		today string
		want  weekly.Streak
	}{
		{"nothing logged", nil, "2021-01-06", weekly.Streak{}},
		{"across the new year, this week done", log, "2021-01-06", weekly.Streak{Current: 3, Longest: 3, ThisWeek: true}},
		{"this week not yet logged keeps last week's streak", log, "2021-01-13", weekly.Streak{Current: 3, Longest: 3}},
		{"a whole week without an entry breaks it", log, "2021-01-18", weekly.Streak{Current: 0, Longest: 3}},
		{"in the middle of the run", log, "2020-12-31", weekly.Streak{Current: 2, Longest: 2, ThisWeek: true}},
		{"future entries are ignored", days("2021-01-04", "2021-01-11"), "2021-01-05", weekly.Streak{Current: 1, Longest: 1, ThisWeek: true}},
		{"53-week year 2015", days("2015-12-21", "2015-12-28", "2016-01-04"), "2016-01-10", weekly.Streak{Current: 3, Longest: 3, ThisWeek: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := weekly.StreakOf(c.days, day(c.today)); got != c.want {
				t.Fatalf("StreakOf = %+v, want %+v", got, c.want)
			}
		})
	}
}
