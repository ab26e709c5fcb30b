package ui

import (
	"testing"
	"time"
)

// Madrid moves its clocks forward on 29 March 2026 (02:00 CET becomes 03:00 CEST).
func TestMomentInZoneAcrossSummerTime(t *testing.T) {
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		typed string
		utc   time.Time
	}{
		{"2026-03-26T18:00", time.Date(2026, 3, 26, 17, 0, 0, 0, time.UTC)},     // CET, UTC+1
		{"2026-04-02T18:00", time.Date(2026, 4, 2, 16, 0, 0, 0, time.UTC)},      // CEST, UTC+2
		{"2026-03-29T01:30:15", time.Date(2026, 3, 29, 0, 30, 15, 0, time.UTC)}, // the night of the change, before it
		{"2026-10-25T18:00", time.Date(2026, 10, 25, 17, 0, 0, 0, time.UTC)},    // back to CET
	}
	for _, c := range cases {
		got, ok := parseMoment(c.typed, madrid)
		if !ok || !got.Equal(c.utc) || got.Location() != time.UTC {
			t.Errorf("parseMoment(%q) = %v, %v; want %v", c.typed, got, ok, c.utc)
		}
		if back := formatMoment(got, madrid); back != c.typed {
			t.Errorf("formatMoment(%v) = %q; want %q", got, back, c.typed)
		}
	}
	if got, _ := parseMoment("2026-03-26T18:00", time.UTC); !got.Equal(time.Date(2026, 3, 26, 18, 0, 0, 0, time.UTC)) {
		t.Errorf("in UTC: %v", got)
	}
	for _, bad := range []string{"mañana", "2026-03-26", "2026-03-26 18:00", "2026-02-30T10:00"} {
		if _, ok := parseMoment(bad, madrid); ok {
			t.Errorf("parseMoment(%q) accepted", bad)
		}
	}
	if got, ok := parseMoment("  ", madrid); !ok || !got.IsZero() {
		t.Errorf("empty: %v, %v", got, ok)
	}
}
