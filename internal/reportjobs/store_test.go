package reportjobs

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// fakeQueue records the jobs inserted, or fails.
type fakeQueue struct {
	inserted []Args
	fail     error
}

func (q *fakeQueue) InsertTx(_ context.Context, tx *sql.Tx, args river.JobArgs, _ *river.InsertOpts) (*rivertype.JobInsertResult, error) {
	if tx == nil {
		return nil, errors.New("no transaction")
	}
	if q.fail != nil {
		return nil, q.fail
	}
	q.inserted = append(q.inserted, args.(Args))
	return &rivertype.JobInsertResult{}, nil
}

type fixture struct {
	store                *Store
	clock                *time.Time
	org, cohort, foreign string
	admin                string
}

func newFixture(t *testing.T, gdb *gorm.DB) fixture {
	t.Helper()
	ctx := context.Background()
	ids := identity.NewStore(gdb, identity.DefaultConfig())
	org, err := ids.CreateOrganisation(ctx, identity.OrganisationInput{Slug: "acme", Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := ids.CreateOrganisation(ctx, identity.OrganisationInput{Slug: "other", Name: "Other"})
	if err != nil {
		t.Fatal(err)
	}
	cohort, err := ids.CreateCohort(ctx, org.ID, identity.CohortInput{Name: "Spring"})
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := ids.CreateCohort(ctx, other.ID, identity.CohortInput{Name: "Theirs"})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := ids.CreateUser(ctx, identity.NewUser{OrganisationID: org.ID, Email: "admin@acme.example", Name: "Admin",
		Role: identity.RoleOrgAdmin, Password: "a long enough password"})
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	f := fixture{clock: &clock, org: org.ID, cohort: cohort.ID, foreign: foreign.ID, admin: admin.ID}
	f.store = NewStore(gdb, Config{ChunkSize: 10, Now: func() time.Time { return *f.clock }})
	return f
}

func TestRequestChecksAndQueuesInOneTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ctx := context.Background()
		q := &fakeQueue{}
		bad := map[string]Request{
			"lang":      {OrganisationID: f.org, Lang: "fr", RequestedBy: f.admin},
			"cohort_id": {OrganisationID: f.org, CohortID: f.foreign, Lang: "es", RequestedBy: f.admin},
		}
		for field, in := range bad {
			if _, err := f.store.Request(ctx, q, in); !isInvalid(err, field) {
				t.Errorf("%s: err = %v, want it invalid", field, err)
			}
		}
		if _, err := f.store.Request(ctx, q, Request{OrganisationID: f.org, CohortID: "nonsense", Lang: "es", RequestedBy: f.admin}); !isInvalid(err, "cohort_id") {
			t.Errorf("malformed cohort id: %v", err)
		}
		// A queue that fails leaves no job behind.
		if _, err := f.store.Request(ctx, &fakeQueue{fail: errors.New("queue down")}, Request{OrganisationID: f.org, Lang: "es", RequestedBy: f.admin}); err == nil {
			t.Fatal("a failing queue was ignored")
		}
		if jobs, _ := f.store.Jobs(ctx, f.org, 10); len(jobs) != 0 || len(q.inserted) != 0 {
			t.Fatalf("after refusals: %d jobs, %d queued", len(jobs), len(q.inserted))
		}
		job, err := f.store.Request(ctx, q, Request{OrganisationID: f.org, CohortID: f.cohort, Lang: "en", RequestedBy: f.admin})
		if err != nil {
			t.Fatal(err)
		}
		if len(q.inserted) != 1 || q.inserted[0].JobID != job.ID {
			t.Fatalf("queued %+v for job %s", q.inserted, job.ID)
		}
		got, err := f.store.Job(ctx, job.ID)
		if err != nil || got.Status != Queued || *got.CohortID != f.cohort || got.Lang != "en" || got.Percent() != 0 {
			t.Fatalf("job: %+v %v", got, err)
		}
	})
}

func isInvalid(err error, field string) bool {
	v, ok := errs.AsValidation(err)
	if !ok {
		return false
	}
	_, ok = v.Field(field)
	return ok
}

