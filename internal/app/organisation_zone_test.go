package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
)

// An organisation's administrator sets its time zone; event forms are read in it and
// event pages show times in it, with its abbreviation.
func TestOrganisationTimeZonePages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		acme := orgID(t, s, "acme")
		settings, save := "/orgs/"+acme+"/branding", "/orgs/"+acme+"/time-zone"
		admin := s.Login("admin@acme.example")
		zoneOf := func() string {
			org, err := s.App.Identity().Organisation(context.Background(), acme)
			if err != nil {
				t.Fatal(err)
			}
			return org.TimeZone
		}

		body := wantStatus(t, "settings", admin.Get(settings), http.StatusOK)
		if !strings.Contains(body, `action="`+save+`"`) || !strings.Contains(body, `value="Europe/Madrid"`) || !strings.Contains(body, `<datalist id="time-zones">`) {
			t.Error("the settings page lacks the time zone form with the current zone")
		}

		// An unknown zone is refused in the reader's language and changes nothing.
		body = wantStatus(t, "unknown zone", admin.PostForm(save, url.Values{"time_zone": {"Europe/Atlantis"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, "«Europe/Atlantis» no es una zona horaria que conozcamos") || !strings.Contains(body, `href="#f-time_zone"`) ||
			!strings.Contains(body, `value="Europe/Atlantis"`) {
			t.Error("the unknown zone is not reported in Spanish at its field")
		}
		english := s.Login("admin@acme.example")
		english.PostForm("/language", url.Values{"lang": {"en"}, "next": {"/home"}})
		body = wantStatus(t, "unknown zone in English", english.PostForm(save, url.Values{"time_zone": {"Mars/Olympus"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, "“Mars/Olympus” is not a time zone we know") {
			t.Error("the unknown zone is not reported in English")
		}
		if z := zoneOf(); z != "Europe/Madrid" {
			t.Fatalf("refused zones changed it to %s", z)
		}

		// Only the organisation's administrators may change it.
		wantStatus(t, "coach sets the zone", s.Login("coach@acme.example").PostForm(save, url.Values{"time_zone": {"UTC"}}), http.StatusForbidden)
		wantStatus(t, "learner sets the zone", s.Login("learner1@acme.example").PostForm(save, url.Values{"time_zone": {"UTC"}}), http.StatusForbidden)
		wantStatus(t, "another organisation's admin", s.Login("admin@globex.example").PostForm(save, url.Values{"time_zone": {"UTC"}}), http.StatusNotFound)
		if z := zoneOf(); z != "Europe/Madrid" {
			t.Fatalf("refused people changed it to %s", z)
		}

		// A coach in Madrid types 18:00 on a winter day and on a summer day: 17:00 and
		// 16:00 UTC are stored, and the page shows 18:00 with CET and CEST.
		coach := s.Login("coach@acme.example")
		year := time.Now().UTC().Year() + 1
		for _, c := range []struct {
			typed, shown string
			utc          time.Time
		}{
			{"-03-20T18:00", "20 de marzo de %d, 18:00 CET", time.Date(year, 3, 20, 17, 0, 0, 0, time.UTC)},
			{"-04-03T18:00", "3 de abril de %d, 18:00 CEST", time.Date(year, 4, 3, 16, 0, 0, 0, time.UTC)},
		} {
			typed := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") + c.typed
			resp := coach.PostForm("/orgs/"+acme+"/events", url.Values{"title": {"Desayuno " + typed}, "place": {"Madrid"}, "starts_at": {typed}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("publish at %s: %d", typed, resp.StatusCode)
			}
			page := strings.TrimSuffix(resp.Header.Get("Location"), "?done=event_published")
			e, err := s.App.Development().Event(context.Background(), strings.TrimPrefix(page, "/events/"))
			if err != nil {
				t.Fatal(err)
			}
			if !e.StartsAt.Equal(c.utc) {
				t.Errorf("typed %s in Madrid, stored %v; want %v", typed, e.StartsAt, c.utc)
			}
			shown := strings.Replace(c.shown, "%d", time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"), 1)
			if body := wantStatus(t, "event page", coach.Get(page), http.StatusOK); !strings.Contains(body, shown) {
				t.Errorf("the event page does not show %q", shown)
			}
			if body := wantStatus(t, "edit form", coach.Get(page+"/edit"), http.StatusOK); !strings.Contains(body, `value="`+typed+`"`) {
				t.Errorf("the edit form does not show %s again", typed)
			}
		}

		// In the Canaries the same event is an hour earlier; the platform admin sees the
		// organisation's zone, not their own.
		resp := admin.PostForm(save, url.Values{"time_zone": {" Atlantic/Canary "}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != settings+"?done=time_zone_saved" {
			t.Fatalf("save: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		if z := zoneOf(); z != "Atlantic/Canary" {
			t.Fatalf("saved %q", z)
		}
		// (The account speaks English since the language switch above.)
		if body := wantStatus(t, "saved", admin.Get(settings+"?done=time_zone_saved"), http.StatusOK); !strings.Contains(body, "Time zone saved.") {
			t.Error("the change is not confirmed")
		}
		body = wantStatus(t, "events in the Canaries", s.Login("admin@academy.example").Get("/orgs/"+acme+"/events"), http.StatusOK)
		if !strings.Contains(body, "17:00 WET") && !strings.Contains(body, "17:00 WEST") {
			t.Error("the events list is not shown in the organisation's new zone")
		}
	})
}
