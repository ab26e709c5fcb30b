package app_test

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/loadtest"
)

// BenchmarkBulkZip1000 runs the bulk job of an organisation of 1,000 learners, each with
// two self-assessments months apart: every report drawn (on every core) and written into
// the ZIP in the database. It reports the ZIP's size and the peak heap in use while the
// job runs, which must not grow with the number of learners. On PostgreSQL too when
// ACADEMY_TEST_POSTGRES_URL is set.
func BenchmarkBulkZip1000(b *testing.B) {
	for _, kind := range dbtest.Kinds() {
		b.Run(string(kind), func(b *testing.B) { benchmarkBulkZip(b, kind, 1000) })
	}
}

func benchmarkBulkZip(b *testing.B, kind db.Kind, learners int) {
	ctx := context.Background()
	s := apptest.New(b, kind)
	pop, err := loadtest.Populate(ctx, s.App.Identity(), learners, 0)
	if err != nil {
		b.Fatal(err)
	}
	importSittings(b, s, pop)
	admin, err := s.App.Identity().CreateUser(ctx, identity.NewUser{OrganisationID: pop.Organisation.ID,
		Email: "admin@" + pop.Organisation.Slug + ".example", Name: "Admin", Role: identity.RoleOrgAdmin, Password: apptest.DemoPassword})
	if err != nil {
		b.Fatal(err)
	}
	client := s.Login(admin.Email)

	var peak atomic.Uint64
	stop := make(chan struct{})
	go samplePeakHeap(&peak, stop)
	defer close(stop)
	runtime.GC()
	b.ResetTimer()
	var size int64
	for b.Loop() {
		id := requestBulk(b, client, pop.Organisation.ID, url.Values{"lang": {"es"}})
		if err := s.App.RunReportJob(ctx, id); err != nil {
			b.Fatal(err)
		}
		if err := s.App.DB().Raw("SELECT size FROM report_jobs WHERE id = ?", id).Row().Scan(&size); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/(1<<20), "MB/zip")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

// samplePeakHeap records the largest heap in use until stop is closed.
func samplePeakHeap(peak *atomic.Uint64, stop <-chan struct{}) {
	var m runtime.MemStats
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		runtime.ReadMemStats(&m)
		if m.HeapInuse > peak.Load() {
			peak.Store(m.HeapInuse)
		}
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// importSittings gives every learner of the population two submitted self-assessments,
// four months apart, through the response import.
func importSittings(b *testing.B, s *apptest.Server, pop loadtest.Population) {
	b.Helper()
	ctx := context.Background()
	st := s.App.Assessment()
	list, err := st.Instruments(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	id := ""
	for _, i := range list {
		if i.Key == "networking-self" {
			id = i.ID
		}
	}
	def, err := st.Definition(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	for sitting, ago := range []time.Duration{120 * 24 * time.Hour, 10 * 24 * time.Hour} {
		var csv strings.Builder
		csv.WriteString("email")
		for _, it := range def.Items {
			csv.WriteString("," + it.ID)
		}
		csv.WriteString("\n")
		for i, l := range pop.Learners {
			csv.WriteString(l.Email)
			for j, it := range def.Items {
				v := 1 + (i*7+j*3+sitting*(j%2))%5
				if len(it.Options) > 0 {
					v = 1 + (i+j)%len(it.Options)
				}
				fmt.Fprintf(&csv, ",%d", v)
			}
			csv.WriteString("\n")
		}
		_, err := st.ImportResponses(ctx, assessment.ImportOptions{InstrumentID: id, OrganisationID: pop.Organisation.ID,
			MatchUsers: true, SubmittedAt: time.Now().Add(-ago)}, strings.NewReader(csv.String()))
		if err != nil {
			b.Fatal(err)
		}
	}
}
