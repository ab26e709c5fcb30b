package web

import (
	"testing"
	"time"
)

func TestDateTimeInZone(t *testing.T) {
	cat, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	es, en := cat.Locale("es"), cat.Locale("en")
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	madrid := zone("Europe/Madrid")
	cases := []struct {
		lo   Locale
		at   time.Time
		loc  *time.Location
		want string
	}{
		{es, time.Date(2026, 11, 26, 17, 0, 0, 0, time.UTC), madrid, "26 de noviembre de 2026, 18:00 CET"},
		{en, time.Date(2026, 11, 26, 17, 0, 0, 0, time.UTC), madrid, "26 November 2026, 18:00 CET"},
		{es, time.Date(2026, 3, 28, 17, 0, 0, 0, time.UTC), madrid, "28 de marzo de 2026, 18:00 CET"},
		{es, time.Date(2026, 3, 30, 16, 0, 0, 0, time.UTC), madrid, "30 de marzo de 2026, 18:00 CEST"},
		// The day is the zone's: 23:30 UTC is already the next day in Madrid.
		{en, time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC), madrid, "1 July 2026, 01:30 CEST"},
		{en, time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC), nil, "30 June 2026, 23:30 UTC"},
		{es, time.Date(2026, 6, 30, 21, 0, 0, 0, time.UTC), zone("America/Sao_Paulo"), "30 de junio de 2026, 18:00 (Sao Paulo)"},
		{en, time.Date(2026, 6, 30, 22, 0, 0, 0, time.UTC), zone("America/New_York"), "30 June 2026, 18:00 EDT"},
		{en, time.Time{}, madrid, ""},
	}
	for _, c := range cases {
		if got := c.lo.DateTimeIn(c.at, c.loc); got != c.want {
			t.Errorf("DateTimeIn(%v, %v) in %s = %q; want %q", c.at, c.loc, c.lo.Lang, got, c.want)
		}
	}
	if got := es.DateTime(time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC)); got != "26 de noviembre de 2026, 18:00 UTC" {
		t.Errorf("DateTime = %q", got)
	}
	v := &View{Locale: es, Zone: madrid}
	if got := v.DateTime(time.Date(2026, 11, 26, 17, 0, 0, 0, time.UTC)); got != "26 de noviembre de 2026, 18:00 CET" {
		t.Errorf("View.DateTime = %q", got)
	}
}
