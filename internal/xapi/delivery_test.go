package xapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/xapi"
	"github.com/academy-platform/academy/internal/xapi/xapitest"
)

// deliveryFixture has n pending statements and a worker that delivers them to lrs.
func deliveryFixture(t *testing.T, gdb *gorm.DB, lrs *xapitest.LRS, password string, n int) (*fixture, *xapi.Worker, []string) {
	t.Helper()
	f := newFixture(t, gdb)
	s := f.store(xapi.LRSConfig{Endpoint: lrs.Endpoint(), Username: "academy", Password: password,
		Timeout: 300 * time.Millisecond, BatchSize: 3, Interval: time.Second})
	var ids []string
	for m := range n {
		e := goal(f.ana, m)
		f.record(s, e)
		ids = append(ids, builder().StatementID(e.ID))
	}
	sort.Strings(ids)
	return f, xapi.NewWorker(s, slog.New(slog.DiscardHandler)), ids
}

// drain delivers until nothing is pending, failing on any error.
func drain(t *testing.T, f *fixture, w *xapi.Worker) {
	t.Helper()
	for range 20 {
		n, err := w.DeliverBatch(f.ctx)
		if err != nil {
			t.Fatalf("delivery after recovery: %v", err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("delivery does not end")
}

func storedIDs(lrs *xapitest.LRS) []string {
	var out []string
	for id := range lrs.Stored() {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// TestDeliverySurvivesAnOutage: refused connections, error answers and a timeout leave
// every statement pending; once the LRS answers, each is delivered, and the LRS holds each
// id once although one batch arrived twice.
func TestDeliverySurvivesAnOutage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		lrs := xapitest.New(t, "academy", "secret")
		f, w, ids := deliveryFixture(t, gdb, lrs, "secret", 7)
		lrs.Down()
		failures := []struct {
			name   string
			inject func()
			want   string
		}{
			{"connection refused", func() {}, "connection refused"},
			{"server error", func() { lrs.Up(); lrs.Fail(http.StatusInternalServerError, 1) }, "500"},
			{"unavailable", func() { lrs.Fail(http.StatusServiceUnavailable, 1) }, "503"},
			{"timeout", func() { lrs.Stall(600*time.Millisecond, 1) }, "Timeout"},
		}
		for _, fl := range failures {
			fl.inject()
			n, err := w.DeliverBatch(f.ctx)
			if err == nil || n != 0 || !strings.Contains(err.Error(), fl.want) {
				t.Fatalf("%s: delivered %d, error %v", fl.name, n, err)
			}
			if p := f.count("delivery = ?", xapi.Pending); p != 7 {
				t.Fatalf("%s: %d pending, want all 7", fl.name, p)
			}
		}
		time.Sleep(400 * time.Millisecond) // the stalled request is stored meanwhile
		drain(t, f, w)
		if f.count("delivery = ?", xapi.Sent) != 7 || f.count("sent_at IS NULL") != 0 {
			t.Fatal("not every statement is marked sent")
		}
		if got := storedIDs(lrs); strings.Join(got, ",") != strings.Join(ids, ",") {
			t.Fatalf("the LRS holds %v, want %v", got, ids)
		}
		if _, received := lrs.Counts(); received != 10 {
			t.Errorf("the LRS received %d statements, want 7 and the 3 of the timed-out batch again", received)
		}
		if p := lrs.Problems(); len(p) != 0 {
			t.Errorf("LRS problems: %v", p)
		}
		// Three batches failed before reaching the LRS or storing, one timed out: the first
		// batch's statements count five posts.
		if n := f.count("attempts = 5"); n != 3 {
			t.Errorf("%d statements with 5 attempts", n)
		}
	})
}

// TestDeliverySetsAsideWhatTheLRSRejects: a batch refused as invalid is sent one by
// one; the statement the LRS refuses alone is marked rejected and the rest are sent.
func TestDeliverySetsAsideWhatTheLRSRejects(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		lrs := xapitest.New(t, "academy", "secret")
		f, w, ids := deliveryFixture(t, gdb, lrs, "secret", 4)
		lrs.Reject(ids[1])
		drain(t, f, w)
		if f.count("delivery = ? AND id = ? AND error LIKE ?", xapi.Rejected, ids[1], "%not valid%") != 1 ||
			f.count("delivery = ?", xapi.Sent) != 3 {
			t.Fatal("want one statement rejected with the LRS's message and three sent")
		}
		if got := storedIDs(lrs); len(got) != 3 {
			t.Fatalf("the LRS holds %v", got)
		}
	})
}

// TestDeliveryTakesAConflictAsStored: an id the LRS already holds (409) counts as sent.
func TestDeliveryTakesAConflictAsStored(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		lrs := xapitest.New(t, "", "")
		f, w, ids := deliveryFixture(t, gdb, lrs, "", 3)
		// Another copy of Academy (say, a restored backup) sent a different statement with
		// one of these ids.
		other := map[string]any{"id": ids[0], "actor": map[string]any{"mbox": "mailto:x@example.com"},
			"verb": map[string]any{"id": xapi.VerbCompleted}, "object": map[string]any{"id": "http://example.com/a"}}
		body, _ := json.Marshal(other)
		req, _ := http.NewRequest(http.MethodPost, lrs.Endpoint()+"/statements", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Experience-API-Version", xapi.Version)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		drain(t, f, w)
		if f.count("delivery = ?", xapi.Sent) != 3 {
			t.Fatal("a conflicting id must count as delivered, the others as sent")
		}
	})
}

func TestDeliveryWithWrongCredentialsKeepsStatements(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		lrs := xapitest.New(t, "academy", "secret")
		f, w, _ := deliveryFixture(t, gdb, lrs, "wrong", 2)
		if _, err := w.DeliverBatch(f.ctx); err == nil || !strings.Contains(err.Error(), "401") {
			t.Fatalf("error = %v, want the LRS's 401", err)
		}
		if f.count("delivery = ?", xapi.Pending) != 2 || len(lrs.Stored()) != 0 {
			t.Fatal("statements must stay pending")
		}
	})
}

func TestRetryPausesGrow(t *testing.T) {
	gdb := dbtest.New(t, "sqlite")
	lrs := xapitest.New(t, "", "")
	_, w, _ := deliveryFixture(t, gdb, lrs, "", 0)
	pause := func(attempt int) time.Duration {
		job := &river.Job[xapi.DeliverArgs]{JobRow: &rivertype.JobRow{Attempt: attempt}}
		return time.Until(w.NextRetry(job)).Round(time.Second)
	}
	for attempt, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 4: 8 * time.Second,
		20: xapi.MaxBackoff, 1000: xapi.MaxBackoff} {
		if got := pause(attempt); got != want {
			t.Errorf("pause after attempt %d = %v, want %v", attempt, got, want)
		}
	}
}
