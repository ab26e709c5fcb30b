package app_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/footprint"
	"github.com/academy-platform/academy/internal/web"
)

// listFixture is a learner with long lists (more than a page of everything the API lists)
// and tokens of the people who read them.
type listFixture struct {
	s                                *apptest.Server
	learner, coach, admin, root      string // tokens
	learnerID, coachID, orgID, group string
	// eventDay is a day far enough ahead that only the fixture's events start on it.
	eventDay time.Time
}

func newListFixture(t *testing.T, s *apptest.Server) listFixture {
	t.Helper()
	ctx, dev := context.Background(), s.App.Development()
	f := listFixture{s: s, learner: s.Token("learner8@acme.example"), coach: s.Token("coach@acme.example"),
		admin: s.Token("admin@acme.example"), root: s.Token("admin@academy.example"),
		learnerID: userID(t, s, "learner8@acme.example"), coachID: userID(t, s, "coach@acme.example"),
		orgID: orgID(t, s, "acme"), group: cohortID(t, s, "Liderazgo · primavera"),
		eventDay: time.Now().UTC().AddDate(0, 0, 40).Truncate(24 * time.Hour)}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Goals: several due on the same day, open and closed ones.
	for i, g := range []struct {
		due    int
		status development.GoalStatus
	}{{3, ""}, {3, development.GoalDone}, {3, ""}, {5, development.GoalDropped}, {8, ""}, {8, development.GoalInProgress}, {10, ""}} {
		must(dev.CreateGoal(ctx, f.learnerID, f.learnerID, development.GoalInput{Dimension: "giving-first",
			Title: fmt.Sprintf("Goal %d", i), SuccessMeasure: "Something to see", DueOn: day(g.due), Status: g.status}))
	}
	// Action-log entries: several on the same day.
	for _, d := range []int{0, 0, -1, -1, -1, -5, -9} {
		must(dev.LogAction(ctx, f.learnerID, f.learnerID, development.ActionInput{On: day(d), Type: development.ActionHelped}))
	}
	for i := range 5 {
		must(dev.InviteObserver(ctx, f.learnerID, f.learnerID, development.ObserverInput{
			Email: fmt.Sprintf("observer%d@partner.example", i), Relationship: "peer"}))
	}
	// Notes, written at known times.
	for i, at := range []string{"2026-01-10T09:00:00Z", "2026-01-10T15:00:00Z", "2026-01-11T08:00:00Z", "2026-01-12T10:00:00Z", "2026-01-12T10:00:00Z"} {
		n, err := dev.AddNote(ctx, f.coachID, f.learnerID, development.NoteInput{Body: fmt.Sprintf("Note %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		when, _ := time.Parse(time.RFC3339, at)
		if err := s.App.DB().Table("coach_notes").Where("id = ?", n.ID).Update("created_at", when).Error; err != nil {
			t.Fatal(err)
		}
	}
	answers := footprint.Answers{}
	for _, q := range footprint.Checklist() {
		answers[q.ID] = max(q.Target, 1)
	}
	for range 3 {
		must(dev.SaveFootprint(ctx, f.learnerID, f.learnerID, answers))
	}
	// Events on eventDay: two start at the same moment; one is for another cohort.
	for i, e := range []struct {
		hour   int
		cohort string
	}{{10, ""}, {10, f.group}, {12, f.group}, {15, ""}, {18, cohortID(t, s, "Desarrollo de negocio 2026")}, {20, f.group}} {
		must(dev.CreateEvent(ctx, f.coachID, f.orgID, development.EventInput{Title: fmt.Sprintf("Event %d", i),
			StartsAt: f.eventDay.Add(time.Duration(e.hour) * time.Hour), Place: "Madrid", CohortID: e.cohort}))
	}
	return f
}

// listAnswer is one page of a list, read generically.
type listAnswer struct {
	status int
	etag   string
	ids    []string
	next   *string
	raw    []byte
}

// get reads one page of the list named key at path.
func (f listFixture) get(t *testing.T, token, path, key string, header ...string) listAnswer {
	t.Helper()
	resp, body := f.s.API(token, http.MethodGet, path, nil, header...)
	out := listAnswer{status: resp.StatusCode, etag: resp.Header.Get("ETag"), raw: body}
	if resp.StatusCode != http.StatusOK {
		return out
	}
	var page map[string]json.RawMessage
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	var items []struct {
		ID    string
		Slug  string
		Event struct{ ID string }
	}
	if err := json.Unmarshal(page[key], &items); err != nil {
		t.Fatalf("GET %s: %s: %v", path, key, err)
	}
	for _, it := range items {
		out.ids = append(out.ids, it.ID+it.Slug+it.Event.ID)
	}
	if err := json.Unmarshal(page["next_cursor"], &out.next); err != nil {
		t.Fatalf("GET %s: next_cursor: %v", path, err)
	}
	return out
}

// walk reads every page of a list, limit items at a time, calling between (if given)
// after each page, and returns the pages' items in order.
func (f listFixture) walk(t *testing.T, token, path, key string, limit int, between func(page int)) (ids []string, pages int) {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	cursor := ""
	for {
		a := f.get(t, token, path+sep+"limit="+fmt.Sprint(limit)+cursor, key)
		if a.status != http.StatusOK {
			t.Fatalf("GET %s page %d: %d %s", path, pages+1, a.status, a.raw)
		}
		pages++
		if len(a.ids) > limit || (a.next != nil && len(a.ids) != limit) {
			t.Fatalf("GET %s page %d: %d items, next %v", path, pages, len(a.ids), a.next)
		}
		ids = append(ids, a.ids...)
		if a.next == nil {
			return ids, pages
		}
		if pages > 100 {
			t.Fatalf("GET %s: no end after 100 pages", path)
		}
		if between != nil {
			between(pages)
		}
		cursor = "&cursor=" + url.QueryEscape(*a.next)
	}
}

func TestAPIListsWalkPages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		f := newListFixture(t, s)
		user := "/api/v1/users/" + f.learnerID
		for _, l := range []struct {
			token, path, key string
			limit            int
		}{
			{f.root, "/api/v1/cohorts", "cohorts", 1},
			{f.admin, "/api/v1/instruments", "instruments", 1},
			{f.learner, "/api/v1/modules", "modules", 2},
			{f.coach, user + "/goals", "goals", 3},
			{f.learner, user + "/actions", "entries", 3},
			{f.learner, user + "/observers", "invitations", 2},
			{f.coach, user + "/notes", "notes", 2},
			{f.admin, user + "/footprint", "checks", 2},
			{f.learner, "/api/v1/events", "events", 2},
			{f.learner, "/api/v1/events?from=" + f.eventDay.Format(development.DateLayout), "events", 1},
			{f.admin, "/api/v1/events?cohort=" + f.group, "events", 3},
		} {
			t.Run(strings.TrimPrefix(l.path, "/api/v1/"), func(t *testing.T) {
				all := f.get(t, l.token, l.path, l.key)
				if all.status != http.StatusOK || all.next != nil || len(all.ids) < 2 {
					t.Fatalf("the whole list: %d, %d items, next %v: %s", all.status, len(all.ids), all.next, all.raw)
				}
				got, pages := f.walk(t, l.token, l.path, l.key, l.limit, nil)
				if !slices.Equal(got, all.ids) {
					t.Fatalf("pages of %d give\n%v\nthe whole list is\n%v", l.limit, got, all.ids)
				}
				if want := (len(all.ids) + l.limit - 1) / l.limit; pages != want {
					t.Errorf("%d pages for %d items of %d, want %d", pages, len(all.ids), l.limit, want)
				}
			})
		}

		t.Run("default and largest page", func(t *testing.T) {
			if a := f.get(t, f.learner, "/api/v1/modules?limit=200", "modules"); a.status != http.StatusOK || a.next != nil {
				t.Fatalf("limit=200: %d next %v", a.status, a.next)
			}
			for range 50 {
				if _, err := s.App.Development().LogAction(context.Background(), f.learnerID, f.learnerID,
					development.ActionInput{On: day(-2), Type: development.ActionFollowedUp}); err != nil {
					t.Fatal(err)
				}
			}
			if a := f.get(t, f.learner, user+"/actions", "entries"); len(a.ids) != 50 || a.next == nil {
				t.Fatalf("without a limit: %d entries, next %v; want 50 and more to come", len(a.ids), a.next)
			}
		})

		t.Run("rows added while walking", func(t *testing.T) {
			before := f.get(t, f.learner, "/api/v1/events?from="+f.eventDay.Format(development.DateLayout), "events").ids
			var added string
			got, _ := f.walk(t, f.learner, "/api/v1/events?from="+f.eventDay.Format(development.DateLayout), "events", 2, func(page int) {
				if page != 1 {
					return
				}
				// One before the page already read (not shown, nothing shifts), one after it.
				for _, hour := range []int{1, 23} {
					e, err := s.App.Development().CreateEvent(context.Background(), f.coachID, f.orgID, development.EventInput{
						Title: "Added", StartsAt: f.eventDay.Add(time.Duration(hour) * time.Hour), Place: "Madrid"})
					if err != nil {
						t.Fatal(err)
					}
					added = e.ID
				}
			})
			if want := append(slices.Clone(before), added); !slices.Equal(got, want) {
				t.Fatalf("walked\n%v\nwant\n%v", got, want)
			}
		})
	})
}

