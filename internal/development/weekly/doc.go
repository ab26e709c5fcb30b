// Package weekly counts a networking action log by ISO week and finds streaks. It is pure:
// no database, no clock (today is an argument).
//
// Days are calendar days: only the year, month and day of a time.Time are used, and
// results are at 00:00 UTC. Weeks are ISO 8601 weeks, Monday to Sunday, numbered by
// time.Time.ISOWeek, so the last days of December can belong to week 1 of the next year
// and the first days of January to week 52 or 53 of the previous one. Consecutive weeks are
// found by their Mondays being seven days apart, which is correct across year boundaries
// and 53-week years.
//
// The current streak is the number of consecutive ISO weeks, up to this week, with at
// least one entry. A week that is still running cannot break a streak: when this week has
// no entry yet, the streak is counted up to last week (and Streak.ThisWeek is false, so the
// page can say "log something this week to keep it").
package weekly