// TestZipLifecycle: chunks are written and read back in order; a new run discards what an
// interrupted one left; the ZIP can be downloaded until it expires, then Tidy deletes it,
// and later the job's row.
func TestZipLifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ctx := context.Background()
		job, err := f.store.Request(ctx, &fakeQueue{}, Request{OrganisationID: f.org, Lang: "es", RequestedBy: f.admin})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.store.Download(ctx, job.ID); !errors.Is(err, errs.ErrConflict) {
			t.Fatalf("download while queued: %v", err)
		}

		// An interrupted run: half a file written, some progress recorded.
		if _, err := f.store.begin(ctx, job.ID); err != nil {
			t.Fatal(err)
		}
		w := f.store.newChunkWriter(ctx, job.ID)
		if _, err := w.Write([]byte("stale bytes of a half-made zip")); err != nil {
			t.Fatal(err)
		}
		if err := f.store.progress(ctx, job.ID, 10)(3); err != nil {
			t.Fatal(err)
		}
		// The next run starts from nothing.
		again, err := f.store.begin(ctx, job.ID)
		if err != nil || again.Status != Running || again.Done != 0 {
			t.Fatalf("restart: %+v %v", again, err)
		}
		var n int64
		gdb.Model(&chunk{}).Where("job_id = ?", job.ID).Count(&n)
		if n != 0 {
			t.Fatalf("%d stale chunks left", n)
		}
		want := []byte("0123456789abcdefghijklmnopqrstuvwxy")
		w = f.store.newChunkWriter(ctx, job.ID)
		for _, part := range [][]byte{want[:3], want[3:21], want[21:]} {
			if _, err := w.Write(part); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil || w.size != int64(len(want)) || w.seq != 4 {
			t.Fatalf("close: %v, %d bytes in %d chunks", err, w.size, w.seq)
		}
		if err := f.store.finish(ctx, job.ID, 2, w.size); err != nil {
			t.Fatal(err)
		}
		// A finished job is not run again.
		if j, err := f.store.begin(ctx, job.ID); err != nil || j.Status != Done {
			t.Fatalf("begin on a finished job: %+v %v", j, err)
		}
		got, r, err := f.store.Download(ctx, job.ID)
		if err != nil || got.Size != int64(len(want)) || got.Percent() != 100 {
			t.Fatalf("download: %+v %v", got, err)
		}
		body, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(body, want) {
			t.Fatalf("read back %q, %v", body, err)
		}

		// Past the retention: expired at once, deleted by Tidy.
		*f.clock = f.clock.Add(f.store.cfg.Retention)
		if j, _ := f.store.Job(ctx, job.ID); j.Status != Expired {
			t.Fatalf("status after retention: %s", j.Status)
		}
		if _, _, err := f.store.Download(ctx, job.ID); !errors.Is(err, errs.ErrGone) {
			t.Fatalf("download after retention: %v", err)
		}
		if deleted, err := f.store.Tidy(ctx); err != nil || deleted != 1 {
			t.Fatalf("tidy: %d %v", deleted, err)
		}
		gdb.Model(&chunk{}).Where("job_id = ?", job.ID).Count(&n)
		if n != 0 {
			t.Fatalf("%d chunks left after tidy", n)
		}
		if deleted, err := f.store.Tidy(ctx); err != nil || deleted != 0 {
			t.Fatalf("second tidy: %d %v", deleted, err)
		}
		*f.clock = f.clock.Add(f.store.cfg.KeepRecords)
		if _, err := f.store.Tidy(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Job(ctx, job.ID); !errors.Is(err, errs.ErrNotFound) {
			t.Fatalf("job row after KeepRecords: %v", err)
		}
	})
}

func TestFailDiscardsTheZip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ctx := context.Background()
		job, err := f.store.Request(ctx, &fakeQueue{}, Request{OrganisationID: f.org, Lang: "es", RequestedBy: f.admin})
		if err != nil {
			t.Fatal(err)
		}
		w := f.store.newChunkWriter(ctx, job.ID)
		_, _ = w.Write(bytes.Repeat([]byte("x"), 25))
		if err := f.store.fail(ctx, job.ID, "database gone"); err != nil {
			t.Fatal(err)
		}
		got, err := f.store.Job(ctx, job.ID)
		if err != nil || got.Status != Failed || got.Error != "database gone" || !got.Finished() {
			t.Fatalf("failed job: %+v %v", got, err)
		}
		var n int64
		gdb.Model(&chunk{}).Where("job_id = ?", job.ID).Count(&n)
		if n != 0 {
			t.Fatalf("%d chunks kept for a failed job", n)
		}
		if _, _, err := f.store.Download(ctx, job.ID); !errors.Is(err, errs.ErrConflict) {
			t.Fatalf("download of a failed job: %v", err)
		}
	})
}