func TestAPIListFilters(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		f := newListFixture(t, s)
		user := "/api/v1/users/" + f.learnerID
		count := func(token, path, key string) int {
			t.Helper()
			a := f.get(t, token, path, key)
			if a.status != http.StatusOK {
				t.Fatalf("GET %s: %d %s", path, a.status, a.raw)
			}
			return len(a.ids)
		}
		at := func(hour int) string {
			return url.QueryEscape(f.eventDay.Add(time.Duration(hour) * time.Hour).Format(time.RFC3339))
		}
		dayOf := func(n int) string { return f.eventDay.AddDate(0, 0, n).Format(development.DateLayout) }
		// Demo history may hold older entries; the fixture's are the only ones from 9 days ago on.
		for _, c := range []struct {
			name, token, path, key string
			want                   int
		}{
			{"actions of two days", f.learner, user + "/actions?from=" + day(-1) + "&to=" + day(0), "entries", 5},
			{"actions of one day", f.learner, user + "/actions?from=" + day(-1) + "&to=" + day(-1), "entries", 3},
			{"a moment in a day keeps the day", f.learner, user + "/actions?from=" + url.QueryEscape(day(-1)+"T23:00:00Z") + "&to=" + day(-1), "entries", 3},
			{"actions up to a moment", f.learner, user + "/actions?from=" + day(-9) + "&to=" + url.QueryEscape(day(-5)+"T00:00:00Z"), "entries", 2},
			{"goals due from a day", f.coach, user + "/goals?from=" + day(8), "goals", 3},
			{"goals due in a week", f.coach, user + "/goals?from=" + day(4) + "&to=" + day(8), "goals", 3},
			{"notes of a day", f.coach, user + "/notes?from=2026-01-10&to=2026-01-10", "notes", 2},
			{"notes from a moment", f.coach, user + "/notes?from=" + url.QueryEscape("2026-01-10T15:00:00Z"), "notes", 4},
			{"notes up to a moment, included", f.coach, user + "/notes?to=" + url.QueryEscape("2026-01-10T15:00:00Z"), "notes", 2},
			{"notes in another time zone", f.coach, user + "/notes?from=" + url.QueryEscape("2026-01-11T09:00:00+01:00") + "&to=2026-01-11", "notes", 1},
			{"events of a day", f.learner, "/api/v1/events?from=" + dayOf(0) + "&to=" + dayOf(0), "events", 5},
			{"events from a moment", f.learner, "/api/v1/events?from=" + at(10) + "&to=" + dayOf(0), "events", 5},
			{"events up to a moment, included", f.learner, "/api/v1/events?from=" + dayOf(0) + "&to=" + at(12), "events", 3},
			{"events after a moment", f.learner, "/api/v1/events?from=" + at(11) + "&to=" + dayOf(0), "events", 3},
			{"events of a cohort", f.admin, "/api/v1/events?cohort=" + f.group + "&from=" + dayOf(0) + "&to=" + dayOf(0), "events", 5},
			{"events of another cohort", f.admin, "/api/v1/events?cohort=" + cohortID(t, s, "Desarrollo de negocio 2026") +
				"&from=" + dayOf(0) + "&to=" + dayOf(0), "events", 3},
			{"all events of the day", f.admin, "/api/v1/events?from=" + dayOf(0) + "&to=" + dayOf(0), "events", 6},
		} {
			if got := count(c.token, c.path, c.key); got != c.want {
				t.Errorf("%s: %d items, want %d (GET %s)", c.name, got, c.want, c.path)
			}
		}
		// A filter and a page together.
		ids, _ := f.walk(t, f.coach, user+"/notes?from=2026-01-10T12:00:00Z&to=2026-01-12", "notes", 1, nil)
		if len(ids) != 4 {
			t.Errorf("filtered notes, one per page: %d", len(ids))
		}
	})
}

func TestAPIListBadParameters(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		f := listFixture{s: s, learner: s.Token("learner8@acme.example"), coach: s.Token("coach@acme.example"),
			learnerID: userID(t, s, "learner8@acme.example")}
		user := "/api/v1/users/" + f.learnerID
		cohorts := f.get(t, f.learner, "/api/v1/modules?limit=1", "modules")
		if cohorts.next == nil {
			t.Fatal("no second page of modules")
		}
		forged := func(v any) string {
			b, _ := json.Marshal(v)
			return base64.RawURLEncoding.EncodeToString(b)
		}
		type messages struct{ en, es string }
		limit := messages{"Ask for between 1 and 200 items per page.", "Pide entre 1 y 200 elementos por página."}
		cursor := messages{"This page cursor is not valid for this list. Start again from the first page, without a cursor.",
			"Este cursor de página no vale para esta lista. Vuelve a empezar desde la primera página, sin cursor."}
		date := messages{"Enter a date as YYYY-MM-DD, or a date and time as 2026-03-02T09:30:00Z.",
			"Escribe una fecha como AAAA-MM-DD, o una fecha y hora como 2026-03-02T09:30:00Z."}
		for _, c := range []struct {
			token, path, field string
			want               messages
		}{
			{f.learner, "/api/v1/cohorts?limit=0", "limit", limit},
			{f.learner, "/api/v1/instruments?limit=201", "limit", limit},
			{f.learner, user + "/goals?limit=ten", "limit", limit},
			{f.learner, "/api/v1/modules?limit=-3", "limit", limit},
			{f.learner, "/api/v1/events?cursor=nonsense", "cursor", cursor},
			{f.learner, "/api/v1/events?cursor=" + url.QueryEscape(*cohorts.next), "cursor", cursor},
			{f.learner, user + "/actions?cursor=" + forged(map[string]any{"l": "actions", "k": []string{"yesterday", "x", "y"}}), "cursor", cursor},
			{f.learner, user + "/observers?cursor=" + forged(map[string]any{"l": "observers", "k": []string{"x"}}), "cursor", cursor},
			{f.learner, "/api/v1/modules?cursor=" + forged(map[string]any{"l": "modules", "k": []string{"first", "x"}}), "cursor", cursor},
			{f.learner, "/api/v1/events?from=tomorrow", "from", date},
			{f.learner, user + "/actions?to=2026-02-30", "to", date},
			{f.coach, user + "/notes?from=" + url.QueryEscape("2026-03-02 10:00"), "from", date},
			{f.coach, user + "/notes?from=2026-03-05&to=2026-03-04", "to", messages{"This must not come before “from”.", "No puede ser anterior a «from»."}},
			{f.learner, user + "/actions?weeks=0", "weeks", messages{"This is outside what is allowed (1..104).", "Está fuera de lo permitido (1..104)."}},
		} {
			for lang, want := range map[string]string{"en": c.want.en, "es": c.want.es} {
				resp, body := s.API(c.token, http.MethodGet, c.path, nil, "Accept-Language", lang)
				var e web.APIError
				if err := json.Unmarshal(body, &e); resp.StatusCode != http.StatusBadRequest || err != nil || e.Error.Code != "bad_request" {
					t.Errorf("%s GET %s: %d %s, want 400 bad_request", lang, c.path, resp.StatusCode, body)
					continue
				}
				general := map[string]string{"en": "We could not understand the request.", "es": "No hemos podido entender la petición."}[lang]
				if e.Error.Message != general || e.Error.Fields[c.field] != want {
					t.Errorf("%s GET %s: %q %v, want %q on %s", lang, c.path, e.Error.Message, e.Error.Fields, want, c.field)
				}
			}
		}
	})
}

func TestAPIListETags(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		f := listFixture{s: s, learner: s.Token("learner8@acme.example"), learnerID: userID(t, s, "learner8@acme.example")}
		goals := "/api/v1/users/" + f.learnerID + "/goals"
		first := f.get(t, f.learner, goals, "goals")
		if first.status != http.StatusOK || len(first.etag) < 10 || !strings.HasPrefix(first.etag, `"`) {
			t.Fatalf("GET: %d, ETag %q (want a strong one)", first.status, first.etag)
		}
		for _, ifNoneMatch := range []string{first.etag, "W/" + first.etag, `"other", ` + first.etag, "*"} {
			resp, body := s.API(f.learner, http.MethodGet, goals, nil, "If-None-Match", ifNoneMatch)
			if resp.StatusCode != http.StatusNotModified || len(body) != 0 || resp.Header.Get("ETag") != first.etag {
				t.Errorf("If-None-Match %s: %d, %d bytes, ETag %q; want 304, no body, the same ETag", ifNoneMatch, resp.StatusCode, len(body), resp.Header.Get("ETag"))
			}
		}
		if again := f.get(t, f.learner, goals, "goals", "If-None-Match", `"other"`); again.status != http.StatusOK || again.etag != first.etag {
			t.Errorf("another ETag: %d %q", again.status, again.etag)
		}
		if _, err := s.App.Development().CreateGoal(context.Background(), f.learnerID, f.learnerID, development.GoalInput{
			Dimension: "giving-first", Title: "A new goal", SuccessMeasure: "Seen", DueOn: day(2)}); err != nil {
			t.Fatal(err)
		}
		changed := f.get(t, f.learner, goals, "goals", "If-None-Match", first.etag)
		if changed.status != http.StatusOK || changed.etag == first.etag || len(changed.ids) != len(first.ids)+1 {
			t.Errorf("after a change: %d, ETag %q (was %q), %d goals", changed.status, changed.etag, first.etag, len(changed.ids))
		}
		// The ETag follows the body: another page, another language.
		es := f.get(t, f.learner, "/api/v1/modules?limit=2", "modules", "Accept-Language", "es")
		en := f.get(t, f.learner, "/api/v1/modules?limit=2", "modules", "Accept-Language", "en")
		next := f.get(t, f.learner, "/api/v1/modules?limit=2&cursor="+url.QueryEscape(*en.next), "modules", "Accept-Language", "en")
		if es.etag == en.etag || en.etag == next.etag || es.etag == "" {
			t.Errorf("ETags es %q, en %q, next page %q: want three different ones", es.etag, en.etag, next.etag)
		}
	})
}
